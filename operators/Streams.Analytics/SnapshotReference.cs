namespace Streams.Analytics;

/// <summary>A JPEG crop of an object's best view, as events reference it (<c>object.snapshot</c> in the envelope).</summary>
/// <param name="Path">The file, relative to the snapshot directory, '/'-separated (<c>&lt;stream&gt;/&lt;track&gt;.jpg</c>).</param>
/// <param name="Width">The JPEG's width in pixels.</param>
/// <param name="Height">The JPEG's height in pixels.</param>
/// <param name="Sequence">The sequence of the frame the crop was taken from.</param>
public sealed record SnapshotReference(string Path, int Width, int Height, long Sequence);
