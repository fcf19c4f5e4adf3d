using System.CommandLine;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Hosting;
using Streams.Sinks;

namespace Streams.Cli.Commands;

/// <summary><c>streams events</c>: tails the events a pipeline publishes to Kafka, for people and downstream tools.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var bootstrap = new Option<string>("--bootstrap")
        {
            Description = "Kafka bootstrap servers (host:port[,host:port]); the embedded broker prints its address at start.",
            Required = true,
        };
        var topic = new Option<string[]>("--topic")
        {
            Description = "Topic to read; repeat for several. Default streams.events.",
            AllowMultipleArgumentsPerToken = true,
        };
        var topicPrefix = new Option<string?>("--topic-prefix")
        {
            Description = "Read every topic starting with this prefix (for topic-per-event-type sinks), instead of --topic.",
        };
        var type = new Option<string[]>("--type")
        {
            Description = "Only events of this type (e.g. line.cross, zone.enter); repeat for several.",
            AllowMultipleArgumentsPerToken = true,
        };
        var stream = new Option<string[]>("--stream")
        {
            Description = "Only events of this stream id; repeat for several.",
            AllowMultipleArgumentsPerToken = true,
        };
        var jsonl = new Option<bool>("--jsonl") { Description = "One compact JSON object per line instead of pretty JSON." };
        var latest = new Option<bool>("--latest") { Description = "Start at the end of the topics instead of their beginning." };
        var metadata = new Option<bool>("--metadata") { Description = "Print topic, partition, offset and headers with each event." };
        Option<TimeSpan?> connectTimeout = CommonOptions.PositiveDuration("--connect-timeout",
            "Give up (exit 1) when no broker has answered within this long (default 10s); once connected, a lost " +
            "cluster is reported and waited for.");
        var command = new Command("events",
            "Tail events from Kafka as pretty JSON or JSONL (one per line, for pipes), filtered by type and stream. " +
            "Reads from the beginning by default and runs until interrupted. Connection problems are reported on stderr.")
        {
            bootstrap, topic, topicPrefix, type, stream, jsonl, latest, metadata, connectTimeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string[] topics = parse.GetValue(topic) ?? [];
            string[] types = parse.GetValue(type) ?? [];
            string[] streams = parse.GetValue(stream) ?? [];
            var options = new EventTailOptions
            {
                BootstrapServers = parse.GetRequiredValue(bootstrap),
                Topics = topics.Length > 0 ? topics : ["streams.events"],
                TopicPrefix = parse.GetValue(topicPrefix),
                EventTypes = types.Length > 0 ? new HashSet<string>(types, StringComparer.Ordinal) : null,
                StreamIds = streams.Length > 0 ? new HashSet<string>(streams, StringComparer.Ordinal) : null,
                FromBeginning = !parse.GetValue(latest),
                ConnectTimeout = parse.GetValue(connectTimeout) ?? TimeSpan.FromSeconds(10),
                Status = static line => Console.Error.WriteLine("streams events: " + line),
            };
            EventFormat format = parse.GetValue(jsonl) ? EventFormat.JsonLines : EventFormat.Pretty;
            bool withMetadata = parse.GetValue(metadata);
            try
            {
                await foreach (TailedEvent tailed in EventTail.ReadAsync(options, NullLogger.Instance, cancellationToken))
                {
                    Console.Out.WriteLine(EventFormatter.Format(tailed, format, withMetadata));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Interrupted: the normal way to end a tail.
            }
            catch (TimeoutException ex)
            {
                await Console.Error.WriteLineAsync("streams events: " + ex.Message);
                return ExitCodes.PipelineFailed;
            }
            catch (KafkaException ex)
            {
                await Console.Error.WriteLineAsync($"streams events: Kafka at {options.BootstrapServers} failed: {ex.Error.Reason}");
                return ExitCodes.PipelineFailed;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
