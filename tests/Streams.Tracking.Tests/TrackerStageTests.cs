using Streams.Runtime;
using Streams.Tracking.Tests.Support;
using static Streams.Tracking.Tests.Support.Scene;

namespace Streams.Tracking.Tests;

[Trait("Tier", "Unit")]
public sealed class TrackerStageTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private static async Task<RecordingStage> RunAsync(TrackerStage tracker, params (string Id, ScriptedSource Source)[] streams)
    {
        var pool = new FramePool();
        var record = new RecordingStage();
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(tracker)
            .Then(record)
            .Build();
        foreach ((string id, ScriptedSource source) in streams)
        {
            pipeline.AddStream(new StreamSpec(id, "test", source, EdgeOptions.Default));
        }

        pipeline.Start();
        await pipeline.Completion.WaitAsync(s_wait);
        Assert.True(pool.GetStatistics().IsBalanced);
        return record;
    }

    [Fact]
    public async Task The_stage_tracks_each_stream_on_its_own_with_ids_from_one()
    {
        var tracker = new TrackerStage();
        RecordingStage record = await RunAsync(tracker,
            ("a", new ScriptedSource(20, (i, f) => f.Objects.Add(Det(100 + (3 * i), 100, 60, 36)))),
            ("b", new ScriptedSource(20, (i, f) =>
            {
                f.Objects.Add(Det(800, 500, 60, 36));
                f.Objects.Add(Det(100 + (3 * i), 100, 60, 36));
            })));

        for (long s = 0; s < 20; s++)
        {
            Assert.Equal(1, record.ObjectsOf("a", s)[0].TrackId);
            Assert.Equal([1L, 2L], [record.ObjectsOf("b", s)[0].TrackId, record.ObjectsOf("b", s)[1].TrackId]);
        }

        Assert.Equal(2, record.EndMarkers);
        Assert.Equal(0, tracker.ActiveStreams);
    }

    [Fact]
    public async Task With_detection_on_every_sixth_frame_the_frames_between_pass_through_and_ids_hold()
    {
        var tracker = new TrackerStage(new TrackerOptions { DetectionInterval = 6 });
        RecordingStage record = await RunAsync(tracker, ("cam", new ScriptedSource(120, (i, f) =>
        {
            if (i % 6 == 0)
            {
                f.Objects.Add(Det(100 + (3 * i), 400, 60, 36));
            }
        })));

        for (long s = 0; s < 120; s++)
        {
            DetectedObject[] objects = record.ObjectsOf("cam", s);
            if (s % 6 == 0)
            {
                Assert.Equal(1, Assert.Single(objects).TrackId);
            }
            else
            {
                Assert.Empty(objects);
            }
        }
    }

    [Fact]
    public async Task Skipped_frames_get_predicted_boxes_when_asked()
    {
        var tracker = new TrackerStage(new TrackerOptions { PredictSkippedFrames = true }, detectionRan: f => f.Sequence % 3 == 0);
        RecordingStage record = await RunAsync(tracker, ("cam", new ScriptedSource(30, (i, f) =>
        {
            if (i % 3 == 0)
            {
                f.Objects.Add(Det(100 + (3 * i), 400, 60, 36));
            }
        })));

        DetectedObject predicted = Assert.Single(record.ObjectsOf("cam", 25));
        Assert.Equal(1, predicted.TrackId);
        Assert.InRange(predicted.Box.Left, 100 + (3 * 25) - 3, 100 + (3 * 25) + 3);
    }

    [Fact]
    public async Task Untracked_detections_are_removed_and_attributes_follow_their_objects()
    {
        // Frame 5 adds a low-score box first; the car's attribute points at index 1 and must move to index 0.
        var tracker = new TrackerStage();
        RecordingStage record = await RunAsync(tracker, ("cam", new ScriptedSource(10, (i, f) =>
        {
            if (i == 5)
            {
                f.Objects.Add(Det(600, 600, 20, 40, Person, 0.2f));
                f.Attributes.Add(new ObjectAttribute(0, 0, 7, 0.5f));
            }

            f.Objects.Add(Det(100 + (3 * i), 100, 60, 36));
            f.Attributes.Add(new ObjectAttribute(f.Objects.Count - 1, 0, 1, 0.9f));
        })));

        DetectedObject car = Assert.Single(record.ObjectsOf("cam", 5));
        Assert.Equal(1, car.TrackId);
        Assert.Equal(new ObjectAttribute(0, 0, 1, 0.9f), Assert.Single(record.AttributesOf("cam", 5)));
    }

    [Fact]
    public async Task Untracked_detections_stay_with_id_zero_when_kept()
    {
        var tracker = new TrackerStage(new TrackerOptions { KeepUntrackedDetections = true });
        RecordingStage record = await RunAsync(tracker, ("cam", new ScriptedSource(3, (i, f) =>
        {
            f.Objects.Add(Det(600, 600, 20, 40, Person, 0.2f));
            f.Objects.Add(Det(100, 100, 60, 36));
        })));

        DetectedObject[] objects = record.ObjectsOf("cam", 2);
        Assert.Equal([0L, 1L], [objects[0].TrackId, objects[1].TrackId]);
    }

    /// <summary>
    /// Detection sampled inside the decoder at 10 of 30 fps: frame n is source frame 3n. A car moves 3 px per source
    /// frame from the start; a second appears at source frame 6 (seen there without an id) and is confirmed at 9.
    /// </summary>
    private static ScriptedSource SampledTenOfThirty(int count) => new(count, (i, f) =>
    {
        f.Pts = TimeSpan.FromTicks(3 * i * TimeSpan.TicksPerSecond / 30);
        f.SourceFrameRate = 30;
        f.Objects.Add(Det(100 + (9 * i), 400, 60, 36));
        if (i >= 2)
        {
            f.Objects.Add(Det(600 - (9 * i), 100, 60, 36));
        }
    });

    private static void AssertPast(PastObject past, long trackId, long framesBefore, int sourceFrame, float left, bool observed)
    {
        Assert.Equal((trackId, framesBefore, observed), (past.Tracked.TrackId, past.FramesBefore, past.Observed));
        Assert.Equal(sourceFrame / 30.0, past.Pts!.Value.TotalSeconds, 4);
        Assert.Equal(framesBefore / 30.0, past.Before.TotalSeconds, 4);
        Assert.Equal(left, past.Tracked.Box.Left, 2);
        Assert.Equal(Car, past.Tracked.ClassId);
    }

    private static readonly TrackerOptions SecondSighting = new() { SampledConfirmThresh = 1 };

    [Fact]
    public async Task Past_frames_give_every_skipped_frame_its_interpolated_box_and_the_unreported_first_sighting()
    {
        // Confirmation on the second sighting (as for a detection of middling confidence), so a first sighting is unreported.
        var tracker = new TrackerStage(SecondSighting with { PastFrames = true });
        RecordingStage record = await RunAsync(tracker, ("cam", SampledTenOfThirty(6)));

        Assert.Empty(record.PastObjectsOf("cam", 0));
        PastObject[] second = record.PastObjectsOf("cam", 1);
        Assert.Equal(2, second.Length);
        AssertPast(second[0], 1, 2, 1, 103, observed: false);
        AssertPast(second[1], 1, 1, 2, 106, observed: false);

        // Frame 3 (source frame 9) confirms the second car: its first sighting at 6, then both cars at 7 and 8, oldest first.
        PastObject[] confirming = record.PastObjectsOf("cam", 3);
        Assert.Equal(5, confirming.Length);
        AssertPast(confirming[0], 2, 3, 6, 582, observed: true);
        AssertPast(confirming[1], 1, 2, 7, 121, observed: false);
        AssertPast(confirming[2], 2, 2, 7, 579, observed: false);
        AssertPast(confirming[3], 1, 1, 8, 124, observed: false);
        AssertPast(confirming[4], 2, 1, 8, 576, observed: false);
        Assert.Equal([1L, 2L], Array.ConvertAll(record.ObjectsOf("cam", 3), o => o.TrackId));
    }

    [Fact]
    public async Task Without_past_frames_only_the_unreported_first_sighting_comes_late()
    {
        RecordingStage record = await RunAsync(new TrackerStage(SecondSighting), ("cam", SampledTenOfThirty(6)));

        for (long s = 0; s < 6; s++)
        {
            PastObject[] past = record.PastObjectsOf("cam", s);
            if (s == 3)
            {
                AssertPast(Assert.Single(past), 2, 3, 6, 582, observed: true);
            }
            else
            {
                Assert.Empty(past);
            }
        }
    }

    [Fact]
    public async Task Detection_on_every_frame_leaves_nothing_between_sightings()
    {
        var tracker = new TrackerStage(new TrackerOptions { PastFrames = true });
        RecordingStage record = await RunAsync(tracker, ("cam", new ScriptedSource(10, (i, f) => f.Objects.Add(Det(100 + (3 * i), 400, 60, 36)))));

        for (long s = 0; s < 10; s++)
        {
            Assert.Empty(record.PastObjectsOf("cam", s));
        }
    }
}
