using Streams.Runtime;
using static Streams.Analytics.Tests.Support.Drive;

namespace Streams.Analytics.Tests;

[Trait("Tier", "Unit")]
public sealed class LineCrossingTests
{
    // A→B points up the image, so "in" is a crossing from left to right (eastbound), as in the sample streams.
    private static readonly LineRuleOptions s_gate = new() { Id = "gate", Points = [new Point2D(500, 600), new Point2D(500, 100)] };

    private static AnalyticsStageOptions Quiet(params LineRuleOptions[] lines) => new()
    {
        Lines = lines,
        ObjectUpdateInterval = null,
        CountsInterval = null,
        ClassNames = ["person", "bicycle", "car", "truck"],
    };

    [Fact]
    public void Jitter_around_a_line_never_counts_twice()
    {
        // Walks up to the line, jitters across it by less than the hysteresis for 40 frames, then goes on.
        List<AnalyticsEvent> events = Run(Quiet(s_gate), 100, f =>
        {
            float x = f < 20 ? 400 + (5 * f) : f < 60 ? (f % 2 == 0 ? 499 : 501.5f) : 500 + (5 * (f - 59));
            return [At(x, 350, 1)];
        });

        Assert.Equal(["0 cam:E:1:object.new:1", "60 cam:E:1:line.cross/gate:1", "99 cam:E:1:object.end:1"], Describe(events));
        LineCrossEvent cross = Assert.Single(OfType<LineCrossEvent>(events));
        Assert.Equal(("gate", "in", true, 1), (cross.LineId, cross.Direction, cross.IsIn, cross.Crossing));
        Assert.Equal("car", cross.Object.ClassName);
    }

    [Fact]
    public void Both_directions_are_counted_per_class()
    {
        List<AnalyticsEvent> events = Run(Quiet(s_gate) with { CountsInterval = TimeSpan.FromSeconds(100) }, 80, f =>
        [
            At(400 + (5 * f), 350, 1),
            At(600 - (5 * f), 300, 2, classId: 0, width: 16, height: 36),
            At(f < 40 ? 400 + (5 * f) : 595 - (5 * (f - 39)), 400, 3),
        ]);

        Assert.Equal(
            ["21 cam:E:1:line.cross/gate:1 in", "21 cam:E:2:line.cross/gate:1 out", "21 cam:E:3:line.cross/gate:1 in", "59 cam:E:3:line.cross/gate:2 out"],
            OfType<LineCrossEvent>(events).ConvertAll(e => $"{e.Sequence} {Show(e.Id)} {e.Direction}"));
        CountsEvent counts = Assert.Single(OfType<CountsEvent>(events));
        Assert.True(counts.IsFinal);
        Assert.Equal("cam:E:0:counts:1", Show(counts.Id));
        Assert.Equal(2, counts.Lines.Count);
        Assert.Equal(("in", 2L), (counts.Lines[0].Direction, counts.Lines[0].Total));
        Assert.Equal([new ClassCount(2, "car", 2)], counts.Lines[0].ByClass);
        Assert.Equal(("out", 2L), (counts.Lines[1].Direction, counts.Lines[1].Total));
        Assert.Equal([new ClassCount(0, "person", 1), new ClassCount(2, "car", 1)], counts.Lines[1].ByClass);
    }

    [Fact]
    public void A_crossing_made_while_the_track_was_lost_counts_once()
    {
        // Last seen 30 px before the line, hidden for 40 frames (the tracker keeps the id), found again 60 px past it.
        List<AnalyticsEvent> events = Run(Quiet(s_gate), 80, f =>
            f < 20 ? [At(375 + (5 * f), 350, 1)] : f < 60 ? [] : [At(560 + (5 * (f - 60)), 350, 1)]);

        LineCrossEvent cross = Assert.Single(OfType<LineCrossEvent>(events));
        Assert.Equal(("gate", "in", 60L), (cross.LineId, cross.Direction, cross.Sequence));
    }

    [Fact]
    public void Unconfirmed_tracks_never_count()
    {
        List<AnalyticsEvent> events = Run(Quiet(s_gate) with { CountsInterval = TimeSpan.FromSeconds(100) }, 60, f => [At(400 + (5 * f), 350, 0)]);

        CountsEvent counts = Assert.Single(OfType<CountsEvent>(events));
        Assert.Single(events);
        Assert.Equal(0, counts.Lines[0].Total + counts.Lines[1].Total);
    }

    [Fact]
    public void Passing_the_line_beyond_its_end_does_not_count()
    {
        // The segment spans y 100..600; this object passes x = 500 at y = 50.
        List<AnalyticsEvent> events = Run(Quiet(s_gate), 60, f => [At(400 + (5 * f), 50, 1)]);

        Assert.Empty(OfType<LineCrossEvent>(events));
    }

    [Fact]
    public void Only_the_configured_classes_count()
    {
        LineRuleOptions carsOnly = s_gate with { Classes = [2] };
        List<AnalyticsEvent> events = Run(Quiet(carsOnly), 60, f => [At(400 + (5 * f), 350, 1, classId: 0), At(400 + (5 * f), 450, 2)]);

        Assert.Equal(2, Assert.Single(OfType<LineCrossEvent>(events)).Object.TrackId);
    }

    [Fact]
    public void Normalised_coordinates_give_the_same_events_as_pixels()
    {
        var normalised = new LineRuleOptions
        {
            Id = "gate",
            Points = [new Point2D(500f / Width, 600f / Height), new Point2D(500f / Width, 100f / Height)],
            Coordinates = CoordinateSpace.Normalized,
        };
        static DetectedObject[] Script(int f) => [At(400 + (5 * f), 350, 1), At(620 - (5 * f), 200, 2)];

        Assert.Equal(Describe(Run(Quiet(s_gate), 60, Script)), Describe(Run(Quiet(normalised), 60, Script)));
        Assert.Equal(2, OfType<LineCrossEvent>(Run(Quiet(normalised), 60, Script)).Count);
    }

    [Fact]
    public void The_direction_follows_the_sample_streams_convention()
    {
        // scene.json: "A=(100,400), B=(100,200) points up the image, and an object moving left to right across it crosses 'in'".
        var line = new LineRuleOptions { Id = "l", Points = [new Point2D(100, 400), new Point2D(100, 200)], NameIn = "east", NameOut = "west" };
        List<AnalyticsEvent> events = Run(Quiet(line), 40, f => [At(50 + (5 * f), 300, 1), At(150 - (5 * f), 350, 2)]);

        Assert.Equal(["1 east", "2 west"], OfType<LineCrossEvent>(events).ConvertAll(e => $"{e.Object.TrackId} {e.Direction}"));
    }
}
