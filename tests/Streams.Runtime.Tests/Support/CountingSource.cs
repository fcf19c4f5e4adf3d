using Streams.Runtime;

namespace Streams.Runtime.Tests.Support;

/// <summary>Writes <c>count</c> small frames (or frames until stopped, when count is null), each stamped with its index.</summary>
internal sealed class CountingSource(long? count, int width = 32, int height = 16) : IFrameSource
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstFrame = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the source has written its last frame and returned.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Completes once the first frame was written.</summary>
    public Task FirstFrame => _firstFrame.Task;

    public long Written { get; private set; }

    /// <summary>When true, the source stays open after its last frame until it is told to stop.</summary>
    public bool HoldOpen { get; init; }

    /// <summary>Throws after this many frames, when set.</summary>
    public long? ThrowAfter { get; init; }

    public async Task RunAsync(StreamContext stream, SourceOutput output, CancellationToken cancellationToken)
    {
        try
        {
            for (long i = 0; count is null || i < count; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                if (ThrowAfter == i)
                {
                    throw new IOException($"input of {stream.Id} broke after {i} frames");
                }

                Frame frame = output.Rent(width, height, PixelFormat.Gray8);
                frame.Pixels[0] = (byte)i;
                frame.Pts = TimeSpan.FromMilliseconds(i * 40);
                bool open = await output.WriteAsync(frame);
                Written++;
                _firstFrame.TrySetResult();
                if (!open)
                {
                    return;
                }

                // Let other sources in between; a tight loop on two cores starves the rest of the test.
                if ((i & 15) == 15)
                {
                    await Task.Yield();
                }
            }

            if (HoldOpen)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
        finally
        {
            _finished.TrySetResult();
        }
    }
}
