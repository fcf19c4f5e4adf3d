namespace Streams.Analytics;

/// <summary>What the points of a zone, line or ground plane are measured in (<c>coordinates</c>).</summary>
public enum CoordinateSpace
{
    /// <summary>Source pixels, 0-based, origin top-left, x right, y down (the default).</summary>
    Pixels,

    /// <summary>Fractions of the frame's width and height, each in 0..1; the same rule fits every resolution.</summary>
    Normalized,
}
