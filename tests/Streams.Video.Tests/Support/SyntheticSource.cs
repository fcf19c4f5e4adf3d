using Streams.Runtime;

namespace Streams.Video.Tests.Support;

/// <summary>
/// Writes <c>count</c> yuv420p frames of a moving gradient with three tracked objects, then ends (or, with
/// <see cref="HoldOpen"/>, waits to be stopped).
/// </summary>
internal sealed class SyntheticSource(int count, int width, int height) : IFrameSource
{
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool HoldOpen { get; init; }

    /// <summary>Completes once every frame was written.</summary>
    public Task AllWritten => _written.Task;

    public async Task RunAsync(StreamContext stream, SourceOutput output, CancellationToken cancellationToken)
    {
        for (int i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            Frame frame = output.Rent(width, height, PixelFormat.Yuv420p);
            Fill(frame.Pixels, width, height, i);
            frame.Pts = TimeSpan.FromMilliseconds(i * 1000.0 / 30);
            for (int k = 0; k < 3; k++)
            {
                float x = (((i * 4) + (k * width / 3)) % Math.Max(1, width - (width / 6))) + 1;
                frame.Objects.Add(new DetectedObject(new BoxF(x, height / 4f + (k * height / 8f), width / 8f, height / 5f), k, 0.5f + (k * 0.2f))
                {
                    TrackId = k + 1,
                });
            }

            if (!await output.WriteAsync(frame))
            {
                return;
            }
        }

        _written.TrySetResult();
        if (HoldOpen)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    public static void Fill(Span<byte> pixels, int width, int height, int index)
    {
        for (int row = 0; row < height; row++)
        {
            byte value = (byte)(16 + ((row + (index * 2)) % 200));
            pixels.Slice(row * width, width).Fill(value);
        }

        pixels[(width * height)..].Fill(128);
    }
}
