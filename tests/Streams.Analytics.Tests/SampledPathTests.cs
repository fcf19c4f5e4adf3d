using Streams.Runtime;
using static Streams.Analytics.Tests.Support.Drive;

namespace Streams.Analytics.Tests;

/// <summary>
/// Lines and zones with detection on every sixth frame of 30 (5 fps): judged on the way between sightings, at the
/// moment the way met the line or the edge, with a track's first sighting arriving late, as the tracker reports it.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class SampledPathTests
{
    /// <summary>Source frames between two detections.</summary>
    private const int Step = 6;

    // A→B points up the image, so "in" is a crossing from left to right.
    private static readonly LineRuleOptions s_gate = new() { Id = "gate", Points = [new Point2D(500, 600), new Point2D(500, 100)] };

    private static readonly ZoneRuleOptions s_booth = new()
    {
        Id = "booth",
        Polygon = [new(580, 300), new(620, 300), new(620, 400), new(580, 400)],
    };

    private static AnalyticsStageOptions Quiet() => new()
    {
        Lines = [s_gate],
        Zones = [s_booth],
        ObjectUpdateInterval = null,
        CountsInterval = null,
        ClassNames = ["person", "bicycle", "car", "truck"],
    };

    /// <summary>A track's first sighting, carried by the frame <paramref name="framesBefore"/> source frames later.</summary>
    private static PastObject FirstSighting(DetectedObject o, long framesBefore) =>
        new(null, framesBefore, TimeSpan.FromTicks(framesBefore * TimeSpan.TicksPerSecond / 30), o, Observed: true);

    /// <summary>
    /// Sampled frames 0..count-1 (source frame <see cref="Step"/> × n, PTS at 30 fps); the script gives each one's past
    /// objects and objects.
    /// </summary>
    private static List<AnalyticsEvent> RunSampled(int count, Func<int, (PastObject[] Past, DetectedObject[] Objects)> script)
    {
        var analytics = NewAnalytics(Quiet());
        var events = new List<AnalyticsEvent>();
        for (int n = 0; n < count; n++)
        {
            TimeSpan pts = PtsOf(Step * n);
            (PastObject[] past, DetectedObject[] objects) = script(n);
            PastObject[] timed = Array.ConvertAll(past, p => p with { Pts = pts - p.Before });
            analytics.Process(new AnalyticsFrame(n, pts, Start + pts, Width, Height), timed, objects, [], events, image: null);
        }

        analytics.End(events);
        return events;
    }

    private static void AssertTime(double expectedSeconds, AnalyticsEvent e)
    {
        Assert.Equal(expectedSeconds, e.StreamTime.TotalSeconds, 4);
        Assert.Equal(expectedSeconds, e.Pts!.Value.TotalSeconds, 4);
    }

    [Fact]
    public void A_crossing_between_the_unreported_first_sighting_and_the_second_counts_once_at_the_moment_it_happened()
    {
        // First seen 30 px before the line at frame 6 (no id yet, nothing reported), confirmed at frame 12 30 px past
        // it: without the late first sighting the track starts past the line and nothing counts.
        (PastObject[], DetectedObject[]) Script(int n, bool late) => n switch
        {
            0 or 1 => ([], []),
            2 => (late ? [FirstSighting(At(470, 350, 1), Step)] : [], [At(530, 350, 1)]),
            _ => ([], [At(530 + (60 * (n - 2)), 350, 1)]),
        };

        List<AnalyticsEvent> events = RunSampled(8, n => Script(n, late: true));
        List<AnalyticsEvent> without = RunSampled(8, n => Script(n, late: false));

        LineCrossEvent cross = Assert.Single(OfType<LineCrossEvent>(events));
        Assert.Equal(("gate", "in", 2L), (cross.LineId, cross.Direction, cross.Sequence));
        AssertTime(9 / 30.0, cross);
        ObjectNewEvent first = Assert.Single(OfType<ObjectNewEvent>(events));
        AssertTime(6 / 30.0, first);
        Assert.Equal(6 / 30.0, Assert.Single(OfType<ObjectEndEvent>(events)).FirstSeen.TotalSeconds, 4);
        Assert.Empty(OfType<LineCrossEvent>(without));
    }

    [Fact]
    public void A_crossing_is_timed_where_the_way_between_two_sightings_cuts_the_line()
    {
        // 10 px per source frame from x = 400: the anchor is at the line at source frame 10, sampled at 6 and 12.
        List<AnalyticsEvent> events = RunSampled(6, n => ([], [At(400 + (10 * Step * n), 350, 1)]));

        LineCrossEvent cross = Assert.Single(OfType<LineCrossEvent>(events));
        Assert.Equal(2L, cross.Sequence);
        AssertTime(10 / 30.0, cross);
    }

    [Fact]
    public void A_track_flickering_across_the_line_counts_once()
    {
        // First seen before the line, then on either side of it within the hysteresis for a while, then well past.
        List<AnalyticsEvent> events = RunSampled(14, n => n switch
        {
            0 => ([], []),
            1 => ([FirstSighting(At(490, 350, 1), Step)], [At(502, 350, 1)]),
            < 11 => ([], [At(n % 2 == 0 ? 498.5f : 502, 350, 1)]),
            _ => ([], [At(502 + (40 * (n - 10)), 350, 1)]),
        });

        LineCrossEvent cross = Assert.Single(OfType<LineCrossEvent>(events));
        Assert.Equal(("in", 11L), (cross.Direction, cross.Sequence));

        // From the last sighting before the line (498.5 at sampled frame 10) to 542 at 11.
        AssertTime((Step * (10 + (1.5 / 43.5))) / 30.0, cross);
    }

    [Fact]
    public void A_zone_passed_through_between_two_sightings_is_entered_and_left_at_the_moments_the_way_cut_its_edges()
    {
        // Sampled at x = 540 and x = 660 (source frames 12 and 18): the booth (580..620) lies between.
        List<AnalyticsEvent> events = RunSampled(5, n => ([], [At(300 + (120 * n), 350, 1)]));

        ZoneEnterEvent enter = Assert.Single(OfType<ZoneEnterEvent>(events));
        ZoneExitEvent exit = Assert.Single(OfType<ZoneExitEvent>(events));
        Assert.Equal(("booth", 1, 3L), (enter.ZoneId, enter.Visit, enter.Sequence));
        Assert.Equal((1, 3L, ZoneExitReason.Left), (exit.Visit, exit.Sequence, exit.Reason));
        AssertTime(14 / 30.0, enter);
        AssertTime(16 / 30.0, exit);
        Assert.Equal(2 / 30.0, exit.DwellSeconds, 4);
    }

    [Fact]
    public void Entering_and_leaving_a_zone_are_timed_where_the_way_cut_its_edge()
    {
        // Sampled every 6 source frames: 540, 560, 600 (inside), 600, 640: in at source frame 9 (x = 580), out at 21 (x = 620).
        float[] xs = [540, 560, 600, 600, 640, 640];
        List<AnalyticsEvent> events = RunSampled(xs.Length, n => ([], [At(xs[n], 350, 1)]));

        ZoneEnterEvent enter = Assert.Single(OfType<ZoneEnterEvent>(events));
        ZoneExitEvent exit = Assert.Single(OfType<ZoneExitEvent>(events));
        Assert.Equal((2L, 4L), (enter.Sequence, exit.Sequence));
        AssertTime(9 / 30.0, enter);
        AssertTime(21 / 30.0, exit);
        Assert.Equal(12 / 30.0, exit.DwellSeconds, 4);
    }

    [Fact]
    public void Interpolated_boxes_change_nothing_the_rules_decide()
    {
        // The same run with and without the boxes the tracker interpolates between sightings.
        static DetectedObject Car(int frame) => At(400 + (10 * frame), 350, 1);
        List<AnalyticsEvent> plain = RunSampled(8, n => ([], [Car(Step * n)]));
        List<AnalyticsEvent> filled = RunSampled(8, n =>
        {
            var past = new List<PastObject>();
            for (int k = n == 0 ? 0 : Step - 1; k >= 1; k--)
            {
                past.Add(new PastObject(null, k, TimeSpan.FromTicks(k * TimeSpan.TicksPerSecond / 30), Car((Step * n) - k), Observed: false));
            }

            return ([.. past], [Car(Step * n)]);
        });

        Assert.Equal(Describe(plain), Describe(filled));
        Assert.Equal(OfType<LineCrossEvent>(plain).ConvertAll(e => e.StreamTime), OfType<LineCrossEvent>(filled).ConvertAll(e => e.StreamTime));
    }
}
