using Streams.Analytics.Tests.Support;
using Streams.Runtime;
using Streams.Tracking;

namespace Streams.Analytics.Tests;

[Trait("Tier", "Unit")]
public sealed class AnalyticsStageTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Tracked_frames_publish_crossings_in_order_and_the_end_of_stream_flushes_every_live_track()
    {
        // Raw detections go through the tracker; a publisher holding one event makes the stage wait for the reader.
        var options = new AnalyticsStageOptions
        {
            Lines = [new LineRuleOptions { Id = "gate", Points = [new(500, 600), new(500, 100)] }],
            ObjectUpdateInterval = null,
            CountsInterval = TimeSpan.FromSeconds(100),
            ClassNames = ["person", "bicycle", "car"],
            Epochs = static _ => Drive.Epoch,
        };
        var publisher = new ChannelEventPublisher(capacity: 1);
        var analytics = new AnalyticsStage(options, publisher);
        var received = new List<AnalyticsEvent>();
        Task reader = Task.Run(async () =>
        {
            await foreach (AnalyticsEvent e in publisher.Reader.ReadAllAsync())
            {
                received.Add(e);
            }
        });
        var pool = new FramePool();
        await using (Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(new TrackerStage())
            .Then(analytics)
            .Build())
        {
            pipeline.AddStream(new StreamSpec("cam", "test", new ScriptedSource(60, (i, f) =>
            {
                f.Objects.Add(new DetectedObject(new BoxF(380 + (5 * i), 320, 40, 30), 2, 0.9f));
                f.Objects.Add(new DetectedObject(new BoxF(900, 500, 40, 30), 2, 0.9f));
            }), EdgeOptions.Default));
            pipeline.Start();
            await pipeline.Completion.WaitAsync(s_wait);
        }

        publisher.Complete();
        await reader.WaitAsync(s_wait);

        Assert.True(pool.GetStatistics().IsBalanced);
        Assert.Equal(0, analytics.ActiveStreams);
        Assert.Equal(
            ["0 cam:E:1:object.new:1", "0 cam:E:2:object.new:1", "21 cam:E:1:line.cross/gate:1", "59 cam:E:1:object.end:1", "59 cam:E:2:object.end:1", "59 cam:E:0:counts:1"],
            Drive.Describe(received));
        Assert.All(Drive.OfType<ObjectEndEvent>(received), e => Assert.Equal(ObjectEndReason.EndOfStream, e.Reason));
        Assert.Equal(1, Assert.IsType<CountsEvent>(received[^1]).Lines[0].Total);
    }

    [Fact]
    public async Task A_publisher_that_throws_fails_the_stream_without_leaking_frames()
    {
        var pool = new FramePool();
        StreamContext stream;
        await using (Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(new AnalyticsStage(null, new ThrowingPublisher()))
            .Build())
        {
            stream = pipeline.AddStream(new StreamSpec("cam", "test", new ScriptedSource(20, (i, f) =>
                f.Objects.Add(new DetectedObject(new BoxF(100, 100, 40, 30), 2, 0.9f) { TrackId = 1 })), EdgeOptions.Default));
            pipeline.Start();
            await pipeline.Completion.WaitAsync(s_wait);
        }

        Assert.Equal(StreamState.Failed, stream.State);
        Assert.True(pool.GetStatistics().IsBalanced);
    }

    private sealed class ThrowingPublisher : IEventPublisher
    {
        public async ValueTask PublishAsync(AnalyticsEvent analyticsEvent, CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("the broker is gone");
        }
    }
}
