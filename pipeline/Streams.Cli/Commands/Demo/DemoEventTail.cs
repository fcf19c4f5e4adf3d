using System.Globalization;
using System.Text.Json;
using Streams.Hosting;
using Streams.Sinks;

namespace Streams.Cli.Commands.Demo;

/// <summary>
/// Reads back from the embedded broker what the demo publishes and prints one line per event, proving the round trip
/// through Kafka as a downstream consumer would see it.
/// </summary>
internal static class DemoEventTail
{
    public static async Task RunAsync(ComposedPipeline composed, KafkaSinkOptions sink, TextWriter output, CancellationToken cancellationToken)
    {
        KafkaEventSink? kafka = null;
        foreach (IEventSink candidate in composed.Sinks)
        {
            if (candidate is KafkaEventSink { EmbeddedBroker: not null } embedded)
            {
                kafka = embedded;
            }
        }

        if (kafka is null)
        {
            return;
        }

        var options = sink.TopicPerEventType
            ? new EventTailOptions { BootstrapServers = kafka.EmbeddedBroker!.BootstrapServers, TopicPrefix = sink.Topic + "." }
            : new EventTailOptions { BootstrapServers = kafka.EmbeddedBroker!.BootstrapServers, Topics = [sink.Topic] };
        long seen = 0;
        await foreach (TailedEvent e in EventTail.ReadAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            seen++;
            if (e.EventType != "object.update" && e.EventType != "counts")
            {
                output.WriteLine(Describe(e));
            }

            // Done once the pipeline has finished and everything it handed to Kafka has been read back.
            if (composed.Completion.IsCompleted && seen >= kafka.GetStatistics().Acknowledged)
            {
                return;
            }
        }
    }

    private static string Describe(TailedEvent e)
    {
        using JsonDocument document = JsonDocument.Parse(e.Payload);
        JsonElement root = document.RootElement;
        string time = e.Timestamp.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        string what = "";
        if (root.TryGetProperty("object", out JsonElement obj))
        {
            what = string.Create(CultureInfo.InvariantCulture, $" {obj.GetProperty("class").GetString()} #{obj.GetProperty("track_id").GetInt64()}");
        }

        if (root.TryGetProperty("analytics", out JsonElement analytics))
        {
            if (analytics.TryGetProperty("line_id", out JsonElement line))
            {
                what += $" {analytics.GetProperty("direction").GetString()} over {line.GetString()}";
            }
            else if (analytics.TryGetProperty("zone_id", out JsonElement zone))
            {
                what += analytics.TryGetProperty("dwell_seconds", out JsonElement dwell)
                    ? string.Create(CultureInfo.InvariantCulture, $" {zone.GetString()} after {dwell.GetDouble():F1} s")
                    : $" {zone.GetString()}";
            }
        }

        return $"{time} kafka[{e.Partition}@{e.Offset}] {e.StreamId,-14} {e.EventType,-12}{what}";
    }
}
