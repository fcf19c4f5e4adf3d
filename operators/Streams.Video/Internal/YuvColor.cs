namespace Streams.Video.Internal;

/// <summary>A colour as BT.601 limited-range Y, U (Cb) and V (Cr), the encoding of ffmpeg's yuv420p output.</summary>
internal readonly record struct YuvColor(byte Y, byte U, byte V)
{
    public static readonly YuvColor White = FromRgb(255, 255, 255);
    public static readonly YuvColor Black = FromRgb(0, 0, 0);
    public static readonly YuvColor Yellow = FromRgb(255, 220, 0);

    /// <summary>Converts full-range RGB.</summary>
    public static YuvColor FromRgb(byte r, byte g, byte b)
    {
        double y = 16 + (((65.481 * r) + (128.553 * g) + (24.966 * b)) / 255);
        double u = 128 + (((-37.797 * r) - (74.203 * g) + (112.0 * b)) / 255);
        double v = 128 + (((112.0 * r) - (93.786 * g) - (18.214 * b)) / 255);
        return new YuvColor(Clamp(y), Clamp(u), Clamp(v));

        static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
    }

    /// <summary>Black or white, whichever reads better on this colour.</summary>
    public YuvColor Contrasting => Y > 130 ? Black : White;
}

/// <summary>Distinct colours for classes and zones.</summary>
internal static class Palette
{
    private static readonly YuvColor[] s_colors =
    [
        YuvColor.FromRgb(255, 56, 56),
        YuvColor.FromRgb(72, 249, 10),
        YuvColor.FromRgb(0, 148, 255),
        YuvColor.FromRgb(255, 157, 151),
        YuvColor.FromRgb(255, 178, 29),
        YuvColor.FromRgb(207, 210, 49),
        YuvColor.FromRgb(146, 204, 23),
        YuvColor.FromRgb(61, 219, 134),
        YuvColor.FromRgb(26, 147, 52),
        YuvColor.FromRgb(0, 212, 187),
        YuvColor.FromRgb(44, 153, 168),
        YuvColor.FromRgb(0, 194, 255),
        YuvColor.FromRgb(52, 69, 147),
        YuvColor.FromRgb(100, 115, 255),
        YuvColor.FromRgb(132, 56, 255),
        YuvColor.FromRgb(203, 56, 255),
        YuvColor.FromRgb(255, 149, 200),
        YuvColor.FromRgb(255, 55, 199),
    ];

    /// <summary>The colour of index <paramref name="index"/> (any int).</summary>
    public static YuvColor Get(int index) => s_colors[(int)((uint)index % (uint)s_colors.Length)];
}
