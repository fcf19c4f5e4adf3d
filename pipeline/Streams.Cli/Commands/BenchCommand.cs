using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Core;
using Serilog.Extensions.Logging;
using Streams.Configuration;
using Streams.Inference;
using Streams.Hosting;
using Streams.Hosting.Benchmarking;

namespace Streams.Cli.Commands;

/// <summary>
/// <c>streams bench</c>: the composed pipeline on the sample clips against its references (raw inference, ffmpeg
/// decode-only), its real-time capacity and its frame-to-Kafka-ack latency; prints a Markdown table, writes JSON.
/// </summary>
internal static class BenchCommand
{
    // Source-generated, with the notes' quotes and arrows left readable.
    private static readonly JsonSerializerOptions s_json = new(BenchJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Tiny versions of each scenario (seconds each, one or two streams)." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report there as JSON." };
        var models = new Option<string?>("--models")
        {
            Description = "Comma-separated model ids, each models/<id>.onnx; default yolov8n-cost,demo-detector.",
        };
        var scenarios = new Option<string?>("--scenarios")
        {
            Description = $"Comma-separated scenarios to run: {string.Join(", ", BenchRunner.ScenarioNames)}; default all.",
        };
        Option<TimeSpan?> window = CommonOptions.PositiveDuration("--window",
            "Measured window of each pipeline run (e.g. 10s, 1m; a bare number is seconds; default 10s, --quick: 2s).", "--seconds");
        var threads = new Option<int?>("--threads")
        {
            Description = "Intra-op threads for the model, in the pipeline and in the raw reference (default: one per core). With 1, the other " +
                "cores are left to decoding and preprocessing.",
        };
        var rounds = new Option<int?>("--rounds")
        {
            Description = "Turns each side of a comparison gets, taken in turn with the other; the best of each is compared (default 3; --quick: 1).",
        };
        var provider = new Option<string?>("--provider")
        {
            Description = "Comma-separated execution providers for the models, in order (tensorrt, cuda, cpu); default cpu. Without cpu, a run " +
                "where no GPU provider loads fails instead of falling back.",
        };
        var maxStreams = new Option<int?>("--max-streams") { Description = "The most streams the capacity search tries (default 32)." };
        var root = new Option<DirectoryInfo?>("--root") { Description = "The repository root (models/, sample-streams/); default: found above the working directory." };
        Option<LogLevelOption?> logLevel = CommonOptions.LogLevel();
        var command = new Command("bench",
            "Benchmark the composed pipeline on the sample clips, with each model: pipeline fps vs raw inference fps of the same " +
            "model and settings (inference-bound), pipeline fps vs ffmpeg -f null (decode-bound), the most 720p30 streams sustained " +
            "in real time with detection at 5 fps, frame-to-Kafka-ack latency p50/p99 (embedded broker), and RSS and GC counts. " +
            "Prints a Markdown table; figures are indicative and move with the machine's load. Exit codes: 0 done, 1 a run failed.")
        {
            quick, json, models, scenarios, window, threads, rounds, provider, maxStreams, root, logLevel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, quick, json, models, scenarios, window, threads, rounds, provider, maxStreams, root, logLevel, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<bool> quick, Option<FileInfo?> json, Option<string?> models,
        Option<string?> scenarios, Option<TimeSpan?> window, Option<int?> threads, Option<int?> rounds, Option<string?> provider, Option<int?> maxStreams, Option<DirectoryInfo?> root, Option<LogLevelOption?> logLevel,
        CancellationToken cancellationToken)
    {
        string? repository = parse.GetValue(root)?.FullName ?? BenchOptions.FindRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        if (repository is null)
        {
            await Console.Error.WriteLineAsync("streams bench: the repository root (with Streams.sln, models/ and sample-streams/) was not found: pass --root.");
            return ExitCodes.PipelineFailed;
        }

        var options = new BenchOptions { Root = repository, Quick = parse.GetValue(quick) };
        if (parse.GetValue(window) is { } measured)
        {
            options = options with { Window = measured };
        }

        if (parse.GetValue(models) is { } list)
        {
            options = options with { Models = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
        }

        if (parse.GetValue(scenarios) is { } names)
        {
            string[] chosen = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (string name in chosen)
            {
                if (Array.IndexOf(BenchRunner.ScenarioNames, name) < 0)
                {
                    await Console.Error.WriteLineAsync($"streams bench: --scenarios: no scenario '{name}' (known: {string.Join(", ", BenchRunner.ScenarioNames)}).");
                    return ExitCodes.InvalidConfiguration;
                }
            }

            options = options with { Scenarios = chosen };
        }

        if (parse.GetValue(threads) is { } t)
        {
            if (t is < 1 or > 256)
            {
                await Console.Error.WriteLineAsync($"streams bench: --threads must be 1..256, not {t}.");
                return ExitCodes.InvalidConfiguration;
            }

            options = options with { Threads = t };
        }

        if (parse.GetValue(rounds) is { } r)
        {
            if (r is < 1 or > 100)
            {
                await Console.Error.WriteLineAsync($"streams bench: --rounds must be 1..100, not {r}.");
                return ExitCodes.InvalidConfiguration;
            }

            options = options with { Rounds = r };
        }

        if (parse.GetValue(provider) is { } providerList)
        {
            var providers = new List<ExecutionProviderKind>();
            foreach (string name in providerList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!InferenceSession.TryParseProvider(name, out ExecutionProviderKind known) || providers.Contains(known))
                {
                    await Console.Error.WriteLineAsync($"streams bench: --provider: '{name}' is not a provider, or is listed twice (known: tensorrt, cuda, cpu).");
                    return ExitCodes.InvalidConfiguration;
                }

                providers.Add(known);
            }

            if (providers.Count == 0)
            {
                await Console.Error.WriteLineAsync("streams bench: --provider: list at least one of tensorrt, cuda, cpu.");
                return ExitCodes.InvalidConfiguration;
            }

            options = options with { Providers = providers };
        }

        if (parse.GetValue(maxStreams) is { } max)
        {
            options = options with { MaxStreams = Math.Max(1, max) };
        }

        // Warnings and problems only: the table is the output.
        using Logger serilog = LoggingSetup.CreateLogger(new LoggingOptions(), parse.GetValue(logLevel) ?? LogLevelOption.Warning);
        using var loggers = new SerilogLoggerFactory(serilog);
        BenchReport report;
        try
        {
            report = await new BenchRunner(options, loggers, Console.Error).RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or NotSupportedException
            or ConfigurationException or Streams.Inference.ModelLoadException or Streams.Inference.OnnxRuntimeException
            or System.ComponentModel.Win32Exception)
        {
            await Console.Error.WriteLineAsync($"streams bench: {ex.Message}");
            return ExitCodes.PipelineFailed;
        }

        Console.WriteLine(BenchTable.Format(report));
        if (parse.GetValue(json) is { } file)
        {
            file.Directory?.Create();
            await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(report, s_json.GetTypeInfo(typeof(BenchReport))), cancellationToken);
            Console.WriteLine($"report written to {file.FullName}");
        }

        return ExitCodes.Success;
    }
}
