using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace Streams.SampleStreams.Cli;

/// <summary>
/// The command line: <c>--preset NAME --out FILE [overrides]</c> renders one clip, <c>--all --out-dir DIR</c> the
/// committed samples. Exit codes: 0 done, 1 bad arguments, 2 rendering or encoding failed, 130 cancelled.
/// </summary>
internal static class SampleStreamsCommand
{
    /// <summary>How scene.json records the command that regenerates a clip.</summary>
    public const string CommandPrefix = "dotnet run --project tools/Streams.SampleStreams --";

    public const int ExitOk = 0;
    public const int ExitBadArguments = 1;
    public const int ExitFailed = 2;
    public const int ExitCancelled = 130;

    public static RootCommand Create()
    {
        Option<string?> preset = new("--preset") { Description = "The scene to render: " + PresetNames(", "), HelpName = "name" };
        preset.AcceptOnlyFromAmong([.. ScenePreset.All.Select(static p => p.Name)]);
        Option<bool> all = new("--all") { Description = "Render the committed samples (every preset with its own seed) into --out-dir." };
        Option<bool> list = new("--list") { Description = "List the presets and their defaults, then exit." };
        Option<string?> output = new("--out", "-o") { Description = "The clip to write (.mp4, .mkv or .ts; any name with --format raw).", HelpName = "file" };
        Option<string?> outDir = new("--out-dir") { Description = "The folder --all writes into.", HelpName = "dir" };
        Option<string> format = new("--format")
        {
            Description = "h264: encode with ffmpeg/libx264; raw: rgb24 frames back to back.",
            DefaultValueFactory = static _ => "h264",
        };
        format.AcceptOnlyFromAmong("h264", "raw");
        Option<int?> crf = new("--crf") { Description = "libx264 CRF, 0-51 (default 20).", HelpName = "n" };
        Option<string?> ffmpeg = new("--ffmpeg") { Description = "The ffmpeg executable (default: ffmpeg on PATH).", HelpName = "path" };

        IOverride[] overrides =
        [
            new Override<ulong>("--seed", "Random seed (default: the preset's).", static (o, v) => o with { Seed = v }),
            new Override<int>("--width", "Frame width, even, 640-1920.", static (o, v) => o with { Width = v }),
            new Override<int>("--height", "Frame height, even, 360-1080.", static (o, v) => o with { Height = v }),
            new Override<int>("--fps", "Frames per second, 5-60.", static (o, v) => o with { Fps = v }),
            new Override<double>("--duration", "Length in seconds.", static (o, v) => o with { DurationSeconds = v }),
            new Override<double>("--brightness", "Global brightness factor, 0.85-1.15.", static (o, v) => o with { Brightness = v }),
            new Override<double>("--noise-sigma", "Background gaussian noise sigma, 0-8.", static (o, v) => o with { NoiseSigma = v }),
            new Override<double>("--min-speed", "Slowest speed, px/frame at 720p, 0-12.", static (o, v) => o with { MinSpeed = v }),
            new Override<double>("--max-speed", "Fastest speed, px/frame at 720p, 0-12.", static (o, v) => o with { MaxSpeed = v }),
            new Override<int>("--persons", "Number of persons.", static (o, v) => o with { Persons = v }),
            new Override<int>("--bicycles", "Number of bicycles.", static (o, v) => o with { Bicycles = v }),
            new Override<int>("--cars", "Number of cars.", static (o, v) => o with { Cars = v }),
            new Override<int>("--trucks", "Number of trucks.", static (o, v) => o with { Trucks = v }),
            new Override<double>("--dwell-probability", "Chance an object stops and waits, 0-1.", static (o, v) => o with { DwellProbability = v }),
            new Override<double>("--dwell-min", "Shortest wait in seconds.", static (o, v) => o with { DwellMinSeconds = v }),
            new Override<double>("--dwell-max", "Longest wait in seconds.", static (o, v) => o with { DwellMaxSeconds = v }),
            new Override<double>("--marked-probability", "Chance a car or truck is marked, 0-1.", static (o, v) => o with { MarkedProbability = v }),
        ];

        RootCommand root = new(
            "Renders synthetic-world scenes (shared/synthetic-world.md) to H.264 clips with MOTChallenge ground truth, " +
            "attributes and scene.json (lines, zones, counts). Exit codes: 0 done, 1 bad arguments, 2 failed, 130 cancelled.");
        foreach (Option option in (Option[])[preset, all, list, output, outDir, format, crf, ffmpeg])
        {
            root.Options.Add(option);
        }

        foreach (IOverride o in overrides)
        {
            root.Options.Add(o.Option);
        }

        root.SetAction(async (result, cancellationToken) =>
        {
            TextWriter stdout = result.InvocationConfiguration.Output;
            TextWriter stderr = result.InvocationConfiguration.Error;
            if (result.GetValue(list))
            {
                WriteList(stdout);
                return ExitOk;
            }

            ClipFormat clipFormat = result.GetValue(format) == "raw" ? ClipFormat.Raw : ClipFormat.H264;
            ClipEncoderOptions encoder = ClipEncoderOptions.Default;
            if (result.GetValue(crf) is { } crfValue)
            {
                encoder = encoder with { Crf = crfValue };
            }

            if (result.GetValue(ffmpeg) is { } ffmpegPath)
            {
                encoder = encoder with { FfmpegPath = ffmpegPath };
            }

            List<string> errors = [];
            List<Job> jobs = [];
            string? presetName = result.GetValue(preset);
            string? outPath = result.GetValue(output);
            string? outFolder = result.GetValue(outDir);
            List<IOverride> given = [.. overrides.Where(o => o.IsSet(result))];
            if (encoder.Crf is < 0 or > 51)
            {
                errors.Add(Invariant($"--crf must be from 0 to 51 (got {encoder.Crf})"));
            }

            if (result.GetValue(all))
            {
                if (presetName is not null)
                {
                    errors.Add("--all renders every preset; leave out --preset");
                }

                if (outPath is not null)
                {
                    errors.Add("--out names one clip; with --all give --out-dir");
                }

                if (outFolder is null)
                {
                    errors.Add("--all needs --out-dir <dir>");
                }

                if (given.Count > 0)
                {
                    errors.Add("--all renders the committed samples exactly and takes no scene options (got "
                        + string.Join(", ", given.Select(static g => g.Option.Name)) + ")");
                }

                if (clipFormat == ClipFormat.Raw)
                {
                    errors.Add("--all writes H.264 clips; leave out --format raw");
                }

                foreach (ScenePreset p in ScenePreset.All)
                {
                    jobs.Add(new Job(p, p.Defaults, Path.Combine(outFolder ?? ".", p.Name + ".mp4"), []));
                }
            }
            else if (presetName is null)
            {
                errors.Add("give --preset <name> (one of " + PresetNames(", ") + ") with --out <file>, or --all --out-dir <dir>");
            }
            else
            {
                ScenePreset chosen = ScenePreset.Find(presetName)!;
                if (outPath is null)
                {
                    errors.Add("--preset needs --out <file>");
                }

                if (outFolder is not null)
                {
                    errors.Add("--out-dir goes with --all; give one clip's path with --out");
                }

                SceneOptions options = chosen.Defaults;
                foreach (IOverride o in given)
                {
                    options = o.Apply(options, result);
                }

                errors.AddRange(options.Validate());
                jobs.Add(new Job(chosen, options, outPath ?? "", [.. given.Select(g => g.Format(result))]));
            }

            if (errors.Count > 0)
            {
                foreach (string error in errors)
                {
                    await stderr.WriteLineAsync("error: " + error);
                }

                await stderr.WriteLineAsync("Run with --help for usage.");
                return ExitBadArguments;
            }

            try
            {
                foreach (Job job in jobs)
                {
                    await RunJobAsync(job, clipFormat, encoder, result.GetValue(crf) is not null, stdout, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                await stderr.WriteLineAsync("cancelled");
                return ExitCancelled;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync("error: " + ex.Message);
                return ExitFailed;
            }

            return ExitOk;
        });
        return root;
    }

    /// <summary>The command line that regenerates one clip, as recorded in scene.json.</summary>
    public static string RegenerateCommand(string preset, ulong seed, string output, IEnumerable<string> overrides, ClipFormat format, int? crf)
    {
        List<string> parts = [CommandPrefix, "--preset", preset, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", Quote(output)];
        parts.AddRange(overrides);
        if (format == ClipFormat.Raw)
        {
            parts.Add("--format raw");
        }

        if (crf is { } value)
        {
            parts.Add("--crf " + value.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(' ', parts);
    }

    private static async Task RunJobAsync(Job job, ClipFormat format, ClipEncoderOptions encoder, bool crfGiven, TextWriter stdout, CancellationToken cancellationToken)
    {
        Stopwatch watch = Stopwatch.StartNew();
        Scene scene = SceneGenerator.Generate(job.Preset, job.Options);
        string command = RegenerateCommand(
            job.Preset.Name, job.Options.Seed, job.Output,
            job.Overrides.Where(static o => !o.StartsWith("--seed ", StringComparison.Ordinal)), format, crfGiven ? encoder.Crf : null);
        await SampleStreamWriter.WriteAsync(scene, job.Output, format, command, encoder, cancellationToken);
        double megabytes = new FileInfo(job.Output).Length / (1024.0 * 1024.0);
        await stdout.WriteLineAsync(Invariant(
            $"wrote {job.Output}: {scene.FrameCount} frames {scene.Width}x{scene.Height}@{scene.Options.Fps}, {scene.Objects.Count} objects, {megabytes:F1} MiB, {watch.Elapsed.TotalSeconds:F1} s"));
    }

    private static void WriteList(TextWriter stdout)
    {
        foreach (ScenePreset p in ScenePreset.All)
        {
            SceneOptions d = p.Defaults;
            stdout.WriteLine(p.Name);
            stdout.WriteLine("  " + p.Description);
            stdout.WriteLine(Invariant(
                $"  defaults: --seed {d.Seed} --width {d.Width} --height {d.Height} --fps {d.Fps} --duration {d.DurationSeconds} --brightness {d.Brightness} --noise-sigma {d.NoiseSigma} --min-speed {d.MinSpeed} --max-speed {d.MaxSpeed} --persons {d.Persons} --bicycles {d.Bicycles} --cars {d.Cars} --trucks {d.Trucks} --dwell-probability {d.DwellProbability} --dwell-min {d.DwellMinSeconds} --dwell-max {d.DwellMaxSeconds} --marked-probability {d.MarkedProbability}"));
        }
    }

    private static string PresetNames(string separator) => string.Join(separator, ScenePreset.All.Select(static p => p.Name));

    private static string Quote(string value) => value.Contains(' ', StringComparison.Ordinal) ? "\"" + value + "\"" : value;

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Job(ScenePreset Preset, SceneOptions Options, string Output, IReadOnlyList<string> Overrides);

    private interface IOverride
    {
        Option Option { get; }

        bool IsSet(ParseResult result);

        SceneOptions Apply(SceneOptions options, ParseResult result);

        string Format(ParseResult result);
    }

    private sealed class Override<T> : IOverride
        where T : struct, IFormattable
    {
        private readonly Option<T?> _option;
        private readonly Func<SceneOptions, T, SceneOptions> _apply;

        public Override(string name, string description, Func<SceneOptions, T, SceneOptions> apply)
        {
            _option = new Option<T?>(name) { Description = description, HelpName = "value" };
            _apply = apply;
        }

        public Option Option => _option;

        public bool IsSet(ParseResult result) => result.GetValue(_option) is not null;

        public SceneOptions Apply(SceneOptions options, ParseResult result) =>
            result.GetValue(_option) is { } value ? _apply(options, value) : options;

        public string Format(ParseResult result) =>
            _option.Name + " " + (result.GetValue(_option) is { } value ? value.ToString(null, CultureInfo.InvariantCulture) : "");
    }
}
