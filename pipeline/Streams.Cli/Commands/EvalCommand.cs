using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Extensions.Logging;
using Streams.Configuration;
using Streams.Evaluation;
using Streams.Hosting;
using Streams.Hosting.Evaluation;

namespace Streams.Cli.Commands;

/// <summary>
/// <c>streams eval &lt;config&gt;</c>: replays the configured clips that have ground truth through the configured
/// pipeline and prints MOTChallenge metrics and line-count accuracy per stream.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        Argument<FileInfo> config = CommonOptions.ConfigArgument();
        var streams = new Option<string[]>("--stream") { Description = "Evaluate only this source id (repeatable); default: every clip with ground truth.", AllowMultipleArgumentsPerToken = true };
        var tracksOut = new Option<DirectoryInfo?>("--tracks-out") { Description = "Write each stream's tracks there as MOTChallenge rows (<stream>.txt: frame,id,left,top,width,height,conf,class,-1,-1)." };
        var minMota = new Option<double?>("--min-mota") { Description = "Exit 1 when a stream's MOTA is below this." };
        var minIdf1 = new Option<double?>("--min-idf1") { Description = "Exit 1 when a stream's IDF1 is below this." };
        var exactLines = new Option<bool>("--exact-lines") { Description = "Exit 1 when a line count differs from the ground truth's." };
        var everyFrame = new Option<bool>("--every-frame")
        {
            Description = "Score every frame of each clip, not only those detection ran on: turns on the tracker's past-frame output " +
                "(tracker.past_frames) and scores the frames detect_fps skipped by the boxes it interpolates between a track's detections; " +
                "--tracks-out then has those rows too.",
        };
        Option<LogLevelOption?> logLevel = CommonOptions.LogLevel();
        var command = new Command("eval",
            "Replay the configured clips that have MOTChallenge ground truth (<clip>.gt.txt) through the configured pipeline " +
            "(models, tracker, analytics; sinks are left out) as fast as it goes, and score the tracks: MOTA, IDF1, ID switches, " +
            "FP, FN, precision, recall, and line counts against the scene file's own crossings (<clip>.scene.json). " +
            "With detect_fps, only the frames the pipeline delivered are scored, unless --every-frame. Exit codes: 0 done (and thresholds met), " +
            "1 a threshold missed or a stream failed, 2 invalid configuration.")
        {
            config, streams, tracksOut, minMota, minIdf1, exactLines, everyFrame, logLevel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(config), parse.GetValue(streams) ?? [],
            parse.GetValue(tracksOut), new Thresholds(parse.GetValue(minMota), parse.GetValue(minIdf1), parse.GetValue(exactLines)),
            parse.GetValue(everyFrame), parse.GetValue(logLevel), cancellationToken));
        return command;
    }

    private sealed record Thresholds(double? Mota, double? Idf1, bool ExactLines);

    private static async Task<int> RunAsync(FileInfo config, string[] streams, DirectoryInfo? tracksOut, Thresholds thresholds,
        bool everyFrame, LogLevelOption? logLevel, CancellationToken cancellationToken)
    {
        PipelineOptions? options = ConfigFiles.TryLoad(config, Console.Error);
        if (options is null)
        {
            return ExitCodes.InvalidConfiguration;
        }

        // Start-up and problems only: the table is the output.
        using Logger serilog = LoggingSetup.CreateLogger(options.Logging, logLevel ?? LogLevelOption.Warning);
        using var loggers = new SerilogLoggerFactory(serilog);
        IReadOnlyList<StreamEvaluation> results;
        try
        {
            results = await PipelineEvaluator.RunAsync(options, streams, StreamsHost.DefaultSources(loggers), loggers, everyFrame, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or NotSupportedException
            or Streams.Inference.ModelLoadException or Streams.Inference.OnnxRuntimeException)
        {
            await Console.Error.WriteLineAsync($"streams eval: {ex.Message}");
            return ExitCodes.PipelineFailed;
        }

        Print(results, everyFrame);
        if (tracksOut is not null)
        {
            WriteTracks(tracksOut, results);
        }

        bool met = true;
        foreach (StreamEvaluation result in results)
        {
            met &= thresholds.Mota is not { } mota || result.Tracking.Mota >= mota;
            met &= thresholds.Idf1 is not { } idf1 || result.Tracking.Idf1 >= idf1;
            met &= !thresholds.ExactLines || result.LinesExact;
        }

        return met ? ExitCodes.Success : ExitCodes.PipelineFailed;
    }

    private static void Print(IReadOnlyList<StreamEvaluation> results, bool everyFrame)
    {
        Console.WriteLine(everyFrame
            ? "Scored: every frame of each clip (frames without detection by the tracker's interpolated past-frame boxes)."
            : "Scored: the frames the pipeline delivered (with detect_fps, those detection ran on).");
        Console.WriteLine("| stream | frames | MOTA | IDF1 | ID sw | FP | FN | precision | recall | line counts (expected/actual, exact) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (StreamEvaluation r in results)
        {
            MotMetrics m = r.Tracking;
            string lines = r.Lines is { } report
                ? string.Create(CultureInfo.InvariantCulture, $"{report.TotalExpected}/{report.TotalActual}, {(r.LinesExact ? "exact" : $"off by {report.TotalAbsoluteError}")}")
                : "no lines";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.StreamId} | {r.FramesEvaluated} | {m.Mota:F3} | {m.Idf1:F3} | {m.IdSwitches} | {m.FalsePositives} | {m.FalseNegatives} | {m.Precision:F3} | {m.Recall:F3} | {lines} |"));
        }

        foreach (StreamEvaluation r in results)
        {
            if (r.Lines is { } report && !r.LinesExact)
            {
                Console.WriteLine();
                Console.WriteLine($"{r.StreamId} line counts:");
                Console.WriteLine(report.ToTable());
            }
        }
    }

    private static void WriteTracks(DirectoryInfo directory, IReadOnlyList<StreamEvaluation> results)
    {
        directory.Create();
        foreach (StreamEvaluation r in results)
        {
            using var writer = new StreamWriter(Path.Combine(directory.FullName, r.StreamId + ".txt"));
            foreach (MotRow row in r.Tracks)
            {
                MotFile.WriteTrackRow(writer, row);
            }
        }
    }
}
