using Streams.Analytics;
using Streams.Analytics.Envelope;
using Streams.Runtime;
using Streams.Snapshots.Tests.Support;

namespace Streams.Snapshots.Tests;

[Trait("Tier", "Unit")]
public sealed class AnalyticsSnapshotTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "snapshots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_track_s_object_end_references_the_jpeg_of_its_best_view()
    {
        // Track 1 moves right, its confidence stepping up to a peak at frame 20 (box 80x120): encoded at 0, 10 and 20.
        // Track 2 only ever has 0.4: encoded once, at its first sighting.
        var store = new SnapshotStore(new SnapshotOptions { Directory = _directory, MaxSide = null, MinInterval = TimeSpan.FromSeconds(0.2) });
        var publisher = new ChannelEventPublisher(capacity: 1000);
        var pool = new FramePool();
        await using (Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(new AnalyticsStage(new AnalyticsStageOptions { Snapshots = store, ObjectUpdateInterval = null, CountsInterval = null }, publisher))
            .Build())
        {
            pipeline.AddStream(new StreamSpec("cam 1", "test", new PaintedSource(40, (i, f) =>
            {
                float confidence = i < 10 ? 0.5f : i < 20 ? 0.7f : i == 20 ? 0.9f : 0.6f;
                var box = new BoxF(100 + (4 * i), 200, 80, 120);
                TestPictures.FillYuv420(f.Pixels, 640, 480, PixelFormat.Yuv420p, 0, 0, 640, 480, 60, 128, 128);
                TestPictures.FillYuv420(f.Pixels, 640, 480, PixelFormat.Yuv420p, (int)box.Left, 200, 80, 120, 120, 100, 160);
                f.Objects.Add(new DetectedObject(box, 0, confidence) { TrackId = 1 });
                f.Objects.Add(new DetectedObject(new BoxF(500, 50, 30, 30), 0, 0.4f) { TrackId = 2 });
            }), EdgeOptions.Default));
            pipeline.Start();
            await pipeline.Completion.WaitAsync(s_wait);
        }

        publisher.Complete();
        await store.DisposeAsync();

        var ends = new List<ObjectEndEvent>();
        await foreach (AnalyticsEvent e in publisher.Reader.ReadAllAsync())
        {
            if (e is ObjectEndEvent end)
            {
                ends.Add(end);
            }
        }

        Assert.True(pool.GetStatistics().IsBalanced);
        Assert.Equal(2, ends.Count);
        SnapshotReference first = Assert.IsType<SnapshotReference>(ends[0].Snapshot);
        Assert.Equal(new SnapshotReference("cam_1/1.jpg", 80, 120, 20), first);
        Assert.Equal(ends[0].BestSequence, first.Sequence);
        byte[] jpeg = await File.ReadAllBytesAsync(store.FullPath(first));
        Assert.Equal((first.Width, first.Height), JpegReader.ReadFrameHeader(jpeg));
        (double r, double g, double b) = JpegReader.Mean(JpegReader.DecodeRgb(jpeg).Rgb);
        (double er, double eg, double eb) = TestPictures.Bt601LimitedToRgb(120, 100, 160);
        Assert.True(Math.Abs(r - er) < 4 && Math.Abs(g - eg) < 4 && Math.Abs(b - eb) < 4, $"decoded {(r, g, b)}");

        SnapshotReference second = Assert.IsType<SnapshotReference>(ends[1].Snapshot);
        Assert.Equal(new SnapshotReference("cam_1/2.jpg", 30, 30, 0), second);
        Assert.True(File.Exists(store.FullPath(second)));
        Assert.Equal(new SnapshotStatistics(Encoded: 4, Written: 4, WriteFailures: 0, EncodeFailures: 0, Dropped: 0), store.GetStatistics());
        Assert.Equal(0, store.LiveTracks);

        // The envelope carries it as object.snapshot.
        var writer = new EventEnvelopeWriter(new EventEnvelopeContext { PipelineName = "test", InstanceId = "a" });
        using var document = System.Text.Json.JsonDocument.Parse(writer.Write(ends[0]));
        Assert.Equal("cam_1/1.jpg", document.RootElement.GetProperty("object").GetProperty("snapshot").GetProperty("path").GetString());
    }

    /// <summary>Writes <c>count</c> 640x480 yuv420p frames at 30 fps; a script paints each and gives its objects.</summary>
    private sealed class PaintedSource(int count, Action<int, Frame> script) : IFrameSource
    {
        public async Task RunAsync(StreamContext stream, SourceOutput output, CancellationToken cancellationToken)
        {
            for (int i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
            {
                Frame frame = output.Rent(640, 480, PixelFormat.Yuv420p);
                frame.Pts = TimeSpan.FromTicks(i * TimeSpan.TicksPerSecond / 30);
                script(i, frame);
                if (!await output.WriteAsync(frame))
                {
                    return;
                }
            }
        }
    }
}
