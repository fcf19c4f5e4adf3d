namespace Streams.SampleStreams;

/// <summary>The direction of a line crossing; see <see cref="CountingLine"/> for the convention.</summary>
public enum CrossingDirection
{
    /// <summary>From the left side of the directed line A-&gt;B to its right side.</summary>
    In,

    /// <summary>From the right side of the directed line A-&gt;B to its left side.</summary>
    Out,
}
