namespace Streams.Runtime;

/// <summary>Where a stream is in its life. Transitions are logged and exported as a metric.</summary>
public enum StreamState
{
    /// <summary>Added; its source has not delivered a frame yet.</summary>
    Starting,

    /// <summary>Frames are flowing.</summary>
    Streaming,

    /// <summary>The source lost its input and is waiting to try again.</summary>
    Reconnecting,

    /// <summary>Ended by an error it will not recover from; <see cref="StreamContext.Reason"/> says which.</summary>
    Failed,

    /// <summary>The source reached its end (a replayed file) or was stopped on request.</summary>
    Ended,
}
