namespace Streams.Snapshots;

/// <summary>A sighting as the best-view choice sees it.</summary>
/// <param name="Confidence">The detector's confidence.</param>
/// <param name="Area">The box's area in pixels; breaks confidence ties.</param>
/// <param name="Time">When it was seen (stream clock).</param>
public readonly record struct BestView(float Confidence, float Area, TimeSpan Time);
