namespace Streams.Runtime;

/// <summary>What a full edge does with a new item.</summary>
public enum EdgePolicy
{
    /// <summary>
    /// The writer waits for room. For replayed files: nothing is lost, and the source slows to what the pipeline takes.
    /// </summary>
    Wait,

    /// <summary>
    /// The oldest queued item is dropped (released and counted as <see cref="DropReason.QueueFull"/>) to make room.
    /// For live sources: a camera does not wait, and fresh frames matter more than old ones.
    /// </summary>
    DropOldest,
}
