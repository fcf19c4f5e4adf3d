namespace Streams.Analytics;

/// <summary>What the analytics need of a frame besides its objects.</summary>
/// <param name="Sequence">The frame's sequence number in its stream.</param>
/// <param name="Pts">The presentation time, if any.</param>
/// <param name="WallTime">The arrival time (UTC).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct AnalyticsFrame(long Sequence, TimeSpan? Pts, DateTimeOffset WallTime, int Width, int Height);
