using Streams.Runtime;
using static Streams.Analytics.Tests.Support.Drive;

namespace Streams.Analytics.Tests;

[Trait("Tier", "Unit")]
public sealed class ZoneTests
{
    private static readonly ZoneRuleOptions s_dock = new()
    {
        Id = "dock",
        Polygon = [new(100, 100), new(300, 100), new(300, 300), new(100, 300)],
        LoiterAfter = TimeSpan.FromSeconds(1),
    };

    private static AnalyticsStageOptions Quiet(params ZoneRuleOptions[] zones) => new()
    {
        Zones = zones,
        ObjectUpdateInterval = null,
        CountsInterval = null,
    };

    /// <summary>Drives in at 10 px/frame, waits at x = 200 from frame 20 to 70, drives out.</summary>
    private static float StopInside(int f) => f <= 20 ? 10 * f : f <= 70 ? 200 : 200 + (10 * (f - 70));

    [Fact]
    public void Enter_loiter_and_exit_come_once_each_with_exact_ids_and_dwell()
    {
        List<AnalyticsEvent> events = Run(Quiet(s_dock), 100, f => [At(StopInside(f), 200, 1)]);

        Assert.Equal(
            ["0 cam:E:1:object.new:1", "11 cam:E:1:zone.enter/dock:1", "41 cam:E:1:zone.loiter/dock:1", "81 cam:E:1:zone.exit/dock:1", "99 cam:E:1:object.end:1"],
            Describe(events));
        ZoneLoiterEvent loiter = Assert.Single(OfType<ZoneLoiterEvent>(events));
        Assert.Equal((1.0, 1.0), (loiter.DwellSeconds, loiter.ThresholdSeconds));
        ZoneExitEvent exit = Assert.Single(OfType<ZoneExitEvent>(events));
        Assert.Equal(ZoneExitReason.Left, exit.Reason);
        Assert.Equal(70 / 30.0, exit.DwellSeconds, 3);
    }

    [Fact]
    public void Each_visit_of_a_track_has_its_own_number()
    {
        // Up and down across the top edge (y = 100) twice.
        List<AnalyticsEvent> events = Run(Quiet(s_dock with { LoiterAfter = null }), 80, f =>
        {
            int phase = f % 40;
            float y = phase < 20 ? 50 + (5 * phase) : 150 - (5 * (phase - 20));
            return [At(200, y, 7)];
        });

        Assert.Equal(
            ["0 cam:E:7:object.new:1", "11 cam:E:7:zone.enter/dock:1", "31 cam:E:7:zone.exit/dock:1", "51 cam:E:7:zone.enter/dock:2", "71 cam:E:7:zone.exit/dock:2", "79 cam:E:7:object.end:1"],
            Describe(events));
    }

    [Fact]
    public void Jitter_on_a_zone_edge_never_makes_two_visits()
    {
        List<AnalyticsEvent> events = Run(Quiet(s_dock with { LoiterAfter = null }), 120, f =>
        {
            float x = f < 10 ? 50 + (4.9f * f) : f < 40 ? (f % 2 == 0 ? 99 : 101.5f) : f < 60 ? 101.5f + (10 * (f - 40)) : f < 90 ? (f % 2 == 0 ? 298.5f : 301) : 301 + (10 * (f - 89));
            return [At(x, 200, 1)];
        });

        Assert.Equal(["0 cam:E:1:object.new:1", "41 cam:E:1:zone.enter/dock:1", "90 cam:E:1:zone.exit/dock:1", "119 cam:E:1:object.end:1"], Describe(events));
    }

    [Fact]
    public void A_track_that_ends_inside_exits_with_its_dwell_to_the_last_sighting()
    {
        // Track 1 stays inside until the stream ends at frame 59; dwell runs from frame 0 to frame 59.
        List<AnalyticsEvent> events = Run(Quiet(s_dock with { LoiterAfter = null }), 60, f => [At(200, 200, 1)]);

        Assert.Equal(["0 cam:E:1:object.new:1", "0 cam:E:1:zone.enter/dock:1", "59 cam:E:1:zone.exit/dock:1", "59 cam:E:1:object.end:1"], Describe(events));
        ZoneExitEvent exit = Assert.Single(OfType<ZoneExitEvent>(events));
        Assert.Equal(ZoneExitReason.TrackEnded, exit.Reason);
        Assert.Equal(59 / 30.0, exit.DwellSeconds, 3);
        Assert.Equal(ObjectEndReason.EndOfStream, Assert.Single(OfType<ObjectEndEvent>(events)).Reason);
    }

    [Fact]
    public void A_track_lost_inside_ends_after_the_timeout_with_its_zone_exit_first()
    {
        // Track 1 vanishes after frame 30; track 2 keeps the stream going. 2 s after its last sighting (frame 90)
        // is not yet past the timeout; frame 91 is.
        List<AnalyticsEvent> events = Run(Quiet(s_dock with { LoiterAfter = null }), 100, f =>
            f <= 30 ? [At(200, 200, 1), At(600, 600, 2)] : [At(600, 600, 2)], end: false);

        Assert.Equal(["0 cam:E:1:object.new:1", "0 cam:E:1:zone.enter/dock:1", "0 cam:E:2:object.new:1", "91 cam:E:1:zone.exit/dock:1", "91 cam:E:1:object.end:1"], Describe(events));
        ObjectEndEvent end = Assert.Single(OfType<ObjectEndEvent>(events));
        Assert.Equal((ObjectEndReason.Lost, 30L, PtsOf(30)), (end.Reason, end.LastSequence, end.LastSeen));
        Assert.Equal(1.0, Assert.Single(OfType<ZoneExitEvent>(events)).DwellSeconds, 3);
    }

    [Fact]
    public void Counts_report_the_zone_occupancy_and_visits_by_class()
    {
        var options = Quiet(s_dock with { LoiterAfter = null }) with { CountsInterval = TimeSpan.FromSeconds(1), ClassNames = ["person", "bicycle", "car"] };
        List<AnalyticsEvent> events = Run(options, 45, f =>
            [At(200, 200, 1), At(150, 250, 2, classId: 0, width: 16, height: 36), At(f < 20 ? 200 : 400, 200, 3)], end: false);

        CountsEvent counts = Assert.Single(OfType<CountsEvent>(events));
        Assert.Equal((30L, "cam:E:0:counts:1", false), (counts.Sequence, Show(counts.Id), counts.IsFinal));
        ZoneOccupancy dock = Assert.Single(counts.Zones);
        Assert.Equal(("dock", 2, 3L), (dock.ZoneId, dock.Occupancy, dock.Visits));
        Assert.Equal([new ClassCount(0, "person", 1), new ClassCount(2, "car", 1)], dock.ByClass);
    }

    [Fact]
    public void Normalised_zones_give_the_same_events_as_pixel_zones()
    {
        var normalised = s_dock with
        {
            Polygon = [new(100f / Width, 100f / Height), new(300f / Width, 100f / Height), new(300f / Width, 300f / Height), new(100f / Width, 300f / Height)],
            Coordinates = CoordinateSpace.Normalized,
        };

        Assert.Equal(
            Describe(Run(Quiet(s_dock), 100, f => [At(StopInside(f), 200, 1)])),
            Describe(Run(Quiet(normalised), 100, f => [At(StopInside(f), 200, 1)])));
    }

    [Fact]
    public void Rules_reject_bad_shapes_and_duplicate_ids()
    {
        var triangle = new ZoneRuleOptions { Id = "z", Polygon = [new(0, 0), new(1, 1)] };
        ArgumentException e = Assert.Throws<ArgumentException>(() => NewAnalytics(new AnalyticsStageOptions { Zones = [triangle] }));
        Assert.Contains("ZoneRuleOptions: Polygon a polygon needs at least 3 points, got 2", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => NewAnalytics(new AnalyticsStageOptions { Zones = [s_dock with { LoiterAfter = TimeSpan.Zero }] }));
        Assert.Contains("LoiterAfter must be greater than", e.Message, StringComparison.Ordinal);
        var line = new LineRuleOptions { Id = "dock", Points = [new(0, 0), new(10, 0)] };
        e = Assert.Throws<ArgumentException>(() => NewAnalytics(new AnalyticsStageOptions { Zones = [s_dock], Lines = [line] }));
        Assert.Contains("two rules named 'dock'", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => NewAnalytics(new AnalyticsStageOptions { Lines = [line with { Id = "l", Points = [new(0, 0), new(0, 0)] }] }));
        Assert.Contains("LineRuleOptions: Points the two points of a line must differ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_for_another_stream_is_not_applied()
    {
        List<AnalyticsEvent> events = Run(Quiet(s_dock with { Stream = "other" }), 10, f => [At(200, 200, 1)]);

        Assert.Empty(OfType<ZoneEnterEvent>(events));
    }
}
