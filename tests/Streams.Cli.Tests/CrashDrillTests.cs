using System.Text.Json;
using Streams.Sinks;
using Xunit.Abstractions;

namespace Streams.Cli.Tests;

/// <summary>
/// The whole pipeline killed again and again: a real <c>streams run</c> with a write-ahead spool, SIGKILLed ten times
/// under about 200 events/s and restarted on the same spool, then stopped gracefully; the topic, read back with
/// <c>streams events</c>, holds every event the run accepted and never one id for two different events.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class CrashDrillTests(ITestOutputHelper output)
{
    private const int Kills = 10;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Ten_SIGKILLs_of_a_pipeline_with_a_write_ahead_spool_lose_no_event_and_reuse_no_id()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        using var files = new TestFiles();
        string root = Streams.Hosting.Benchmarking.BenchOptions.FindRoot(AppContext.BaseDirectory)!;
        string jsonl = Path.Combine(files.Root, "accepted.jsonl");
        // Kafka first: the dispatcher hands an event to the sinks in order, so a line in the JSON-lines file is an
        // event the Kafka sink had already accepted, made durable in its spool before it said so.
        string config = files.Write("drill.yaml", $"""
            pipeline:
              name: drill
            runtime:
              metrics_interval: 0
              shutdown_timeout: 20s
            sources:
              - {Source(root, "busy-crossing")}
              - {Source(root, "yard")}
              - {Source(root, "quiet-street")}
            models:
              - id: detector
                path: {root}/models/demo-detector.onnx
                kind: detector
                max_batch: 4
                intra_op_threads: 1
            analytics:
              object_update_interval: 50ms
              counts_interval: null
            sinks:
              - type: kafka
                bootstrap: {cluster.BootstrapServers}
                topic: drill.events
                spool: {files.Root}/spool
                spool_mode: always
              - type: jsonl
                path: {jsonl}
            """);

        long accepted = 0;
        var streaming = TimeSpan.Zero;
        for (int run = 0; run < Kills; run++)
        {
            using StreamsProcess pipeline = StreamsProcess.Start("run", config);
            // At least 100 more accepted events in this run (half a second at 200/s), then the kill lands mid-stream.
            long before = await WaitForLinesAsync(jsonl, accepted + 1, pipeline);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            accepted = await WaitForLinesAsync(jsonl, before + 100, pipeline);
            streaming += clock.Elapsed;
            List<int> decoders = ChildrenOf(pipeline.Id);
            Assert.NotEmpty(decoders);
            pipeline.Signal(9);
            int exit = await pipeline.WaitForExitAsync(s_timeout);
            Assert.Equal(137, exit);
            // The kernel ends each ffmpeg with its parent (parent-death signal); none may outlive it.
            Assert.True(await AllGoneAsync(decoders), $"ffmpeg outlived the killed pipeline: {string.Join(", ", decoders)}");
        }

        output.WriteLine($"{accepted} events accepted in {Kills} runs; while streaming, {accepted / streaming.TotalSeconds:F0} events/s");

        using (StreamsProcess last = StreamsProcess.Start("run", config))
        {
            await WaitForLinesAsync(jsonl, accepted + 100, last);
            last.Signal(15);
            int exit = await last.WaitForExitAsync(s_timeout);
            Assert.True(exit == 0, $"exit {exit}\n{last.Stderr}");
        }

        // Every line that was written whole is an accepted event; a line cut by the kill is not one.
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in await File.ReadAllLinesAsync(jsonl))
        {
            if (TryIdentity(line, out string? id, out string? identity))
            {
                Assert.True(expected.TryAdd(id, identity) || expected[id] == identity, $"id {id} names two events: {expected.GetValueOrDefault(id)} and {identity}");
            }
        }

        output.WriteLine($"{expected.Count} events accepted over {Kills} kills and a graceful stop");
        Assert.True(expected.Count >= (Kills + 1) * 100, $"only {expected.Count} events");

        using StreamsProcess events = StreamsProcess.StartWaitingFor("", "events", "--bootstrap", cluster.BootstrapServers, "--topic", "drill.events", "--jsonl");
        var missing = new HashSet<string>(expected.Keys, StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        int copies = 0;
        DateTime deadline = DateTime.UtcNow + s_timeout;
        int read = 0;
        while (missing.Count > 0 && DateTime.UtcNow < deadline)
        {
            string[] lines = events.Stdout.Split('\n');
            for (; read < lines.Length - 1; read++)
            {
                if (!TryIdentity(lines[read], out string? id, out string? identity))
                {
                    continue;
                }

                copies++;
                missing.Remove(id);
                Assert.True(seen.TryAdd(id, identity) || seen[id] == identity, $"id {id} names two events in the topic: {seen.GetValueOrDefault(id)} and {identity}");
                if (expected.TryGetValue(id, out string? acceptedAs))
                {
                    Assert.Equal(acceptedAs, identity);
                }
            }

            if (missing.Count > 0)
            {
                try
                {
                    // Compact JSON lines: the id appears exactly so once its record has been read.
                    await events.WaitForStdoutAsync($"\"id\":\"{missing.First()}\"", deadline - DateTime.UtcNow);
                }
                catch (TimeoutException)
                {
                    break;
                }
            }
        }

        events.Signal(2);
        await events.WaitForExitAsync(s_timeout);
        output.WriteLine($"topic: {seen.Count} ids in {copies} records ({copies - seen.Count} sent again after a kill), {missing.Count} accepted events missing");
        Assert.True(missing.Count == 0, $"{missing.Count} accepted events are not in the topic, e.g. {string.Join(", ", missing.Take(5))}");
    }

    private static string Source(string root, string clip) =>
        $"{{ id: {clip}, uri: {root}/sample-streams/{clip}.mp4, replay: realtime, loop: true }}";

    /// <summary>An event's id and what makes it that event (type, stream time, track); false for a partial line.</summary>
    private static bool TryIdentity(string line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? identity)
    {
        id = identity = null;
        line = line.Trim();
        if (line.Length == 0 || line[0] != '{' || line[^1] != '}')
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            id = root.GetProperty("id").GetString()!;
            JsonElement source = root.GetProperty("source");
            string track = root.TryGetProperty("object", out JsonElement o) ? o.GetProperty("track_id").GetRawText() : "-";
            identity = $"{root.GetProperty("type").GetString()} {source.GetProperty("stream_id").GetString()} t={source.GetProperty("stream_time").GetRawText()} track={track}";
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Waits (bounded) until the file holds <paramref name="count"/> lines; returns how many it holds.</summary>
    private static async Task<long> WaitForLinesAsync(string path, long count, StreamsProcess pipeline)
    {
        DateTime deadline = DateTime.UtcNow + s_timeout;
        while (true)
        {
            long lines = 0;
            if (File.Exists(path))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = await stream.ReadAsync(buffer)) > 0)
                {
                    lines += buffer.AsSpan(0, n).Count((byte)'\n');
                }
            }

            if (lines >= count)
            {
                return lines;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{lines} of {count} events after {s_timeout.TotalSeconds} s\n{pipeline.Stderr}");
            Assert.False(pipeline.HasExited, $"the pipeline ended early\n{pipeline.Stderr}");
            // The file grows by whole lines as the sink writes; a short pause between reads bounds the cost of waiting.
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>The processes <paramref name="pid"/> started that are still running (any of its threads may have started one).</summary>
    private static List<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (string child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    children.Add(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The thread ended while listed.
            }
        }

        return children;
    }

    /// <summary>Whether every process of <paramref name="pids"/> is gone within five seconds.</summary>
    private static async Task<bool> AllGoneAsync(List<int> pids)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (pids.Exists(static pid => Directory.Exists($"/proc/{pid}") && !IsZombie(pid)))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            // The parent-death signal is delivered as the parent dies; a few milliseconds bound each look.
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        return true;
    }

    // A zombie has ended; it waits only for its new parent (init) to reap it.
    private static bool IsZombie(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
