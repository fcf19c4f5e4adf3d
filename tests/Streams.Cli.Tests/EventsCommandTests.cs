using System.Text;
using System.Text.Json;
using Streams.Sinks;

namespace Streams.Cli.Tests;

public sealed class EventsCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Events_tails_a_topic_as_json_lines_filtered_by_type_and_stream()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers, Topic = "cli.events" }))
        {
            for (int i = 0; i < 12; i++)
            {
                string stream = i % 2 == 0 ? "cam-a" : "cam-b";
                string type = i % 3 == 0 ? "line.cross" : "zone.enter";
                byte[] payload = Encoding.UTF8.GetBytes($$"""{"id":"e{{i}}","type":"{{type}}","stream_id":"{{stream}}"}""");
                await sink.WriteAsync(new OutgoingEvent($"e{i}", type, stream, payload, "1", DateTimeOffset.UnixEpoch.AddSeconds(i)));
            }

            await sink.FlushAsync().AsTask().WaitAsync(s_timeout);
        }

        // e0 and e6 are the line crossings of cam-a.
        using StreamsProcess streams = StreamsProcess.StartWaitingFor("\"id\":\"e6\"",
            "events", "--bootstrap", cluster.BootstrapServers, "--topic", "cli.events", "--type", "line.cross", "--stream", "cam-a", "--jsonl");
        await streams.WaitForStdoutAsync("\"id\":\"e6\"", s_timeout);
        streams.Signal(2);
        await streams.WaitForExitAsync(s_timeout);

        string[] lines = streams.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["e0", "e6"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
    }
}
