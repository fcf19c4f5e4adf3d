namespace Streams.Sources;

/// <summary>How a file (a source that is not live) is paced.</summary>
public enum ReplayPacing
{
    /// <summary>At the file's own rate, by its timestamps, like a camera would deliver it.</summary>
    Realtime,

    /// <summary>As fast as decoding and the pipeline allow.</summary>
    Fast,
}
