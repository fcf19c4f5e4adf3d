namespace Streams.Configuration;

/// <summary>How a file source paces its frames (<c>sources[].replay</c>).</summary>
public enum ReplayMode
{
    /// <summary>At the file's own frame rate, as a camera would deliver them (the default).</summary>
    Realtime,

    /// <summary>As fast as the pipeline accepts them; for batch processing and benchmarks.</summary>
    Fast,
}
