namespace Streams.Inference;

/// <summary>How much ONNX Runtime rewrites the graph before running it (<c>GraphOptimizationLevel</c>).</summary>
public enum GraphOptimizationLevel
{
    /// <summary>No rewriting.</summary>
    Disabled = 0,

    /// <summary>Constant folding and redundant-node removal.</summary>
    Basic = 1,

    /// <summary>Basic plus node fusions.</summary>
    Extended = 2,

    /// <summary>Everything, layout changes included: about 1.6x faster than basic on CPU for a conv net.</summary>
    All = 99,
}
