namespace Streams.Analytics;

/// <summary>A point: in pixels (x right, y down), in normalised frame coordinates (0..1), or on the ground in metres.</summary>
public readonly record struct Point2D(float X, float Y);
