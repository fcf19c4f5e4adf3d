namespace Streams.Runtime;

/// <summary>A snapshot of a <see cref="FramePool"/>'s accounting.</summary>
/// <param name="Rented">Frames handed out, end-of-stream markers included.</param>
/// <param name="Released">Frames given back.</param>
/// <param name="DoubleReleases">Releases of a frame that was not owned: each one is an ownership bug.</param>
/// <param name="Buffers">The pixel buffer pool's own accounting.</param>
public readonly record struct FramePoolStatistics(long Rented, long Released, long DoubleReleases, BufferPoolStatistics Buffers)
{
    /// <summary>Frames rented and not released: zero when nothing leaked.</summary>
    public long Outstanding => Rented - Released;

    /// <summary>True when every frame and buffer came back exactly once.</summary>
    public bool IsBalanced => Outstanding == 0 && DoubleReleases == 0 && Buffers.Outstanding == 0;
}
