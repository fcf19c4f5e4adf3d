using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Streams.Hosting.Metrics;

namespace Streams.Hosting.Tests;

public sealed partial class PrometheusExporterTests
{
    [Fact]
    public void Counters_are_summed_per_tag_set_and_written_as_total_series()
    {
        using var meter = new Meter("Streams.Test.Counters");
        using var exporter = new PrometheusExporter(m => ReferenceEquals(m, meter));
        Counter<long> frames = meter.CreateCounter<long>("streams.stage.frames_in", "{frame}", "Items a stage took.");
        frames.Add(2, new("stage", "detect"), new("stream", "cam-1"));
        frames.Add(3, new("stage", "detect"), new("stream", "cam-1"));
        frames.Add(1, new("stage", "detect"), new("stream", "cam-2"));

        string text = exporter.Scrape();

        Assert.Contains("# TYPE streams_stage_frames_in_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_frames_in_total{stage=\"detect\",stream=\"cam-1\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_frames_in_total{stage=\"detect\",stream=\"cam-2\"} 1\n", text, StringComparison.Ordinal);
        AssertParses(text);
    }

    [Fact]
    public void Histograms_have_cumulative_buckets_a_sum_and_a_count()
    {
        using var meter = new Meter("Streams.Test.Histograms");
        using var exporter = new PrometheusExporter(m => ReferenceEquals(m, meter));
        Histogram<double> latency = meter.CreateHistogram<double>("streams.stage.latency", "ms", "Time per item.");
        latency.Record(0.7, new KeyValuePair<string, object?>("stage", "s"));
        latency.Record(3, new KeyValuePair<string, object?>("stage", "s"));
        latency.Record(20000, new KeyValuePair<string, object?>("stage", "s"));

        string text = exporter.Scrape();

        Assert.Contains("# TYPE streams_stage_latency_milliseconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_milliseconds_bucket{stage=\"s\",le=\"0.5\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_milliseconds_bucket{stage=\"s\",le=\"1\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_milliseconds_bucket{stage=\"s\",le=\"5\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_milliseconds_bucket{stage=\"s\",le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_milliseconds_sum{stage=\"s\"} 20003.7\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_milliseconds_count{stage=\"s\"} 3\n", text, StringComparison.Ordinal);
        AssertParses(text);
    }

    [Fact]
    public void Gauges_are_observed_at_scrape_time_and_meter_tags_become_labels()
    {
        using var meter = new Meter(new MeterOptions("Streams.Test.Gauges") { Tags = [new("instance", "lobby-1")] });
        using var exporter = new PrometheusExporter(m => ReferenceEquals(m, meter));
        int depth = 3;
        meter.CreateObservableGauge("streams.queue.depth", () => new Measurement<int>(depth, new KeyValuePair<string, object?>("edge", "ingress")));

        Assert.Contains("streams_queue_depth{instance=\"lobby-1\",edge=\"ingress\"} 3\n", exporter.Scrape(), StringComparison.Ordinal);
        depth = 7;
        string text = exporter.Scrape();
        Assert.Contains("streams_queue_depth{instance=\"lobby-1\",edge=\"ingress\"} 7\n", text, StringComparison.Ordinal);
        AssertParses(text);
    }

    [Fact]
    public void Label_values_are_escaped_and_names_sanitised()
    {
        Assert.Equal("a\\\"b\\\\c\\nd", PrometheusNames.EscapeLabel("a\"b\\c\nd"));
        Assert.Equal("streams_kafka_events_acked", PrometheusNames.Metric("streams.kafka.events-acked", "{event}"));
        Assert.Equal("_9lives", PrometheusNames.Label("9lives"));
    }

    /// <summary>Every line is a comment or a sample in the text format's grammar.</summary>
    internal static void AssertParses(string text)
    {
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Matches(SampleOrComment(), line);
        }
    }

    [GeneratedRegex("""^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)+\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN))$""")]
    private static partial Regex SampleOrComment();
}
