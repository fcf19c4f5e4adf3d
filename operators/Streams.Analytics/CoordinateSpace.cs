namespace Streams.Analytics;

/// <summary>What the points of a zone, line or ground plane are measured in.</summary>
public enum CoordinateSpace
{
    /// <summary>Source pixels, 0-based, x right, y down.</summary>
    Pixels,

    /// <summary>Fractions of the frame's width and height, 0..1; the same rule fits every resolution.</summary>
    Normalized,
}
