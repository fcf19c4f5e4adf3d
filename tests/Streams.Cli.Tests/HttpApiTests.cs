using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Streams.Cli.Tests;

/// <summary>The HTTP API of a real <c>streams run</c>: health, readiness, metrics, and streams added and removed at runtime.</summary>
[Trait("Tier", "Integration")]
public sealed partial class HttpApiTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private const string Token = "test-token-0123456789";

    [Fact]
    public async Task Streams_added_at_runtime_deliver_events_and_removed_ones_leave_no_ffmpeg_behind()
    {
        string root = RepositoryRoot();
        using var files = new TestFiles();
        // A copy under a unique name, so this test's ffmpeg can be told from any other.
        string clip = Path.Combine(files.Root, "runtime-added-" + Guid.NewGuid().ToString("N")[..8] + ".mp4");
        File.Copy(Path.Combine(root, "sample-streams", "quiet-street.mp4"), clip);
        string config = files.Write("api.yaml", $$"""
            pipeline: { instance_id: api-test }
            runtime: { metrics_interval: 0 }
            api: { enabled: true, listen: "127.0.0.1:0", token: {{Token}} }
            sources:
              - id: first
                uri: synthetic://pattern?width=64&height=64&fps=10&frames=100000
            models:
              - id: demo-detector
                path: {{root}}/models/demo-detector.onnx
                intra_op_threads: 1
            sinks:
              - type: stdout
            """);
        using StreamsProcess streams = StreamsProcess.StartWaitingFor("HTTP API listening on", "run", config);
        await streams.Started.WaitAsync(s_timeout);
        using var http = new HttpClient { BaseAddress = new Uri(ApiAddress().Match(streams.Stderr).Groups[1].Value), Timeout = s_timeout };

        // Health is open to probes; everything else needs the token.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/streams", UriKind.Relative))).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);

        // A bad entry is refused with the configuration's own messages.
        HttpResponseMessage refused = await PostAsync(http, """{"id": "bad", "uri": "x.mp4", "replay": "sideways"}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("replay", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Added at runtime: it streams, and its objects reach the sink as events of its own.
        HttpResponseMessage created = await PostAsync(http, $$"""{"id": "added", "uri": "{{clip}}", "loop": true, "detect_fps": 5}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await streams.WaitForLineAsync("Stream added (", s_timeout);
        await streams.WaitForStdoutAsync("\"stream_id\":\"added\"", s_timeout);
        using (JsonDocument listed = JsonDocument.Parse(await http.GetStringAsync(new Uri("/streams", UriKind.Relative))))
        {
            Assert.Equal(2, listed.RootElement.GetArrayLength());
        }

        using (JsonDocument one = JsonDocument.Parse(await http.GetStringAsync(new Uri("/streams/added", UriKind.Relative))))
        {
            Assert.Equal("streaming", one.RootElement.GetProperty("state").GetString());
            Assert.True(one.RootElement.GetProperty("frames_in").GetInt64() > 0);
        }

        Assert.True(FfmpegReading(clip), "the added stream's ffmpeg should be running");
        string whileStreaming = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        AssertStateSeries(whileStreaming, "added", "streaming");
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(http, $$"""{"id": "added", "uri": "{{clip}}"}""")).StatusCode);

        // Removed: the call returns once its source has ended, so its ffmpeg is gone by then.
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(new Uri("/streams/added", UriKind.Relative))).StatusCode);
        Assert.False(FfmpegReading(clip), "the removed stream's ffmpeg is still running");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/streams/added", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync(new Uri("/streams/added", UriKind.Relative))).StatusCode);

        // Metrics in the Prometheus text format.
        string metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        foreach (string series in new[] { "streams_stage_frames_in_total{", "streams_stage_latency", "streams_queue_depth", "streams_source_reconnects",
            "streams_inference_duration", "streams_inference_batch_size" })
        {
            Assert.Contains(series, metrics, StringComparison.Ordinal);
        }

        foreach (string line in metrics.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Matches(PrometheusLine(), line);
        }

        // The removed stream is gone from every series; the one left reports its present state.
        Assert.DoesNotContain("stream=\"added\"", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("edge=\"source.added\"", metrics, StringComparison.Ordinal);
        AssertStateSeries(metrics, "first", "streaming");
        Assert.Equal(string.Empty, await Streams.Hosting.Tests.Support.Promtool.CheckMetricsAsync(metrics));

        streams.Signal(15);
        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
    }

    [Fact]
    public async Task Readiness_follows_a_live_camera_that_dies_and_comes_back()
    {
        string clip = Path.Combine(RepositoryRoot(), "sample-streams", "yard.mp4");
        Streams.Sources.Tests.Support.RtspTestServer camera = await Streams.Sources.Tests.Support.RtspTestServer.StartAsync(clip);
        int port = camera.Port;
        try
        {
            using var files = new TestFiles();
            string config = files.Write("ready.yaml", $$"""
                runtime: { metrics_interval: 0 }
                api: { enabled: true, listen: "127.0.0.1:0" }
                sources:
                  - id: cam
                    uri: {{camera.Url("/loop")}}
                    watchdog_timeout: 2s
                    backoff_initial: 200ms
                    backoff_max: 1s
                """);
            using StreamsProcess streams = StreamsProcess.StartWaitingFor("HTTP API listening on", "run", config);
            await streams.Started.WaitAsync(s_timeout);
            using var http = new HttpClient { BaseAddress = new Uri(ApiAddress().Match(streams.Stderr).Groups[1].Value), Timeout = s_timeout };

            await streams.WaitForLineCountAsync("Stream cam (", 1, s_timeout);
            await streams.WaitForLineCountAsync("is Streaming", 1, s_timeout);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);

            await camera.DisposeAsync();
            await streams.WaitForLineCountAsync("is Reconnecting", 1, s_timeout);
            HttpResponseMessage down = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Contains("stream cam is reconnecting", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            camera = await Streams.Sources.Tests.Support.RtspTestServer.StartAsync(clip, port);
            await streams.WaitForLineCountAsync("is Streaming", 2, s_timeout);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);

            streams.Signal(15);
            Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        }
        finally
        {
            await camera.DisposeAsync();
        }
    }

    /// <summary>Every state of <paramref name="stream"/> is a series: 1 for <paramref name="current"/>, 0 for the others.</summary>
    private static void AssertStateSeries(string metrics, string stream, string current)
    {
        foreach (string state in new[] { "starting", "streaming", "reconnecting", "failed", "ended" })
        {
            string sample = $$"""streams_stream_state{instance="api-test",stream="{{stream}}",state="{{state}}"} {{(state == current ? 1 : 0)}}""";
            Assert.Contains(sample + "\n", metrics, StringComparison.Ordinal);
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string json) =>
        http.PostAsync(new Uri("/streams", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Whether any process's command line names <paramref name="clip"/> (an ffmpeg reading it).</summary>
    private static bool FfmpegReading(string clip)
    {
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            try
            {
                string[] argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (argv[0].EndsWith("ffmpeg", StringComparison.Ordinal) && Array.IndexOf(argv, clip) >= 0)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return false;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Streams.sln not found");
    }

    [GeneratedRegex(@"HTTP API listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ApiAddress();

    // A comment, or a sample: name, optional labels, a number.
    [GeneratedRegex(@"^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf))$")]
    private static partial Regex PrometheusLine();
}
