using Streams.Runtime;
using static Streams.Analytics.Tests.Support.Drive;

namespace Streams.Analytics.Tests;

[Trait("Tier", "Unit")]
public sealed class ObjectLifecycleTests
{
    [Fact]
    public void A_track_gets_new_then_updates_at_the_interval_then_end_with_its_summary()
    {
        var options = new AnalyticsStageOptions
        {
            CountsInterval = null,
            PathPoints = 5,
            AttributeLabels = [["unmarked", "marked"]],
        };
        var analytics = NewAnalytics(options);
        var events = new List<AnalyticsEvent>();
        for (int f = 0; f < 76; f++)
        {
            DetectedObject[] objects = [At(100 + (2 * f), 400, 4, confidence: f == 40 ? 0.99f : 0.8f)];
            ObjectAttribute[] attributes = f % 8 == 0 ? [new ObjectAttribute(0, 0, f < 40 ? 1 : 0, f < 40 ? 0.8f : 0.9f)] : [];
            analytics.Process(new AnalyticsFrame(f, PtsOf(f), Start + PtsOf(f), Width, Height), objects, attributes, events);
        }

        analytics.End(events);

        Assert.Equal(["0 cam:E:4:object.new:1", "30 cam:E:4:object.update:1", "60 cam:E:4:object.update:2", "75 cam:E:4:object.end:1"], Describe(events));
        ObjectEndEvent end = Assert.IsType<ObjectEndEvent>(events[^1]);
        Assert.Equal((76, 0L, 75L, PtsOf(0), PtsOf(75)), (end.Sightings, end.FirstSequence, end.LastSequence, end.FirstSeen, end.LastSeen));
        Assert.Equal(Start, end.FirstSeenWallTime);
        Assert.Equal((0.99f, 40L), (end.BestConfidence, end.BestSequence));
        Assert.Equal(At(180, 400, 4).Box, end.BestBox);
        Assert.Equal(5, end.Path.Count);
        Assert.Equal(new Point2D(100, 400), end.Path[0]);
        Assert.Equal(new Point2D(250, 400), end.Path[^1]);
        for (int i = 1; i < end.Path.Count; i++)
        {
            Assert.True(end.Path[i].X > end.Path[i - 1].X);
        }

        // Frames 0, 8, ..., 32 said "marked" (5 votes), frames 40..72 "unmarked" (5 votes at higher confidence).
        AttributeSummary attribute = Assert.Single(end.Attributes);
        Assert.Equal((0, 0, "unmarked", 5, 10), (attribute.ModelIndex, attribute.ClassId, attribute.Label, attribute.Votes, attribute.Observations));
        Assert.Equal(0.9f, attribute.Confidence, 5);
    }

    [Fact]
    public void Each_event_carries_its_frame_and_the_object_in_pixels_and_normalised()
    {
        List<AnalyticsEvent> events = Run(new AnalyticsStageOptions { ClassNames = ["person", "bicycle", "car"] }, 1, f => [At(640, 360, 9)], end: false);

        ObjectNewEvent e = Assert.IsType<ObjectNewEvent>(Assert.Single(events));
        Assert.Equal(("cam", 0L, TimeSpan.Zero, TimeSpan.Zero, Start), (e.StreamId, e.Sequence, e.Pts, e.StreamTime, e.WallTime));
        Assert.Equal((9L, 2, "car", 0.9f), (e.Object.TrackId, e.Object.ClassId, e.Object.ClassName, e.Object.Confidence));
        Assert.Equal(new BoxF(620, 330, 40, 30), e.Object.Box);
        Assert.Equal(new BoxF(620f / Width, 330f / Height, 40f / Width, 30f / Height), e.Object.NormalizedBox);
        Assert.Equal(new Point2D(640, 360), e.Object.Anchor);
    }

    [Fact]
    public void Stream_time_runs_on_across_a_pts_restart()
    {
        var analytics = NewAnalytics(new AnalyticsStageOptions { CountsInterval = null });
        var events = new List<AnalyticsEvent>();
        analytics.Process(new AnalyticsFrame(0, TimeSpan.FromSeconds(100), Start, Width, Height), [At(10, 10, 1)], [], events);
        analytics.Process(new AnalyticsFrame(1, TimeSpan.FromSeconds(0.1), Start, Width, Height), [At(10, 10, 1)], [], events);
        analytics.Process(new AnalyticsFrame(2, TimeSpan.FromSeconds(0.2), Start, Width, Height), [At(10, 10, 1)], [], events);
        analytics.End(events);

        ObjectEndEvent end = Assert.IsType<ObjectEndEvent>(events[^1]);
        Assert.Equal(TimeSpan.FromSeconds(100) + TimeSpan.FromSeconds(1 / 30.0) + TimeSpan.FromSeconds(0.1), end.LastSeen);
    }
}
