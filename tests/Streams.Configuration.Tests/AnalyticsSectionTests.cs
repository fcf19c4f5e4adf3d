using Streams.Analytics;

namespace Streams.Configuration.Tests;

/// <summary>The <c>analytics:</c> section binds to the analytics stage's own records: its options, zones and lines.</summary>
[Trait("Tier", "Unit")]
public sealed class AnalyticsSectionTests
{
    [Fact]
    public void The_section_binds_to_the_record_the_analytics_stage_takes()
    {
        PipelineOptions options = PipelineConfigLoader.LoadFromString("""
            analytics:
              zones:
                - { id: dock, polygon: [[0, 0], [10, 0], [10, 10]], loiter_after: 5s }
              lines:
                - { id: gate, points: [[0, 5], [10, 5]], coordinates: pixels, name_in: east }
              counts_interval: null
              track_timeout: 3s
            """, "p.yaml", "/tmp");

        var zone = new ZoneRuleOptions { Id = "dock", Polygon = [new(0, 0), new(10, 0), new(10, 10)], LoiterAfter = TimeSpan.FromSeconds(5) };
        var line = new LineRuleOptions { Id = "gate", Points = [new(0, 5), new(10, 5)], NameIn = "east" };
        AnalyticsStageOptions analytics = options.Analytics;
        Assert.Equal(zone, Assert.Single(analytics.Zones) with { Polygon = zone.Polygon });
        Assert.Equal(zone.Polygon, analytics.Zones[0].Polygon);
        Assert.Equal(line, Assert.Single(analytics.Lines) with { Points = line.Points });
        Assert.Equal((new Point2D(0, 5), new Point2D(10, 5)), (analytics.Lines[0].A, analytics.Lines[0].B));
        Assert.Equal((null, TimeSpan.FromSeconds(3), AnalyticsStageOptions.Default.ObjectUpdateInterval),
            (analytics.CountsInterval, analytics.TrackTimeout, analytics.ObjectUpdateInterval));
        _ = new AnalyticsStage(analytics, new ChannelEventPublisher());
    }

    [Theory]
    [InlineData("track_timeout: 0s", 2, 18, "analytics.track_timeout", "must be greater than 0s, got 0s")]
    [InlineData("object_update_interval: -1s", 2, 27, "analytics.object_update_interval", "must be greater than 0s, got -1s")]
    [InlineData("zones:\n    - { id: z, polygon: [[0, 0], [1, 0], [1, 1]], loiter_after: 0s }", 3, 65, "analytics.zones[0].loiter_after", "must be greater than 0s, got 0s")]
    [InlineData("lines:\n    - { id: l, points: [[0, 0], [0, 0]] }", 3, 24, "analytics.lines[0].points", "the two points of a line must differ")]
    [InlineData("lines:\n    - { id: l, points: [[0, 0], [1, 1]], name_out: '' }", 3, 52, "analytics.lines[0].name_out", "must not be empty")]
    public void A_rule_of_the_stages_records_is_reported_at_its_value(string yaml, int row, int column, string keyPath, string message)
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadFromString(
            $"analytics:\n  {yaml}\n", "p.yaml", "/tmp"));

        ConfigError only = Assert.Single(error.Errors);
        Assert.Equal((row, column, keyPath), (only.Line, only.Column, only.KeyPath));
        Assert.Contains(message, only.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("speed_window: 2s")]
    [InlineData("path_points: 8")]
    [InlineData("zones:\n    - { id: z, polygon: [[0, 0], [1, 0], [1, 1]], classes: [0] }")]
    public void A_setting_only_code_makes_is_no_key_of_the_section(string yaml)
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadFromString(
            $"analytics:\n  {yaml}\n", "p.yaml", "/tmp"));

        Assert.Contains("unknown key", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }
}
