using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Streams.Hosting.Metrics;

namespace Streams.Hosting.Tests;

[Trait("Tier", "Unit")]
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
    public void Histograms_have_cumulative_buckets_a_sum_and_a_count_with_milliseconds_written_as_seconds()
    {
        using var meter = new Meter("Streams.Test.Histograms");
        using var exporter = new PrometheusExporter(m => ReferenceEquals(m, meter));
        Histogram<double> latency = meter.CreateHistogram<double>("streams.stage.latency", "ms", "Time per item.");
        latency.Record(0.7, new KeyValuePair<string, object?>("stage", "s"));
        latency.Record(3, new KeyValuePair<string, object?>("stage", "s"));
        latency.Record(20000, new KeyValuePair<string, object?>("stage", "s"));

        string text = exporter.Scrape();

        Assert.Contains("# TYPE streams_stage_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_seconds_bucket{stage=\"s\",le=\"0.0005\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_seconds_bucket{stage=\"s\",le=\"0.001\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_seconds_bucket{stage=\"s\",le=\"0.005\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_seconds_bucket{stage=\"s\",le=\"10\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_seconds_bucket{stage=\"s\",le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        string sum = Assert.Single(text.Split('\n'), line => line.StartsWith("streams_stage_latency_seconds_sum{stage=\"s\"} ", StringComparison.Ordinal));
        Assert.Equal(20.0037, double.Parse(sum[(sum.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Contains("streams_stage_latency_seconds_count{stage=\"s\"} 3\n", text, StringComparison.Ordinal);
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
    public void An_observable_gauge_reports_only_what_its_callback_returned_at_this_scrape()
    {
        using var meter = new Meter("Streams.Test.GaugeSeries");
        using var exporter = new PrometheusExporter(m => ReferenceEquals(m, meter));
        Measurement<int>[] observed = [new(2, new KeyValuePair<string, object?>("edge", "a")), new(5, new KeyValuePair<string, object?>("edge", "b"))];
        meter.CreateObservableGauge("streams.queue.depth", () => observed, "{frame}", "Items waiting.");

        string both = exporter.Scrape();
        Assert.Contains("streams_queue_depth{edge=\"a\"} 2\n", both, StringComparison.Ordinal);
        Assert.Contains("streams_queue_depth{edge=\"b\"} 5\n", both, StringComparison.Ordinal);

        observed = [new(1, new KeyValuePair<string, object?>("edge", "a"))];
        string one = exporter.Scrape();
        Assert.Contains("streams_queue_depth{edge=\"a\"} 1\n", one, StringComparison.Ordinal);
        Assert.DoesNotContain("edge=\"b\"", one, StringComparison.Ordinal);

        // Nothing observed: no samples, and no family headers without samples either.
        observed = [];
        Assert.DoesNotContain("streams_queue_depth", exporter.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_observable_counter_loses_the_series_its_callback_stops_reporting()
    {
        using var meter = new Meter("Streams.Test.ObservableCounter");
        using var exporter = new PrometheusExporter(m => ReferenceEquals(m, meter));
        Measurement<long>[] observed = [new(3, new KeyValuePair<string, object?>("stream", "a")), new(1, new KeyValuePair<string, object?>("stream", "b"))];
        meter.CreateObservableCounter("streams.source.reconnects", () => observed, "{reconnect}", "Reconnects.");

        Assert.Contains("streams_source_reconnects_total{stream=\"b\"} 1\n", exporter.Scrape(), StringComparison.Ordinal);
        observed = [new(4, new KeyValuePair<string, object?>("stream", "a"))];
        string text = exporter.Scrape();

        Assert.Contains("streams_source_reconnects_total{stream=\"a\"} 4\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("stream=\"b\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_label_value_drops_its_counter_and_histogram_series_and_keeps_the_others()
    {
        using var meter = new Meter("Streams.Test.Removal");
        using var exporter = new PrometheusExporter(m => ReferenceEquals(m, meter));
        Counter<long> frames = meter.CreateCounter<long>("streams.source.frames", "{frame}", "Frames delivered.");
        Histogram<double> latency = meter.CreateHistogram<double>("streams.stage.latency", "ms", "Time per item.");
        frames.Add(4, new KeyValuePair<string, object?>("stream", "gone"));
        frames.Add(6, new KeyValuePair<string, object?>("stream", "stays"));
        latency.Record(1, new("stage", "detect"), new("stream", "gone"));
        latency.Record(1, new("stage", "detect"), new("stream", "stays"));

        exporter.RemoveSeries("stream", "gone");
        string text = exporter.Scrape();

        Assert.DoesNotContain("stream=\"gone\"", text, StringComparison.Ordinal);
        Assert.Contains("streams_source_frames_total{stream=\"stays\"} 6\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_stage_latency_seconds_count{stage=\"detect\",stream=\"stays\"} 1\n", text, StringComparison.Ordinal);

        // Counted again later (a stream re-added under the same id): it starts over, as a counter reset.
        frames.Add(1, new KeyValuePair<string, object?>("stream", "gone"));
        Assert.Contains("streams_source_frames_total{stream=\"gone\"} 1\n", exporter.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Up_down_counters_sum_their_changes_and_gauges_keep_their_last_value()
    {
        using var meter = new Meter("Streams.Test.UpDown");
        using var exporter = new PrometheusExporter(m => ReferenceEquals(m, meter));
        UpDownCounter<int> open = meter.CreateUpDownCounter<int>("streams.sinks.open", "{sink}", "Open sinks.");
        Gauge<double> temperature = meter.CreateGauge<double>("streams.device.temperature", null, "Degrees.");
        open.Add(3);
        open.Add(-1);
        temperature.Record(40);
        temperature.Record(38.5);

        string text = exporter.Scrape();

        Assert.Contains("# TYPE streams_sinks_open gauge\nstreams_sinks_open 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE streams_device_temperature gauge\nstreams_device_temperature 38.5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_instrument_of_two_pipelines_is_one_family_told_apart_by_instance()
    {
        using var first = new Meter(new MeterOptions("Streams.Test.Family") { Tags = [new("instance", "one")] });
        using var second = new Meter(new MeterOptions("Streams.Test.Family") { Tags = [new("instance", "two")] });
        using var exporter = new PrometheusExporter(m => ReferenceEquals(m, first) || ReferenceEquals(m, second));
        first.CreateCounter<long>("streams.source.frames", "{frame}", "Frames delivered.").Add(1);
        second.CreateCounter<long>("streams.source.frames", "{frame}", "Frames delivered.").Add(2);

        string text = exporter.Scrape();

        Assert.Single(text.Split('\n'), line => line == "# TYPE streams_source_frames_total counter");
        Assert.Contains("streams_source_frames_total{instance=\"one\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("streams_source_frames_total{instance=\"two\"} 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_values_are_escaped_and_names_sanitised_with_base_units()
    {
        Assert.Equal("a\\\"b\\\\c\\nd", PrometheusNames.EscapeLabel("a\"b\\c\nd"));
        Assert.Equal("streams_kafka_events_acked", PrometheusNames.Metric("streams.kafka.events-acked", "{event}"));
        Assert.Equal("streams_sink_ack_latency_seconds", PrometheusNames.Metric("streams.sink.ack.latency", "ms"));
        Assert.Equal(1000, PrometheusNames.UnitDivisor("ms"));
        Assert.Equal(1, PrometheusNames.UnitDivisor("{frame}"));
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
