using System.CommandLine;
using Streams.Cli.Commands.Demo;
using Streams.Configuration;
using Streams.Hosting;
using Streams.Sinks;

namespace Streams.Cli.Commands;

/// <summary>
/// <c>streams demo</c>: runs the shipped demo pipeline, <c>configs/demo.yaml</c>, prints the events it reads back from
/// the embedded broker as they come, and ends with a summary (events, line counts, zone entries, MOTA/IDF1 against the
/// samples' ground truth).
/// </summary>
internal static class DemoCommand
{
    public const string DemoConfig = "configs/demo.yaml";

    public static Command Create()
    {
        Option<TimeSpan?> duration = CommonOptions.Duration();
        Option<LogLevelOption?> logLevel = CommonOptions.LogLevel();
        var quiet = new Option<bool>("--no-events") { Description = "Do not print the events read back from the broker." };
        var command = new Command("demo",
            $"Run the shipped demo pipeline ({DemoConfig}) on the committed sample streams: the demo detector, classifier, " +
            "tracker and analytics, events to the embedded Kafka-protocol broker (read back and printed), a JPEG per " +
            "object, and a summary with line counts and MOTA/IDF1 against the samples' ground truth. No camera or Kafka needed.")
        {
            duration, logLevel, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            FileInfo? config = ConfigFiles.FindShipped(DemoConfig);
            if (config is null)
            {
                await Console.Error.WriteLineAsync($"Cannot find {DemoConfig}: run the demo from the Streams folder.");
                return ExitCodes.InvalidConfiguration;
            }

            PipelineOptions? options = ConfigFiles.TryLoad(config, Console.Error);
            if (options is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            DemoSummary summary = await DemoSummary.CreateAsync(options, cancellationToken);
            KafkaSinkOptions? kafka = null;
            foreach (SinkOptions sink in options.Sinks)
            {
                kafka ??= sink as KafkaSinkOptions;
            }

            Func<ComposedPipeline, CancellationToken, Task>? tail = kafka is not null && !parse.GetValue(quiet)
                ? (composed, token) => DemoEventTail.RunAsync(composed, kafka, Console.Out, token)
                : null;
            int exit = await StreamsHost.RunAsync(options, new RunCustomization
            {
                StopAfter = parse.GetValue(duration),
                LogLevel = parse.GetValue(logLevel),
                Hooks = summary.Hooks,
                Companion = tail,
            }, cancellationToken);
            summary.Print(Console.Out);
            return exit;
        });
        return command;
    }
}
