using Streams.Runtime;

namespace Streams.Sources.Tests.Support;

/// <summary>The last stage of a test pipeline: records every frame's metadata per stream and lets tests await counts.</summary>
internal sealed class RecordingSink() : Stage<Frame, Frame>("sink")
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Seen>> _frames = new(StringComparer.Ordinal);
    private readonly List<(string Stream, int Count, TaskCompletionSource Done)> _waiters = [];

    /// <summary>What the sink saw of one frame.</summary>
    public readonly record struct Seen(long Sequence, TimeSpan? Pts, int Width, int Height, PixelFormat Format, int Length,
        long ArrivalTimestamp, DateTimeOffset ArrivalTime, byte FirstByte, byte CenterByte);

    public IReadOnlyList<Seen> FramesOf(string stream)
    {
        lock (_lock)
        {
            return _frames.TryGetValue(stream, out List<Seen>? list) ? [.. list] : [];
        }
    }

    public int CountOf(string stream)
    {
        lock (_lock)
        {
            return _frames.TryGetValue(stream, out List<Seen>? list) ? list.Count : 0;
        }
    }

    /// <summary>Completes once <paramref name="count"/> frames of <paramref name="stream"/> arrived; throws after the bound.</summary>
    public Task WaitForFramesAsync(string stream, int count, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (CountOfLocked(stream) >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((stream, count, done));
        }

        return done.Task.WaitAsync(timeout ?? TestTimeouts.Wait);
    }

    public override ValueTask ProcessAsync(Frame item, StageOutput<Frame> output, CancellationToken cancellationToken)
    {
        if (!item.IsEndOfStream)
        {
            Span<byte> pixels = item.Pixels;
            int bytesPerPixel = item.Format is PixelFormat.Bgr24 or PixelFormat.Rgb24 ? 3 : 1;
            int center = ((item.Height / 2 * item.Width) + (item.Width / 2)) * bytesPerPixel;
            var seen = new Seen(item.Sequence, item.Pts, item.Width, item.Height, item.Format, pixels.Length,
                item.ArrivalTimestamp, item.ArrivalTime, pixels[0], pixels[center]);
            lock (_lock)
            {
                if (!_frames.TryGetValue(item.Stream.Id, out List<Seen>? list))
                {
                    _frames[item.Stream.Id] = list = [];
                }

                list.Add(seen);
                for (int i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Stream == item.Stream.Id && list.Count >= _waiters[i].Count)
                    {
                        _waiters[i].Done.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }

        return WriteAsync(item, output);
    }

    private static async ValueTask WriteAsync(Frame item, StageOutput<Frame> output) => await output.WriteAsync(item);

    private int CountOfLocked(string stream) => _frames.TryGetValue(stream, out List<Seen>? list) ? list.Count : 0;
}
