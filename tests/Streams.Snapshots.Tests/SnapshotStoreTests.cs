using Streams.Analytics;
using Streams.Runtime;
using Streams.Snapshots.Tests.Support;

namespace Streams.Snapshots.Tests;

[Trait("Tier", "Unit")]
public sealed class SnapshotStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "snapshots-" + Guid.NewGuid().ToString("N"));
    private readonly FramePool _pool = new();

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_best_view_is_written_under_the_sanitised_stream_id_and_a_worse_one_leaves_it()
    {
        var store = new SnapshotStore(new SnapshotOptions { Directory = _directory, MinInterval = TimeSpan.Zero });
        Offer(store, "rtsp://cam/1", sequence: 1, new BoxF(10, 10, 40, 40), 0.5f);
        SnapshotReference? best = Offer(store, "rtsp://cam/1", sequence: 2, new BoxF(10, 10, 60, 40), 0.8f);
        SnapshotReference? kept = Offer(store, "rtsp://cam/1", sequence: 3, new BoxF(10, 10, 20, 20), 0.7f);
        SnapshotReference? ended = store.Complete("rtsp://cam/1", 7);
        await store.DisposeAsync();

        Assert.Equal(new SnapshotReference("rtsp___cam_1/7.jpg", 60, 40, 2), best);
        Assert.Same(best, kept);
        Assert.Same(best, ended);
        Assert.Equal(new SnapshotStatistics(Encoded: 2, Written: 2, WriteFailures: 0, EncodeFailures: 0, Dropped: 0), store.GetStatistics());
        byte[] jpeg = await File.ReadAllBytesAsync(Path.Combine(_directory, "rtsp___cam_1", "7.jpg"));
        Assert.Equal((60, 40), JpegReader.ReadFrameHeader(jpeg));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(0, store.LiveTracks);
    }

    [Fact]
    public async Task The_rate_limit_holds_back_a_better_view_that_comes_too_soon()
    {
        var store = new SnapshotStore(new SnapshotOptions { Directory = _directory, MinInterval = TimeSpan.FromSeconds(1) });
        SnapshotReference? first = Offer(store, "cam", sequence: 0, new BoxF(0, 0, 32, 32), 0.5f);
        SnapshotReference? soon = Offer(store, "cam", sequence: 15, new BoxF(0, 0, 32, 32), 0.9f);
        SnapshotReference? later = Offer(store, "cam", sequence: 45, new BoxF(0, 0, 32, 32), 0.9f);
        await store.DisposeAsync();

        Assert.Same(first, soon);
        Assert.Equal(45, later!.Sequence);
        Assert.Equal(2, store.GetStatistics().Encoded);
    }

    [Fact]
    public async Task An_unwritable_directory_is_counted_not_thrown_and_the_track_ends_without_a_snapshot()
    {
        // A file where the directory should be: creating it fails for every user, root included.
        await File.WriteAllTextAsync(_directory, "not a directory");
        try
        {
            var store = new SnapshotStore(new SnapshotOptions { Directory = _directory, MinInterval = TimeSpan.Zero });
            Assert.NotNull(Offer(store, "cam", sequence: 0, new BoxF(0, 0, 32, 32), 0.5f));
            Assert.NotNull(Offer(store, "cam", sequence: 1, new BoxF(0, 0, 32, 32), 0.9f));
            await WaitUntil(() => store.GetStatistics().WriteFailures == 2);
            SnapshotReference? ended = store.Complete("cam", 7);
            await store.DisposeAsync();

            Assert.Null(ended);
            Assert.Equal(new SnapshotStatistics(Encoded: 2, Written: 0, WriteFailures: 2, EncodeFailures: 0, Dropped: 0), store.GetStatistics());
        }
        finally
        {
            File.Delete(_directory);
        }
    }

    [Fact]
    public async Task After_disposal_offers_are_ignored()
    {
        var store = new SnapshotStore(new SnapshotOptions { Directory = _directory });
        await store.DisposeAsync();

        Assert.Null(Offer(store, "cam", sequence: 0, new BoxF(0, 0, 32, 32), 0.5f));
        Assert.Null(store.Complete("cam", 7));
    }

    [Theory]
    [InlineData("cam-1.main_2", "cam-1.main_2")]
    [InlineData("../etc", ".._etc")]
    [InlineData("..", "_..")]
    [InlineData("", "_")]
    [InlineData("caméra 1", "cam_ra_1")]
    public void Stream_ids_become_safe_file_names(string streamId, string expected) =>
        Assert.Equal(expected, SnapshotPaths.SafeName(streamId));

    private SnapshotReference? Offer(SnapshotStore store, string stream, long sequence, BoxF box, float confidence)
    {
        Frame frame = _pool.Rent(TestPictures.Stream(stream), 128, 96, PixelFormat.Yuv420p);
        frame.Pixels.Fill(128);
        frame.Sequence = sequence;
        frame.Pts = TimeSpan.FromTicks(sequence * TimeSpan.TicksPerSecond / 30);
        try
        {
            return store.Offer(stream, frame, new DetectedObject(box, 0, confidence) { TrackId = 7 });
        }
        finally
        {
            frame.Release();
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
