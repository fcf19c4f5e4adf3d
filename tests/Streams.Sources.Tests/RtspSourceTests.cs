using System.Diagnostics;
using Streams.Runtime;
using Streams.Sources.Tests.Support;

namespace Streams.Sources.Tests;

[Trait("Tier", "Integration")]
public sealed class RtspSourceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(RtspTransportProtocol.Tcp)]
    [InlineData(RtspTransportProtocol.Udp)]
    public async Task Frames_arrive_from_an_rtsp_server_with_growing_timestamps(RtspTransportProtocol transport)
    {
        TestClips clips = await TestClips.GetAsync();
        await using RtspTestServer server = await RtspTestServer.StartAsync(clips.Clip);
        await using var harness = new SourceHarness(output);
        (StreamContext stream, _) = harness.Add("cam", new FfmpegSourceOptions { Uri = server.Url("/loop"), RtspTransport = transport });

        harness.Start();
        await harness.Sink.WaitForFramesAsync("cam", 15);
        Assert.Equal(StreamState.Streaming, stream.State);
        await harness.StopAsync();

        IReadOnlyList<RecordingSink.Seen> frames = harness.Sink.FramesOf("cam");
        Assert.All(frames, f => Assert.Equal((320, 240, PixelFormat.Yuv420p), (f.Width, f.Height, f.Format)));
        // ffmpeg's RTSP demuxer may give the first two frames the same timestamp; after that they grow.
        for (int i = 1; i < frames.Count; i++)
        {
            Assert.True(frames[i].Pts >= frames[i - 1].Pts, $"frame {i}: {frames[i].Pts} after {frames[i - 1].Pts}");
        }

        Assert.True(frames[^1].Pts > frames[0].Pts);
        Assert.Equal(StreamState.Ended, stream.State);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task Rtsp_credentials_reach_the_server_but_not_ffmpegs_command_line()
    {
        const string Password = "pa55-in-argv-never";
        TestClips clips = await TestClips.GetAsync();
        await using RtspTestServer server = await RtspTestServer.StartAsync(clips.Clip, auth: "alice:" + Password);
        await using var harness = new SourceHarness(output);
        string url = server.Url("/loop").Replace("rtsp://", $"rtsp://alice:{Password}@", StringComparison.Ordinal);
        (StreamContext stream, FfmpegSource source) = harness.Add("cam", new FfmpegSourceOptions { Uri = url });

        harness.Start();
        // Frames come only through the authenticated session: the server answers anyone else with 401.
        await harness.Sink.WaitForFramesAsync("cam", 5);
        int pid = source.ProcessId!.Value;
        string? commandLine = Posix.CommandLine(pid);
        string? environment = Posix.Environment(pid);
        output.WriteLine($"ffmpeg {pid}: {commandLine}");
        await harness.StopAsync();

        Assert.NotNull(commandLine);
        Assert.Contains("ffmpeg", commandLine, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, commandLine, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, environment ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.Contains(Password, StringComparison.Ordinal));
        Assert.Equal(StreamState.Ended, stream.State);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task A_wrong_rtsp_password_is_reported_as_unauthorized_without_the_password()
    {
        const string Password = "not-the-one";
        TestClips clips = await TestClips.GetAsync();
        await using RtspTestServer server = await RtspTestServer.StartAsync(clips.Clip, auth: "alice:right");
        await using var harness = new SourceHarness(output);
        string url = server.Url("/loop").Replace("rtsp://", $"rtsp://alice:{Password}@", StringComparison.Ordinal);
        (StreamContext stream, _) = harness.Add("cam", new FfmpegSourceOptions { Uri = url, MaxRetries = 0 });

        harness.Start();
        await harness.CompletionAsync();

        output.WriteLine(stream.Reason);
        Assert.Equal(StreamState.Failed, stream.State);
        Assert.Contains("401 Unauthorized", stream.Reason, StringComparison.Ordinal);
        Assert.Contains("rtsp://***@127.0.0.1", stream.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, stream.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.Contains(Password, StringComparison.Ordinal));
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task A_killed_server_that_comes_back_is_reconnected()
    {
        TestClips clips = await TestClips.GetAsync();
        RtspTestServer server = await RtspTestServer.StartAsync(clips.Clip);
        await using var harness = new SourceHarness(output);
        (StreamContext stream, FfmpegSource source) = harness.Add("cam", new FfmpegSourceOptions
        {
            Uri = server.Url("/loop"), BackoffInitial = TimeSpan.FromMilliseconds(200), BackoffMax = TimeSpan.FromSeconds(1),
        });
        try
        {
            harness.Start();
            await harness.Sink.WaitForFramesAsync("cam", 5);
            int framesBefore = harness.Sink.CountOf("cam");
            int port = server.Port;

            await server.KillAsync();
            LogCapture.Entry reconnecting = await harness.Logs.WaitForStateAsync("cam", StreamState.Reconnecting);
            output.WriteLine($"reconnecting: {reconnecting.Reason}");
            await server.DisposeAsync();
            server = await RtspTestServer.StartAsync(clips.Clip, port);
            LogCapture.Entry streaming = await harness.Logs.WaitForStateAsync("cam", StreamState.Streaming, after: 1);
            await harness.Sink.WaitForFramesAsync("cam", framesBefore + 5);

            Assert.True(streaming.Timestamp > reconnecting.Timestamp);
            Assert.True(source.Launches >= 2, $"{source.Launches} launches");
            // Each failed attempt while the server is away is a Reconnecting entry of its own (counted and shown with
            // its wait): how many depends on how long the server takes to come back.
            List<StreamState> states = harness.Logs.StatesOf("cam").Select(e => e.State!.Value).ToList();
            int back = states.IndexOf(StreamState.Streaming, 1);
            Assert.True(back >= 2, $"states: {string.Join(", ", states)}");
            Assert.Equal(StreamState.Streaming, states[0]);
            Assert.All(states.Take(back).Skip(1), static state => Assert.Equal(StreamState.Reconnecting, state));
            await harness.StopAsync();
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Equal(StreamState.Ended, stream.State);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task A_stalled_server_is_caught_by_the_watchdog_within_its_timeout_and_the_stream_recovers_when_it_resumes()
    {
        TestClips clips = await TestClips.GetAsync();
        await using RtspTestServer server = await RtspTestServer.StartAsync(clips.Clip);
        await using var harness = new SourceHarness(output);
        TimeSpan watchdog = TimeSpan.FromSeconds(2);
        (StreamContext stream, FfmpegSource source) = harness.Add("cam", new FfmpegSourceOptions
        {
            Uri = server.Url("/loop"), WatchdogTimeout = watchdog, BackoffInitial = TimeSpan.FromMilliseconds(200),
        });

        harness.Start();
        await harness.Sink.WaitForFramesAsync("cam", 5);
        int firstPid = source.ProcessId!.Value;
        long pausedAt = Stopwatch.GetTimestamp();
        server.Pause();
        try
        {
            LogCapture.Entry reconnecting = await harness.Logs.WaitForStateAsync("cam", StreamState.Reconnecting);
            TimeSpan caughtAfter = Stopwatch.GetElapsedTime(pausedAt, reconnecting.Timestamp);
            output.WriteLine($"watchdog caught the stall after {caughtAfter.TotalSeconds:0.000} s: {reconnecting.Reason}");
            Assert.Contains("no frame for 2 s (watchdog)", reconnecting.Reason, StringComparison.Ordinal);
            // The last frame may have arrived up to a frame before the pause; the check runs every 1/8 of the timeout.
            // Frames already in the server's queue, ffmpeg's buffers and the pipe still arrive after the pause (up to
            // about a second on a loaded machine), and the watchdog counts from the last of them.
            Assert.InRange(caughtAfter, watchdog - TimeSpan.FromMilliseconds(100), watchdog + TimeSpan.FromSeconds(2));
            Assert.False(Posix.IsAlive(firstPid), "the stalled ffmpeg was not killed");
            Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == SourceLogEvents.WatchdogFired.Id);
        }
        finally
        {
            server.Resume();
        }

        await harness.Logs.WaitForStateAsync("cam", StreamState.Streaming, after: 1);
        Assert.True(source.Launches >= 2);
        await harness.StopAsync();
        Assert.Equal(StreamState.Ended, stream.State);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task A_server_that_never_comes_up_is_retried_with_backoff_not_in_a_busy_loop_and_stops_cleanly()
    {
        int port = FreeTcpPort();
        await using var harness = new SourceHarness(output);
        TimeSpan initial = TimeSpan.FromMilliseconds(100);
        TimeSpan max = TimeSpan.FromMilliseconds(800);
        // Jitter pinned to its lowest value: every wait is 80% of 100, 200, 400, 800, 800... ms.
        (StreamContext stream, FfmpegSource source) = harness.Add("cam", new FfmpegSourceOptions
        {
            Uri = $"rtsp://127.0.0.1:{port}/absent", BackoffInitial = initial, BackoffMax = max,
        }, random: () => 0);

        harness.Start();
        await harness.Logs.WaitForAsync(e => e.EventId.Id == SourceLogEvents.Reconnecting.Id && e.Message.Contains("failure 5 in a row", StringComparison.Ordinal));
        Assert.Equal(StreamState.Reconnecting, stream.State);
        Assert.Contains("Connection refused", stream.Reason, StringComparison.Ordinal);

        long stopAt = Stopwatch.GetTimestamp();
        await harness.StopAsync();
        TimeSpan stopTook = Stopwatch.GetElapsedTime(stopAt);

        IReadOnlyList<(int Pid, long Timestamp)> launches = harness.Ffmpeg.Started;
        double[] gaps = [.. launches.Skip(1).Select((l, i) => Stopwatch.GetElapsedTime(launches[i].Timestamp, l.Timestamp).TotalMilliseconds)];
        output.WriteLine($"{launches.Count} launches, gaps (ms): {string.Join(", ", gaps.Select(g => g.ToString("0")))}; stop took {stopTook.TotalMilliseconds:0} ms");
        double[] waits = [80, 160, 320, 640, 640, 640, 640];
        Assert.InRange(launches.Count, 5, 6);
        for (int i = 0; i < gaps.Length; i++)
        {
            // Each gap is the backoff wait plus ffmpeg's own start-and-fail time.
            Assert.True(gaps[i] >= waits[i], $"attempt {i + 2} came {gaps[i]:0} ms after the one before, less than the {waits[i]} ms backoff");
        }

        Assert.True(stopTook < TimeSpan.FromSeconds(2), $"stop took {stopTook}");
        Assert.Equal(StreamState.Ended, stream.State);
        Assert.Equal(launches.Count, source.Launches);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task Every_failed_reconnect_is_counted_and_the_reason_shows_the_latest_wait()
    {
        int port = FreeTcpPort();
        await using var harness = new SourceHarness(output);
        // Jitter pinned to its middle: the waits are exactly 100, 200, 400, 800, 800 ms.
        (StreamContext stream, FfmpegSource source) = harness.Add("cam", new FfmpegSourceOptions
        {
            Uri = $"rtsp://127.0.0.1:{port}/absent", BackoffInitial = TimeSpan.FromMilliseconds(100),
            BackoffMax = TimeSpan.FromMilliseconds(800), MaxRetries = 5,
        }, random: () => 0.5);

        harness.Start();
        await harness.CompletionAsync();

        string[] waits = ["0.1", "0.2", "0.4", "0.8", "0.8"];
        LogCapture.Entry[] reconnecting = [.. harness.Logs.StatesOf("cam").Where(e => e.State == StreamState.Reconnecting)];
        Assert.Equal(waits.Length, reconnecting.Length);
        for (int i = 0; i < waits.Length; i++)
        {
            output.WriteLine(reconnecting[i].Reason);
            Assert.Contains("Connection refused", reconnecting[i].Reason, StringComparison.Ordinal);
            Assert.EndsWith($"; failure {i + 1} in a row, reconnecting in {waits[i]} s", reconnecting[i].Reason, StringComparison.Ordinal);
        }

        // Six attempts: the first and five retries; the sixth failure is the last allowed.
        Assert.Equal(6, source.Launches);
        Assert.Equal(5, stream.Reconnects);
        Assert.Equal(5, ObservedMetrics.ForStream(harness.Pipeline.Metrics.Meter, "streams.source.reconnects", "cam"));
        Assert.Equal(StreamState.Failed, stream.State);
        Assert.Contains("gave up after 6 failed attempts in a row", stream.Reason, StringComparison.Ordinal);
        harness.AssertCleanEnd();
    }

    private static int FreeTcpPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
