namespace Streams.Runtime;

/// <summary>
/// Anything that travels along an <see cref="Edge{T}"/>: it belongs to one stream and may hold pooled memory.
/// </summary>
/// <remarks>
/// Exactly one holder owns an item at a time. A successful write to an edge hands it on; whoever holds it last calls
/// <see cref="Release"/> once (the final consumer, an edge's drop path, or the drain at shutdown).
/// </remarks>
public interface IPipelineItem
{
    /// <summary>The stream the item belongs to.</summary>
    StreamContext Stream { get; }

    /// <summary>
    /// True for the marker that follows a stream's last item, so that stages can finish per-stream work
    /// (close tracks, flush counters) the way DeepStream's per-stream EOS does.
    /// </summary>
    bool IsEndOfStream { get; }

    /// <summary>Gives pooled memory back. Called once, by the item's last holder.</summary>
    void Release();
}
