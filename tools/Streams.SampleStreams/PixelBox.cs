namespace Streams.SampleStreams;

/// <summary>
/// An axis-aligned box of whole pixels: it covers columns <see cref="Left"/>..<see cref="Right"/>-1 and rows
/// <see cref="Top"/>..<see cref="Bottom"/>-1 (0-based, exclusive right and bottom).
/// </summary>
public readonly record struct PixelBox(int Left, int Top, int Width, int Height)
{
    /// <summary>One past the last covered column.</summary>
    public int Right => Left + Width;

    /// <summary>One past the last covered row.</summary>
    public int Bottom => Top + Height;

    /// <summary>True when the box covers no pixel.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>The number of covered pixels (0 when empty).</summary>
    public long Area => IsEmpty ? 0 : (long)Width * Height;

    /// <summary>The bottom-centre point, the anchor that line crossings and zone membership are judged by.</summary>
    public ScenePoint BottomCenter => new(Left + (Width / 2.0), Bottom);

    /// <summary>Creates a box from its edges; an inverted box becomes empty.</summary>
    public static PixelBox FromEdges(int left, int top, int right, int bottom) =>
        new(left, top, Math.Max(0, right - left), Math.Max(0, bottom - top));

    /// <summary>The pixels both boxes cover (empty when they do not overlap).</summary>
    public PixelBox Intersect(PixelBox other) =>
        FromEdges(Math.Max(Left, other.Left), Math.Max(Top, other.Top), Math.Min(Right, other.Right), Math.Min(Bottom, other.Bottom));

    /// <summary>The part of the box inside a <paramref name="frameWidth"/> x <paramref name="frameHeight"/> frame.</summary>
    public PixelBox ClipTo(int frameWidth, int frameHeight) => Intersect(new PixelBox(0, 0, frameWidth, frameHeight));

    /// <summary>True when the boxes share at least one pixel.</summary>
    public bool Overlaps(PixelBox other) => !Intersect(other).IsEmpty;

    /// <summary>Intersection over union, 0 when either is empty.</summary>
    public double IntersectionOverUnion(PixelBox other)
    {
        long inter = Intersect(other).Area;
        long union = Area + other.Area - inter;
        return union == 0 ? 0 : (double)inter / union;
    }
}
