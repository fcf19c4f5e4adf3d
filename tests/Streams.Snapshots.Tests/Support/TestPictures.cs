using Microsoft.Extensions.Logging.Abstractions;
using Streams.Runtime;

namespace Streams.Snapshots.Tests.Support;

/// <summary>Frames painted with flat colours, and the colours a JPEG decoder should give back.</summary>
internal static class TestPictures
{
    public static StreamContext Stream(string id = "cam") => new(id, 0, "test", NullLogger.Instance);

    /// <summary>Paints a rectangle of a yuv420p or nv12 picture (even coordinates) with one Y, U, V.</summary>
    public static void FillYuv420(Span<byte> pixels, int width, int height, PixelFormat format, int x, int y, int w, int h, byte luma, byte u, byte v)
    {
        for (int row = y; row < y + h; row++)
        {
            pixels.Slice((row * width) + x, w).Fill(luma);
        }

        int luma0 = width * height;
        for (int row = y / 2; row < (y + h) / 2; row++)
        {
            for (int col = x / 2; col < (x + w) / 2; col++)
            {
                if (format == PixelFormat.Yuv420p)
                {
                    pixels[luma0 + (row * (width / 2)) + col] = u;
                    pixels[luma0 + (luma0 / 4) + (row * (width / 2)) + col] = v;
                }
                else
                {
                    pixels[luma0 + (row * width) + (2 * col)] = u;
                    pixels[luma0 + (row * width) + (2 * col) + 1] = v;
                }
            }
        }
    }

    /// <summary>Paints a rectangle of a packed 3-byte picture with the given bytes in memory order.</summary>
    public static void FillPacked(Span<byte> pixels, int width, int x, int y, int w, int h, byte first, byte second, byte third)
    {
        for (int row = y; row < y + h; row++)
        {
            for (int col = x; col < x + w; col++)
            {
                int i = ((row * width) + col) * 3;
                pixels[i] = first;
                pixels[i + 1] = second;
                pixels[i + 2] = third;
            }
        }
    }

    /// <summary>The RGB a limited-range BT.601 Y'CbCr sample stands for (what the snapshot should show).</summary>
    public static (double R, double G, double B) Bt601LimitedToRgb(byte y, byte u, byte v)
    {
        double l = 1.164 * (y - 16);
        return (l + (1.596 * (v - 128)), l - (0.392 * (u - 128)) - (0.813 * (v - 128)), l + (2.017 * (u - 128)));
    }
}
