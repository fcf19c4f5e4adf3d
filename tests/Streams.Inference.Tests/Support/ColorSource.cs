using Streams.Runtime;

namespace Streams.Inference.Tests.Support;

/// <summary>Writes <c>count</c> bgr24 frames, each filled with the colour <c>color(index)</c> gives (blue, green, red).</summary>
internal sealed class ColorSource(int count, int width, int height, Func<long, (byte B, byte G, byte R)> color) : IFrameSource
{
    public async Task RunAsync(StreamContext stream, SourceOutput output, CancellationToken cancellationToken)
    {
        for (long i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            Frame frame = output.Rent(width, height, PixelFormat.Bgr24);
            Fill(frame.Pixels, color(i));
            if (!await output.WriteAsync(frame))
            {
                return;
            }

            if ((i & 7) == 7)
            {
                await Task.Yield();
            }
        }
    }

    public static void Fill(Span<byte> pixels, (byte B, byte G, byte R) c)
    {
        for (int p = 0; p < pixels.Length; p += 3)
        {
            pixels[p] = c.B;
            pixels[p + 1] = c.G;
            pixels[p + 2] = c.R;
        }
    }
}
