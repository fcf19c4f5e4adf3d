using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Streams.Sinks;

namespace Streams.Cli.Tests;

[Trait("Tier", "Integration")]
public sealed class EventsCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Events_tails_a_topic_as_json_lines_filtered_by_type_and_stream()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
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

    [Fact]
    public async Task Events_waiting_on_an_idle_broker_uses_a_small_fraction_of_one_core()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers, Topic = "cli.idle" }))
        {
            byte[] payload = Encoding.UTF8.GetBytes("""{"id":"only","type":"counts","stream_id":"cam"}""");
            await sink.WriteAsync(new OutgoingEvent("only", "counts", "cam", payload, "1", DateTimeOffset.UnixEpoch));
            await sink.FlushAsync().AsTask().WaitAsync(s_timeout);
        }

        using StreamsProcess streams = StreamsProcess.StartWaitingFor("\"id\":\"only\"",
            "events", "--bootstrap", cluster.BootstrapServers, "--topic", "cli.idle", "--jsonl");
        await streams.WaitForStdoutAsync("\"id\":\"only\"", s_timeout);

        // The one event is read; from here the tail only waits.
        (TimeSpan cpu, TimeSpan wall) = await CpuOverAsync(streams.Id);

        streams.Signal(2);
        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        Assert.True(cpu < wall * 0.2, $"{cpu.TotalMilliseconds:F0} ms of CPU in {wall.TotalMilliseconds:F0} ms while idle");
    }

    /// <summary>
    /// CPU time the process used (utime + stime, from /proc/PID/stat) over four seconds of wall time: a measuring
    /// window, not a wait for anything. A busy loop would use about all of it.
    /// </summary>
    private static async Task<(TimeSpan Cpu, TimeSpan Wall)> CpuOverAsync(int pid)
    {
        using var process = Process.GetProcessById(pid);
        TimeSpan before = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(4));
        process.Refresh();
        return (process.TotalProcessorTime - before, wall.Elapsed);
    }

    [Fact]
    public async Task Events_against_a_closed_port_names_the_address_and_exits_1_when_no_broker_answers_in_time()
    {
        string bootstrap = $"127.0.0.1:{ClosedPort()}";
        var wall = Stopwatch.StartNew();
        using StreamsProcess streams = StreamsProcess.Start("events", "--bootstrap", bootstrap, "--connect-timeout", "3s");

        Assert.Equal(1, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains($"streams events: cannot reach Kafka at {bootstrap} (", streams.Stderr, StringComparison.Ordinal);
        Assert.Contains($"streams events: No Kafka broker at {bootstrap} answered within 3 s", streams.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", streams.Stderr, StringComparison.Ordinal);
        Assert.Equal("", streams.Stdout);
        Assert.True(wall.Elapsed >= TimeSpan.FromSeconds(3), $"gave up after {wall.Elapsed}");
    }

    [Fact]
    public async Task Events_reports_a_cluster_lost_after_connecting_waits_for_it_without_spinning_and_says_when_it_is_back()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        await ProduceAsync(cluster, "cli.lost", "before");

        using StreamsProcess streams = StreamsProcess.StartWaitingFor("\"id\":\"before\"",
            "events", "--bootstrap", cluster.BootstrapServers, "--topic", "cli.lost", "--jsonl", "--connect-timeout", "2s");
        await streams.WaitForStdoutAsync("\"id\":\"before\"", s_timeout);

        // Past the connect timeout the tail still waits: a cluster that answered once is waited for.
        cluster.SetBrokerDown();
        await streams.WaitForLineAsync($"streams events: lost Kafka at {cluster.BootstrapServers} (", s_timeout);
        // While the cluster is away the tail waits for it without spinning.
        (TimeSpan cpu, TimeSpan wall) = await CpuOverAsync(streams.Id);
        Assert.True(cpu < wall * 0.2, $"{cpu.TotalMilliseconds:F0} ms of CPU in {wall.TotalMilliseconds:F0} ms while the cluster was down");
        cluster.SetBrokerUp();
        await streams.WaitForLineAsync($"streams events: Kafka at {cluster.BootstrapServers} answers again", s_timeout);

        await ProduceAsync(cluster, "cli.lost", "after");
        await streams.WaitForStdoutAsync("\"id\":\"after\"", s_timeout);

        streams.Signal(2);
        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        Assert.DoesNotContain("answered within", streams.Stderr, StringComparison.Ordinal);
    }

    /// <summary>One event from a producer of its own, so that no connection of an earlier one is in the way.</summary>
    private static async Task ProduceAsync(EmbeddedKafkaBroker cluster, string topic, string id)
    {
        await using var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers, Topic = topic });
        byte[] payload = Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","type":"counts","stream_id":"cam"}""");
        await sink.WriteAsync(new OutgoingEvent(id, "counts", "cam", payload, "1", DateTimeOffset.UnixEpoch));
        await sink.FlushAsync().AsTask().WaitAsync(s_timeout);
    }

    private static int ClosedPort()
    {
        // A port that was free a moment ago and that nothing listens on now: connections to it are refused.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
