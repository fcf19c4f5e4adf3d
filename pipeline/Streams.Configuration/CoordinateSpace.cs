namespace Streams.Configuration;

/// <summary>What zone and line coordinates are measured in (<c>coordinates</c>).</summary>
public enum CoordinateSpace
{
    /// <summary>Pixels of the source frame, origin top-left (the default).</summary>
    Pixels,

    /// <summary>Fractions of the frame width and height, each in 0..1; independent of resolution.</summary>
    Normalized,
}
