namespace Streams.Runtime;

/// <summary>Pixel layouts a frame buffer can hold. Names follow ffmpeg's <c>-pix_fmt</c> values.</summary>
public enum PixelFormat
{
    /// <summary>Planar Y, then U and V at quarter resolution (12 bits per pixel). ffmpeg's cheapest output.</summary>
    Yuv420p,

    /// <summary>Y plane, then interleaved UV at quarter resolution (12 bits per pixel).</summary>
    Nv12,

    /// <summary>Packed 8-bit blue, green, red.</summary>
    Bgr24,

    /// <summary>Packed 8-bit red, green, blue.</summary>
    Rgb24,

    /// <summary>One 8-bit luminance plane.</summary>
    Gray8,
}
