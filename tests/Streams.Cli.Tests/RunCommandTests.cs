namespace Streams.Cli.Tests;

[Trait("Tier", "Integration")]
public sealed class RunCommandTests
{
    private const int SigTerm = 15;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_pipeline_of_files_ends_by_itself_and_exits_zero()
    {
        using var files = new TestFiles();
        string config = files.Write("short.yaml", """
            runtime:
              metrics_interval: 0
            sources:
              - id: a
                uri: synthetic://pattern?width=320&height=180&frames=40
                replay: fast
              - id: b
                uri: synthetic://pattern?width=64&height=64&frames=10
                replay: fast
            """);
        using StreamsProcess streams = StreamsProcess.Start("run", config);

        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        Assert.Matches(@"Stream a \(synthetic://pattern[^)]*\) is Ended: end of input", streams.Stderr);
        Assert.Matches(@"Stream b \(synthetic://pattern[^)]*\) is Ended: end of input", streams.Stderr);
    }

    [Fact]
    public async Task Duration_stops_the_run_gracefully()
    {
        using var files = new TestFiles();
        string config = files.Write("endless.yaml", "sources:\n  - id: cam\n    uri: synthetic://pattern?width=64&height=64\n");
        using StreamsProcess streams = StreamsProcess.Start("run", config, "--duration", "1s", "--log-level", "warning");

        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
    }

    [Fact]
    public async Task A_source_no_operator_can_open_fails_the_run_with_a_message()
    {
        using var files = new TestFiles();
        string config = files.Write("bad.yaml", "sources:\n  - id: cam\n    uri: synthetic://pattern?width=odd\n");
        using StreamsProcess streams = StreamsProcess.Start("run", config);

        Assert.Equal(1, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("Cannot start: synthetic://pattern: 'width' must be a positive integer, got 'odd'", streams.Stderr, StringComparison.Ordinal);
        // Said once, without the host's second report of it with a stack trace.
        Assert.DoesNotContain("Hosting failed to start", streams.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", streams.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_configuration_is_refused_before_anything_starts()
    {
        using var files = new TestFiles();
        string config = files.Write("bad.yaml", "sourcez: []\n");
        using StreamsProcess streams = StreamsProcess.Start("run", config);

        Assert.Equal(2, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("unknown key 'sourcez' (did you mean 'sources'?)", streams.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Pipeline", streams.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spool_mode: sometimes", "bad.yaml:6:17", "spool_mode")]
    [InlineData("spool_mode: always", "bad.yaml:6:17", "spool_mode 'always' needs a spool directory")]
    [InlineData("spool_fsync: hourly", "bad.yaml:6:18", "spool_fsync")]
    public async Task A_bad_spool_setting_is_refused_at_its_line_and_column(string line, string where, string message)
    {
        using var files = new TestFiles();
        string config = files.Write("bad.yaml", $"sources:\n  - id: cam\n    uri: synthetic://pattern?width=64&height=64\nsinks:\n  - type: kafka\n    {line}\n");
        using StreamsProcess streams = StreamsProcess.Start("run", config);

        Assert.Equal(2, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains(where, streams.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, streams.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_logs_are_one_object_per_line_with_structured_properties()
    {
        using var files = new TestFiles();
        string config = files.Write("short.yaml", "sources:\n  - id: a\n    uri: synthetic://pattern?width=64&height=64&frames=5\n    replay: fast\n");
        using StreamsProcess streams = StreamsProcess.Start("run", config, "--log-format", "json");

        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        string[] lines = streams.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var streamIds = new List<string?>();
        foreach (string line in lines)
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("Level", out _));
            if (json.RootElement.TryGetProperty("Properties", out var properties) && properties.TryGetProperty("StreamId", out var id))
            {
                streamIds.Add(id.GetString());
            }
        }

        Assert.Contains("a", streamIds);
    }

    [Fact]
    public async Task The_demo_replays_the_sample_streams_through_ffmpeg_and_ends_with_them()
    {
        string demo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../configs/demo.yaml"));
        using var files = new TestFiles();
        // Outputs go to this test's own folder: the demo test writes the shipped paths at the same time.
        string yaml = File.ReadAllText(demo).Replace("replay: realtime", "replay: fast\n    duration: 2s", StringComparison.Ordinal)
            .Replace("../out/demo/", files.Root + "/", StringComparison.Ordinal)
            .Replace("../", Path.GetDirectoryName(demo) + "/../", StringComparison.Ordinal);
        string config = files.Write("demo-fast.yaml", yaml);
        using StreamsProcess streams = StreamsProcess.Start("run", config);

        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        foreach (string id in new[] { "quiet-street", "busy-crossing", "yard" })
        {
            Assert.Contains($"Stream {id} (", streams.Stderr, StringComparison.Ordinal);
            Assert.Matches($"Stream {id} \\(.*sample-streams/{id}\\.mp4\\) is Ended: end of input", streams.Stderr);
        }
    }

    [Fact]
    public async Task A_broken_file_fails_its_stream_and_the_run_while_another_stream_finishes()
    {
        using var files = new TestFiles();
        files.Write("not-a-video.mp4", "this is text, not H.264");
        string config = files.Write("mixed.yaml", """
            runtime:
              metrics_interval: 0
            sources:
              - id: broken
                uri: not-a-video.mp4
                replay: fast
              - id: good
                uri: synthetic://pattern?width=64&height=64&frames=30
                replay: fast
            """);
        using StreamsProcess streams = StreamsProcess.Start("run", config);

        Assert.Equal(1, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("Stream good (synthetic://pattern?width=64&height=64&frames=30) is Ended: end of input", streams.Stderr, StringComparison.Ordinal);
        Assert.Matches("Stream broken failed: .*not-a-video\\.mp4", streams.Stderr);
    }

    [Fact]
    public async Task A_second_signal_during_the_kafka_flush_exits_one_hundred_thirty_and_reports_the_undelivered_events()
    {
        using var files = new TestFiles();
        string config = files.Write("unreachable.yaml", EventsToUnreachableBroker("5m", spool: null));
        using StreamsProcess streams = StreamsProcess.StartWaitingFor("Stopping the sinks", "run", config);
        // Kafka comes first in the list, so an event on stdout is one the Kafka sink has taken (and cannot deliver).
        await streams.WaitForStdoutAsync("\"stream_id\":\"cam\"", s_timeout);
        streams.Signal(SigTerm);
        await streams.Started.WaitAsync(s_timeout); // the graph has drained; the sink now waits for acknowledgements

        streams.Signal(SigTerm);

        Assert.Equal(130, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("forcing the stop", streams.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"Sink kafka stopped with [1-9]\d* events undelivered: 0 kept in its spool for the next start, [1-9]\d* DROPPED", streams.Stderr);
        Assert.Contains("forced by a second signal", streams.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", streams.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", streams.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "1s", 3)]
    [InlineData(true, "3s", 0)] // time for the graph to drain on a loaded machine: only the sink may miss the deadline
    public async Task The_kafka_flush_ends_at_the_shutdown_timeout_spooling_what_it_can_and_exits_three_only_on_loss(bool spool, string deadline, int exitCode)
    {
        using var files = new TestFiles();
        string config = files.Write("unreachable.yaml", EventsToUnreachableBroker(deadline, spool ? "spool" : null));
        using StreamsProcess streams = StreamsProcess.StartWaitingFor("is Streaming", "run", config);
        await streams.WaitForStdoutAsync("\"stream_id\":\"cam\"", s_timeout);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        streams.Signal(SigTerm);

        Assert.Equal(exitCode, await streams.WaitForExitAsync(s_timeout));
        // One deadline for the whole stop, the sink's flush included: the deadline, then the process's own exit (its
        // margin is for a loaded machine), well below the sink's 10 s bound of a stop without a deadline.
        TimeSpan limit = TimeSpan.FromSeconds(int.Parse(deadline.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture) + 3);
        Assert.True(clock.Elapsed < limit, $"the stop took {clock.Elapsed}, more than {limit}");
        Assert.Matches(spool
            ? @"Sink kafka stopped with ([1-9]\d*) events undelivered: \1 kept in its spool for the next start, 0 dropped"
            : @"Sink kafka stopped with ([1-9]\d*) events undelivered: 0 kept in its spool for the next start, \1 DROPPED", streams.Stderr);
        Assert.DoesNotContain("   at ", streams.Stderr, StringComparison.Ordinal);
        if (spool)
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(files.Root, "spool"), "*.seg"));
        }
    }

    /// <summary>A looping clip through the demo detector, events to a Kafka broker nobody listens for, then to stdout.</summary>
    private static string EventsToUnreachableBroker(string shutdownTimeout, string? spool)
    {
        string root = Streams.Hosting.Benchmarking.BenchOptions.FindRoot(AppContext.BaseDirectory)!;
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port; // free now; nothing listens once probe stops
        }

        return $$"""
            runtime:
              shutdown_timeout: {{shutdownTimeout}}
              metrics_interval: 0
            sources:
              - id: cam
                uri: {{root}}/sample-streams/busy-crossing.mp4
                loop: true
                detect_fps: 5
            models:
              - id: demo-detector
                path: {{root}}/models/demo-detector.onnx
                intra_op_threads: 1
            sinks:
              - type: kafka
                bootstrap: 127.0.0.1:{{port}}
                topic: unreachable.events
            {{(spool is null ? "" : "    spool: " + spool)}}
              - type: stdout
            """;
    }
}
