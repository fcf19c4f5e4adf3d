using Streams.Runtime;
using static Streams.Tracking.Tests.Support.Scene;

namespace Streams.Tracking.Tests;

[Trait("Tier", "Unit")]
public sealed class ByteTrackerTests
{
    private static IEnumerable<(long, DetectedObject[])> Frames(int count, Func<int, DetectedObject[]> script)
    {
        for (int f = 0; f < count; f++)
        {
            yield return (f, script(f));
        }
    }

    private static void AssertAll(List<long[]> ids, int from, int to, params long[] expected)
    {
        for (int f = from; f < to; f++)
        {
            Assert.True(expected.AsSpan().SequenceEqual(ids[f]), $"frame {f}: expected [{string.Join(",", expected)}], got [{string.Join(",", ids[f])}]");
        }
    }

    [Fact]
    public void Two_people_whose_paths_cross_keep_their_ids()
    {
        // A walks right, B walks left 6 px lower; they overlap fully around frame 30.
        List<long[]> ids = Run(new ByteTracker(), Frames(60, f =>
            [Det(100 + (4 * f), 300, 20, 40, Person), Det(340 - (4 * f), 306, 20, 40, Person)]));

        AssertAll(ids, 0, 60, 1, 2);
    }

    [Fact]
    public void Two_crossing_cars_keep_their_ids_when_the_front_one_hides_the_other()
    {
        // B is not detected while the boxes overlap (frames 23..37); it comes back on the far side.
        List<long[]> ids = Run(new ByteTracker(), Frames(60, f =>
        {
            DetectedObject a = Det(100 + (4 * f), 300, 60, 36);
            DetectedObject b = Det(340 - (4 * f), 304, 60, 36);
            return Math.Abs(a.Box.Left - b.Box.Left) < 60 ? [a] : [a, b];
        }));

        AssertAll(ids, 0, 23, 1, 2);
        AssertAll(ids, 23, 38, 1);
        AssertAll(ids, 38, 60, 1, 2);
    }

    [Fact]
    public void A_car_entering_from_the_top_border_keeps_its_id()
    {
        // 72x36, 8 px/frame down; for its first frames the border cuts the box (top 0, height growing from the bottom
        // edge). The growth must not become a size velocity (nor the cut aspect ratio stick) once it is fully in view.
        // The reference's match threshold: the default's wider one hides the effect.
        List<long[]> ids = Run(new ByteTracker(new ByteTrackOptions { MatchThresh = 0.8 }), Frames(40, f =>
        {
            float bottom = 8 + (8 * f);
            float top = MathF.Max(0, bottom - 36);
            return [Det(544, top, 72, bottom - top, confidence: 0.75f)];
        }));

        AssertAll(ids, 0, 40, 1);
    }

    [Fact]
    public void A_car_leaving_at_the_right_border_keeps_its_id_to_the_end()
    {
        // 80x40 at 16 px/frame towards the right border of a 1280-wide frame, cut by it from frame 27 (20 px left at 30).
        var tracker = new ByteTracker(new ByteTrackOptions { MatchThresh = 0.8 });
        tracker.SetFrameSize(1280, 720);
        List<long[]> ids = Run(tracker, Frames(31, f =>
        {
            float left = 780 + (16 * f);
            float right = MathF.Min(1280, left + 80);
            return [Det(left, 400, right - left, 40, confidence: 0.6f)];
        }));

        AssertAll(ids, 0, 31, 1);
    }

    [Fact]
    public void A_car_hidden_for_one_second_keeps_its_id()
    {
        // 30 frames (1 s at 30 fps) without any detection; the buffer is 30 frames.
        List<long[]> ids = Run(new ByteTracker(), Frames(70, f =>
            f is >= 30 and < 60 ? [] : [Det(100 + (3 * f), 400, 60, 36)]));

        AssertAll(ids, 0, 30, 1);
        AssertAll(ids, 60, 70, 1);
    }

    [Fact]
    public void A_car_hidden_for_longer_than_the_buffer_gets_a_new_id()
    {
        // The default buffer is 45 frames.
        List<long[]> ids = Run(new ByteTracker(), Frames(85, f =>
            f is >= 30 and < 76 ? [] : [Det(100 + (3 * f), 400, 60, 36)]));

        AssertAll(ids, 0, 30, 1);
        AssertAll(ids, 76, 77, 0);
        AssertAll(ids, 77, 85, 2);
    }

    [Fact]
    public void A_car_hidden_for_40_frames_at_constant_velocity_keeps_its_id()
    {
        List<long[]> ids = Run(new ByteTracker(), Frames(90, f =>
            f is >= 30 and < 70 ? [] : [Det(100 + (5 * f), 400, 60, 36, confidence: 0.75f)]));

        AssertAll(ids, 0, 30, 1);
        AssertAll(ids, 70, 90, 1);
    }

    [Fact]
    public void A_car_that_slows_down_while_hidden_is_found_again_away_from_its_prediction()
    {
        // 6 px/frame, hidden for 30 frames during which it slows to 2 px/frame: it reappears 100 px (nearly two widths)
        // behind where the prediction went, overlapping it not at all. The lost reach finds it again; IoU alone does not.
        static DetectedObject[] Script(int f)
        {
            float x = f < 30 ? 100 + (6 * f) : 280 + (2 * (f - 30));
            return f is >= 30 and < 60 ? [] : [Det(x, 400, 60, 36, confidence: 0.75f)];
        }

        List<long[]> ids = Run(new ByteTracker(), Frames(80, Script));
        AssertAll(ids, 0, 30, 1);
        AssertAll(ids, 60, 80, 1);

        List<long[]> reference = Run(new ByteTracker(new ByteTrackOptions { LostReach = 0 }), Frames(80, Script));
        AssertAll(reference, 61, 80, 2);
    }

    [Fact]
    public void A_lost_track_does_not_reach_back_against_its_direction()
    {
        // Drives right at 6 px/frame and leaves (no more detections); 20 frames later another car of its shape
        // appears 60 px behind where it was last seen: within the lost reach, but against its way, so a new id.
        List<long[]> ids = Run(new ByteTracker(), Frames(50, f =>
            f < 20 ? [Det(100 + (6 * f), 400, 60, 36, confidence: 0.75f)]
            : f < 40 ? []
            : [Det(154 - (2 * (f - 40)), 400, 60, 36, confidence: 0.75f)]));

        AssertAll(ids, 0, 20, 1);
        AssertAll(ids, 41, 50, 2);
    }

    [Fact]
    public void A_car_that_stops_and_goes_again_keeps_one_id()
    {
        // Moves 4 px/frame, waits 2 s with a pixel of box jitter, drives on.
        List<long[]> ids = Run(new ByteTracker(), Frames(120, f =>
        {
            float x = f < 30 ? 100 + (4 * f) : f < 90 ? 220 + (f % 2) : 220 + (4 * (f - 90));
            return [Det(x, 400, 60, 36)];
        }));

        AssertAll(ids, 0, 120, 1);
    }

    [Fact]
    public void Detection_on_5_of_30_frames_tracks_with_the_same_ids_as_on_every_frame()
    {
        static DetectedObject[] At(long f) => [Det(100 + (3 * f), 400, 60, 36), Det(900 - (2 * f), 200, 20, 40, Person)];
        var sampled = new List<(long, DetectedObject[])>();
        for (long f = 0; f < 150; f += 6)
        {
            sampled.Add((f, At(f)));
        }

        List<long[]> ids = Run(new ByteTracker(), sampled);

        AssertAll(ids, 0, ids.Count, 1, 2);
    }

    [Fact]
    public void At_5_of_30_fps_a_lost_track_ages_by_frames_not_by_detection_runs()
    {
        // Last seen at frame 54. Back at 78 (24 frames, 4 runs): kept. Gone until 126 (72 frames but only 12 runs,
        // well inside 30 runs): a new id, because the buffer is 30 frames of the stream.
        var tracker = new ByteTracker(new ByteTrackOptions { TrackBuffer = 30, SampledConfirmThresh = 1 });
        var frames = new List<(long, DetectedObject[])>();
        for (long f = 0; f <= 54; f += 6)
        {
            frames.Add((f, [Det(100 + (3 * f), 400, 60, 36)]));
        }

        frames.Add((60, []));
        frames.Add((66, []));
        frames.Add((72, []));
        frames.Add((78, [Det(100 + (3 * 78), 400, 60, 36)]));
        for (long f = 84; f < 126; f += 6)
        {
            frames.Add((f, []));
        }

        frames.Add((126, [Det(100 + (3 * 126), 400, 60, 36)]));
        frames.Add((132, [Det(100 + (3 * 132), 400, 60, 36)]));

        List<long[]> ids = Run(tracker, frames);

        Assert.Equal(1, ids[9][0]);
        Assert.Equal(1, ids[13][0]);
        Assert.Equal(0, ids[^2][0]);
        Assert.Equal(2, ids[^1][0]);
    }

    [Fact]
    public void At_5_of_30_fps_a_small_fast_object_is_tracked_thanks_to_the_gap_reach_and_not_without_it()
    {
        // A 16 px wide person walking 8 px/frame moves 48 px between detections: the boxes never overlap.
        var sampled = new List<(long, DetectedObject[])>();
        for (long f = 0; f < 120; f += 6)
        {
            sampled.Add((f, f == 0 ? [Det(100, 400, 60, 36)] : [Det(100, 400, 60, 36), Det(300 + (8 * f), 200, 16, 36, Person)]));
        }

        // Confirmation on the second sighting, which only the reach can make.
        List<long[]> reached = Run(new ByteTracker(new ByteTrackOptions { SampledConfirmThresh = 1 }), sampled);
        List<long[]> reference = Run(new ByteTracker(new ByteTrackOptions { GapReach = 0, SampledConfirmThresh = 1 }), sampled);

        Assert.Equal([1, 0], reached[1]);
        AssertAll(reached, 2, reached.Count, 1, 2);
        AssertAll(reference, 1, reference.Count, 1, 0);
    }

    [Fact]
    public void The_gap_reach_changes_nothing_when_detection_runs_on_every_frame()
    {
        static DetectedObject[] At(int f) =>
        [
            Det(100 + (4 * f), 300, 20, 40, Person), Det(340 - (4 * f), 306, 20, 40, Person),
            Det(600 + (12 * f), 500, 16, 36, Person), Det(100, 100 + (f % 7 * 3), 60, 36),
        ];

        List<long[]> reached = Run(new ByteTracker(), Frames(60, At));
        List<long[]> reference = Run(new ByteTracker(new ByteTrackOptions { GapReach = 0 }), Frames(60, At));

        for (int f = 0; f < 60; f++)
        {
            Assert.Equal(reference[f], reached[f]);
        }
    }

    [Fact]
    public void Steps_give_the_way_between_observations_and_the_unreported_first_one()
    {
        var tracker = new ByteTracker(new ByteTrackOptions { SampledConfirmThresh = 1 });
        tracker.Update(new DetectedObject[] { Det(100, 400, 60, 36) }, 0);
        tracker.Update(new DetectedObject[] { Det(130, 400, 60, 36) }, 6);
        tracker.Update(new DetectedObject[] { Det(100, 100, 60, 36) }, 12); // a stranger starts; the car is lost now
        Assert.Empty(tracker.Steps.ToArray());
        tracker.Update(new DetectedObject[] { Det(100, 100, 60, 36), Det(190, 400, 60, 36) }, 18);

        TrackStep[] steps = tracker.Steps.ToArray();
        Assert.Equal(2, steps.Length);
        TrackStep refound = Assert.Single(steps, s => s.TrackId == 1);
        Assert.Equal((6L, 18L, true), (refound.FromFrame, refound.ToFrame, refound.FromReported));
        Assert.Equal(160, refound.At(12).Left, 3);
        Assert.Equal(11, refound.FramesBetween);
        TrackStep confirmed = Assert.Single(steps, s => s.TrackId == 2);
        Assert.Equal((12L, 18L, false), (confirmed.FromFrame, confirmed.ToFrame, confirmed.FromReported));
    }

    [Fact]
    public void A_car_that_stops_while_hidden_is_found_at_its_last_box_by_observation_centric_recovery()
    {
        // 10 px/frame to the right until frame 29, hidden for 20 frames, then standing where it was last seen: the
        // prediction ran 200 px on. Reaches off, so only the recovery by the last box can find it.
        static IEnumerable<(long, DetectedObject[])> Script()
        {
            for (long f = 0; f < 30; f++)
            {
                yield return (f, [Det(100 + (10 * f), 400, 60, 36)]);
            }

            for (long f = 30; f < 50; f++)
            {
                yield return (f, []);
            }

            for (long f = 50; f < 60; f++)
            {
                yield return (f, [Det(390, 400, 60, 36)]);
            }
        }

        var options = new ByteTrackOptions { GapReach = 0, LostReach = 0 };
        List<long[]> recovered = Run(new ByteTracker(options), Script());
        List<long[]> reference = Run(new ByteTracker(options with { RecoveryMatchThresh = 1 }), Script());

        Assert.Equal([1], recovered[50]);
        Assert.Equal([1], recovered[59]);
        Assert.NotEqual([1], reference[59]);
    }

    [Fact]
    public void A_track_missed_this_frame_is_offered_to_the_recovery_once_even_with_two_detections_on_its_last_box()
    {
        // Up to 70 px/frame, then it stops where it was last seen and the detector reports it twice, 4 px apart: the
        // prediction is a box ahead, so only the recovery can take either detection, and it must take one.
        var tracker = new ByteTracker();
        float x = 100;
        for (long f = 0; f < 12; f++)
        {
            x += Math.Min(70, 20 + (10 * f));
            Assert.Equal(1, Run(tracker, [(f, [Det(x, 400, 60, 36)])])[0][0]);
        }

        long[] stop = Run(tracker, [(12, [Det(x, 400, 60, 36), Det(x + 4, 400, 60, 36)])])[0];
        Assert.Single(stop, id => id == 1);
        for (long f = 13; f < 17; f++)
        {
            Assert.Equal(1, Run(tracker, [(f, [Det(x, 400, 60, 36)])])[0][0]);
        }

        // One track, listed once: offered twice, it took both detections and stayed in the tracked list twice.
        Assert.Equal((1, 0), (tracker.TrackedCount, tracker.LostCount));
    }

    [Fact]
    public void At_5_of_30_fps_a_partial_box_after_a_gap_does_not_shrink_the_track()
    {
        // A car 60 px wide moving 5 px/frame; on the sample at frame 60 only its left 24 px show (the rest hidden).
        var tracker = new ByteTracker { ReportFilteredBoxes = true };
        float widthAtPartial = 0;
        long idAtPartial = 0;
        for (long f = 0; f <= 120; f += 6)
        {
            DetectedObject[] detections = [f == 60 ? Det(100 + (5 * f), 400, 24, 36) : Det(100 + (5 * f), 400, 60, 36)];
            tracker.Update(detections, f);
            if (f == 60)
            {
                (widthAtPartial, idAtPartial) = (detections[0].Box.Width, detections[0].TrackId);
            }

            Assert.Equal(1, detections[0].TrackId);
        }

        Assert.Equal(1, idAtPartial);
        Assert.InRange(widthAtPartial, 57, 63);
    }

    [Fact]
    public void A_track_found_again_after_slowing_down_while_hidden_takes_the_speed_it_really_had()
    {
        // At 5 of 30 fps: 5 px/frame to the right, hidden from frame 60 to 90 while it slows to 2 px/frame, found again
        // at 96 (the lost reach). Re-updated along the way it went, the track moves at about 2 px/frame from there;
        // a plain update keeps a velocity from the prediction and is 9 px off 30 frames later.
        var tracker = new ByteTracker { ReportFilteredBoxes = true };
        for (long f = 0; f <= 54; f += 6)
        {
            tracker.Update(new DetectedObject[] { Det(100 + (5 * f), 200, 60, 36) }, f);
        }

        for (long f = 60; f <= 90; f += 6)
        {
            tracker.Update(Array.Empty<DetectedObject>(), f);
        }

        var predicted = new List<DetectedObject>();
        for (long f = 96; f <= 102; f += 6)
        {
            DetectedObject[] detections = [Det(370 + (2 * (f - 54)), 200, 60, 36)];
            tracker.Update(detections, f);
            Assert.Equal(1, detections[0].TrackId);
        }

        tracker.AppendPredictions(predicted, 132);
        DetectedObject ahead = Assert.Single(predicted);
        float truth = 370 + (2 * (132 - 54));
        Assert.InRange(ahead.Box.Left, truth - 4, truth + 4);
    }

    [Fact]
    public void At_5_of_30_fps_a_confident_new_object_is_confirmed_on_its_first_sighting_and_a_doubtful_one_on_its_second()
    {
        static IEnumerable<(long, DetectedObject[])> Script()
        {
            for (long f = 0; f <= 30; f += 6)
            {
                yield return (f, f == 0 ? [] : [Det(100 + (5 * f), 400, 60, 36, Car, 0.9f), Det(700 + (5 * f), 100, 60, 36, Car, 0.65f)]);
            }
        }

        List<long[]> ids = Run(new ByteTracker(), Script());
        List<long[]> reference = Run(new ByteTracker(new ByteTrackOptions { SampledConfirmThresh = 1 }), Script());

        Assert.Equal([1, 0], ids[1]);
        AssertAll(ids, 2, ids.Count, 1, 2);
        Assert.Equal([0, 0], reference[1]);
        AssertAll(reference, 2, reference.Count, 1, 2);
    }

    [Fact]
    public void Low_score_detections_keep_a_track_alive_through_a_dip_in_confidence()
    {
        static DetectedObject[] At(int f) => [Det(100 + (3 * f), 400, 60, 36, confidence: f is >= 20 and < 30 ? 0.3f : 0.9f)];

        List<long[]> rescued = Run(new ByteTracker(), Frames(40, At));
        List<long[]> ignored = Run(new ByteTracker(new ByteTrackOptions { TrackLowThresh = 0.35 }), Frames(40, At));

        AssertAll(rescued, 0, 40, 1);
        AssertAll(ignored, 20, 30, 0);
        AssertAll(ignored, 30, 40, 1);
    }

    [Fact]
    public void Low_score_and_below_new_track_threshold_detections_never_start_a_track()
    {
        List<long[]> ids = Run(new ByteTracker(), Frames(10, f =>
            [Det(100, 100, 60, 36, confidence: 0.4f), Det(500, 100, 60, 36, confidence: 0.55f)]));

        AssertAll(ids, 0, 10, 0, 0);
    }

    [Fact]
    public void A_one_frame_false_positive_gets_no_id_and_ids_stay_dense()
    {
        List<long[]> ids = Run(new ByteTracker(), Frames(20, f => f switch
        {
            0 => [Det(100, 100, 60, 36)],
            5 => [Det(100, 100, 60, 36), Det(700, 500, 20, 40, Person)],
            >= 10 => [Det(100, 100, 60, 36), Det(400, 300, 20, 40, Person)],
            _ => [Det(100, 100, 60, 36)],
        }));

        Assert.Equal([1, 0], ids[5]);
        Assert.Equal([1, 0], ids[10]);
        AssertAll(ids, 11, 20, 1, 2);
    }

    [Fact]
    public void An_id_never_changes_class()
    {
        List<long[]> ids = Run(new ByteTracker(), Frames(20, f =>
            [Det(100 + (2 * f), 100, 60, 36, f < 10 ? Car : Person)]));

        AssertAll(ids, 0, 10, 1);
        AssertAll(ids, 10, 11, 0);
        AssertAll(ids, 11, 20, 2);
    }

    [Fact]
    public void Reset_closes_every_track_and_ids_start_at_one_again()
    {
        var tracker = new ByteTracker();
        Run(tracker, Frames(5, f => [Det(100, 100, 60, 36), Det(300, 100, 60, 36)]));

        tracker.Reset();
        List<long[]> ids = Run(tracker, Frames(3, f => [Det(500, 300, 60, 36)]));

        AssertAll(ids, 0, 3, 1);
        Assert.Equal(1, tracker.TrackedCount);
        Assert.Equal(0, tracker.LostCount);
    }

    [Fact]
    public void The_lost_track_buffer_scales_with_the_frame_rate()
    {
        var second = new ByteTrackOptions { TrackBuffer = 30 };
        Assert.Equal(30, new ByteTracker(second, frameRate: 30).MaxTimeLost);
        Assert.Equal(60, new ByteTracker(second, frameRate: 60).MaxTimeLost);
        Assert.Equal(5, new ByteTracker(second, frameRate: 5).MaxTimeLost);
        Assert.Equal(45, new ByteTracker(frameRate: 30).MaxTimeLost);
        Assert.Equal(10, new ByteTracker(new ByteTrackOptions { TrackBuffer = 60 }, frameRate: 5).MaxTimeLost);
    }

    [Fact]
    public void Options_out_of_range_are_refused_by_the_tracker_and_the_stage_naming_the_value()
    {
        Assert.Contains("MatchThresh must be between 0 and 1, got 1.5", Assert.Throws<ArgumentException>(() => new ByteTracker(new ByteTrackOptions { MatchThresh = 1.5 })).Message, StringComparison.Ordinal);
        Assert.Contains("TrackHighThresh", Assert.Throws<ArgumentException>(() => new ByteTracker(new ByteTrackOptions { TrackHighThresh = double.NaN })).Message, StringComparison.Ordinal);
        Assert.Contains("TrackBuffer must be at least 1, got 0", Assert.Throws<ArgumentException>(() => new ByteTracker(new ByteTrackOptions { TrackBuffer = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("GapReach", Assert.Throws<ArgumentException>(() => new ByteTracker(new ByteTrackOptions { GapReach = -1 })).Message, StringComparison.Ordinal);
        Assert.Contains("LostReach", Assert.Throws<ArgumentException>(() => new ByteTracker(new ByteTrackOptions { LostReach = double.PositiveInfinity })).Message, StringComparison.Ordinal);
        Assert.Contains("DetectionInterval must be at least 1, got 0", Assert.Throws<ArgumentException>(() => new TrackerStage(new TrackerOptions { DetectionInterval = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("FrameRate", Assert.Throws<ArgumentException>(() => new TrackerStage(new TrackerOptions { FrameRate = 0 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filtered_boxes_replace_detector_boxes_when_asked()
    {
        var tracker = new ByteTracker { ReportFilteredBoxes = true };
        DetectedObject[] first = [Det(100, 100, 60, 36)];
        tracker.Update(first, 0);
        DetectedObject[] second = [Det(104, 100, 60, 36)];

        tracker.Update(second, 1);

        Assert.Equal(1, second[0].TrackId);
        Assert.InRange(second[0].Box.Left, 100.5f, 103.99f);
    }
}
