namespace Streams.Configuration;

/// <summary>What a source does when its output queue is full (<c>sources[].queue_policy</c>).</summary>
public enum QueuePolicy
{
    /// <summary>Wait for room: no frame is lost, the source slows down (the default for files).</summary>
    Wait,

    /// <summary>Drop the oldest queued frame: latency stays bounded, frames are lost (the default for live sources).</summary>
    DropOldest,
}
