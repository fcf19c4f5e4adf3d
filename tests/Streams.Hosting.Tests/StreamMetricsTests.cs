using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Configuration;
using Streams.Hosting.Metrics;
using Streams.Hosting.Tests.Support;
using Streams.Inference;
using Streams.Runtime;
using Streams.Sinks;
using Streams.Sources.Tests.Support;

namespace Streams.Hosting.Tests;

/// <summary>What <c>/metrics</c> says about a composed pipeline's streams while they come, change and go.</summary>
[Trait("Tier", "Integration")]
public sealed class StreamMetricsTests : IDisposable
{
    private static readonly string[] s_states = ["starting", "streaming", "reconnecting", "failed", "ended"];
    private readonly string _directory = Directory.CreateTempSubdirectory("streams-metrics-").FullName;
    private readonly ITestOutputHelper _output;

    public StreamMetricsTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Each_stream_reports_its_current_state_and_a_removed_stream_leaves_no_series_behind()
    {
        var logs = new LogCapture(_output);
        PipelineOptions options = Load("""
            pipeline: { name: metrics-test, instance_id: metrics-states }
            sources:
              - id: kept
                uri: synthetic://pattern?width=64&height=48&fps=50
              - id: removed
                uri: synthetic://pattern?width=64&height=48&fps=50
            """);
        var composer = new PipelineComposer(StreamsHost.DefaultSources(logs), logs);
        await using ComposedPipeline composed = composer.Build(options);
        using var exporter = new PrometheusExporter(meter => ReferenceEquals(meter, composed.Pipeline.Metrics.Meter));
        foreach (SourceOptions source in options.Sources)
        {
            composed.AddStream(composer.CreateStream(source, options.Runtime));
        }

        // Added, not started: every state is exported, and only starting is 1.
        Dictionary<string, double> before = Samples(exporter.Scrape());
        AssertState(before, "kept", "starting");
        AssertState(before, "removed", "starting");

        composed.Start();
        await logs.WaitForStateAsync("kept", StreamState.Streaming);
        await logs.WaitForStateAsync("removed", StreamState.Streaming);

        // Starting went back to 0 when streaming became 1: the old state does not linger.
        string streaming = exporter.Scrape();
        Dictionary<string, double> during = Samples(streaming);
        AssertState(during, "kept", "streaming");
        AssertState(during, "removed", "streaming");
        Assert.Contains("edge=\"source.removed\"", streaming, StringComparison.Ordinal);
        Assert.Contains("stream=\"removed\"", streaming, StringComparison.Ordinal);

        Assert.True(await composed.Pipeline.RemoveStreamAsync("removed").WaitAsync(TestTimeouts.Wait));
        exporter.RemoveSeries("stream", "removed");

        // Gone from every instrument: its state, its reconnects, its frame counters and its source edge's depth.
        string after = exporter.Scrape();
        Assert.DoesNotContain("stream=\"removed\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("edge=\"source.removed\"", after, StringComparison.Ordinal);
        AssertState(Samples(after), "kept", "streaming");
        Assert.Contains("streams_source_frames_total{instance=\"metrics-states\",stream=\"kept\"}", after, StringComparison.Ordinal);

        using var stop = new CancellationTokenSource(TestTimeouts.Stop);
        await composed.StopAsync(stop.Token);
    }

    [Fact]
    public async Task A_scrape_of_a_pipeline_with_a_model_and_a_sink_passes_promtool_check_metrics()
    {
        string root = RepositoryRoot();
        PipelineOptions options = Load($$"""
            pipeline: { name: metrics-test, instance_id: metrics-promtool }
            sources:
              - id: cam
                uri: synthetic://pattern?width=160&height=120&fps=25&frames=40
                replay: fast
            models:
              - id: demo-detector
                path: {{root}}/models/demo-detector.onnx
                intra_op_threads: 1
            sinks:
              - type: jsonl
                path: {{_directory}}/events.jsonl
            """);
        var composer = new PipelineComposer(StreamsHost.DefaultSources(NullLoggerFactory.Instance), NullLoggerFactory.Instance);
        await using ComposedPipeline composed = composer.Build(options);

        // The meters /metrics serves in production; test meters of other classes stay out.
        using var exporter = new PrometheusExporter(static meter =>
            meter.Name is PipelineMetrics.MeterName or InferenceMetrics.MeterName or SinkMetrics.MeterName);
        composed.AddStream(composer.CreateStream(options.Sources[0], options.Runtime));
        composed.Start();
        await composed.Completion.WaitAsync(TestTimeouts.Wait);

        string scrape = exporter.Scrape();
        _output.WriteLine(scrape);

        // Every kind of family is in it, so the lint covers counters, gauges and histograms in seconds.
        Assert.Contains("# TYPE streams_stage_frames_in_total counter\n", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE streams_stream_state gauge\n", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE streams_stage_latency_seconds histogram\n", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE streams_inference_duration_seconds histogram\n", scrape, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await Promtool.CheckMetricsAsync(scrape));
    }

    private static void AssertState(Dictionary<string, double> samples, string stream, string current)
    {
        foreach (string state in s_states)
        {
            string key = $$"""streams_stream_state{instance="metrics-states",stream="{{stream}}",state="{{state}}"}""";
            Assert.True(samples.TryGetValue(key, out double value), $"{key} is missing");
            Assert.True(value == (state == current ? 1 : 0), $"{key} is {value}, the stream being {current}");
        }
    }

    /// <summary>Each sample line of a scrape, by name and labels.</summary>
    private static Dictionary<string, double> Samples(string scrape)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in scrape.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith('#'))
            {
                int space = line.LastIndexOf(' ');
                samples.Add(line[..space], double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture));
            }
        }

        return samples;
    }

    private PipelineOptions Load(string yaml) =>
        PipelineConfigLoader.LoadFromString(yaml, "test.yaml", _directory, static _ => null);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Streams.sln not found above " + AppContext.BaseDirectory);
    }
}
