using Streams.Options;

namespace Streams.Analytics.Tests;

/// <summary>The rules of the analytics records hold wherever they are built: the stage throws for them, naming each.</summary>
[Trait("Tier", "Unit")]
public sealed class AnalyticsOptionsRulesTests
{
    private static readonly IEventPublisher s_publisher = new ChannelEventPublisher();

    [Fact]
    public void The_defaults_break_no_rule()
    {
        Assert.Empty(OptionsValidator.Errors(AnalyticsStageOptions.Default));
        _ = new AnalyticsStage(AnalyticsStageOptions.Default, s_publisher);
    }

    [Fact]
    public void The_stage_throws_for_a_rule_of_its_options_naming_the_property()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new AnalyticsStage(new AnalyticsStageOptions { TrackTimeout = TimeSpan.Zero, PathPoints = 1 }, s_publisher));

        Assert.Equal("options", e.ParamName);
        Assert.Contains("AnalyticsStageOptions: TrackTimeout must be greater than", e.Message, StringComparison.Ordinal);
        Assert.Contains("PathPoints must be at least 2, got 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stage_throws_for_a_rule_of_a_line_or_a_ground_plane()
    {
        var line = new LineRuleOptions { Id = "gate", Points = [new(0.5f, 0), new(0.5f, 1.5f)], Coordinates = CoordinateSpace.Normalized, NameIn = "" };

        ArgumentException e = Assert.Throws<ArgumentException>(() => new AnalyticsStage(new AnalyticsStageOptions { Lines = [line] }, s_publisher));
        Assert.Contains("NameIn must not be empty", e.Message, StringComparison.Ordinal);
        Assert.Contains("Points[1] normalized coordinates must lie in 0..1, got [0.5, 1.5]", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => new AnalyticsStage(new AnalyticsStageOptions { GroundPlane = new GroundPlaneOptions { ImagePoints = [new(0, 0)] } }, s_publisher));
        Assert.Contains("GroundPlaneOptions: ImagePoints expected 4 values, got 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("Matrix is required unless both image points and ground points are given", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_is_its_two_points()
    {
        var line = new LineRuleOptions { Id = "gate", Points = [new(1, 2), new(3, 4)] };

        Assert.Equal(new Point2D(1, 2), line.A);
        Assert.Equal(new Point2D(3, 4), line.B);
        Assert.Equal("LineRuleOptions: Points a line needs exactly 2 points, got 1.",
            Assert.Throws<ArgumentException>(() => OptionsValidator.ThrowIfInvalid(line with { Points = [new(1, 2)] })).Message);
    }
}
