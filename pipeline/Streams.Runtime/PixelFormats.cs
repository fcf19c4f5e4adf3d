namespace Streams.Runtime;

/// <summary>Sizes and names of <see cref="PixelFormat"/> values.</summary>
public static class PixelFormats
{
    /// <summary>Bytes one frame of <paramref name="format"/> takes at the given size, with no row padding.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive, or 4:2:0 chroma meets an odd one.</exception>
    public static int FrameSize(PixelFormat format, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        long pixels = (long)width * height;
        long size = format switch
        {
            PixelFormat.Yuv420p or PixelFormat.Nv12 => RequireEven(width, height, format) * 3 / 2,
            PixelFormat.Bgr24 or PixelFormat.Rgb24 => pixels * 3,
            PixelFormat.Gray8 => pixels,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
        };
        if (size > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}x{height} {format} frame does not fit one buffer.");
        }

        return (int)size;

        static long RequireEven(int w, int h, PixelFormat f)
        {
            if ((w | h) % 2 != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(width), $"{f} needs even dimensions, got {w}x{h}.");
            }

            return (long)w * h;
        }
    }

    /// <summary>The name ffmpeg uses for <paramref name="format"/> (its <c>-pix_fmt</c> argument).</summary>
    public static string FfmpegName(PixelFormat format) => format switch
    {
        PixelFormat.Yuv420p => "yuv420p",
        PixelFormat.Nv12 => "nv12",
        PixelFormat.Bgr24 => "bgr24",
        PixelFormat.Rgb24 => "rgb24",
        PixelFormat.Gray8 => "gray",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };
}
