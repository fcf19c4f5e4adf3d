namespace Streams.Snapshots;

/// <summary>What <see cref="JpegEncoder"/> wrote: the JPEG's size in pixels and its length in bytes.</summary>
/// <param name="Width">Width of the encoded picture (after any downscale).</param>
/// <param name="Height">Height of the encoded picture.</param>
/// <param name="Length">Bytes written to the destination.</param>
public readonly record struct JpegCrop(int Width, int Height, int Length);
