namespace Streams.Inference;

/// <summary>How cuDNN picks convolution algorithms (<c>models[].cuda.cudnn_conv_algo_search</c>).</summary>
public enum CudnnConvAlgoSearch
{
    /// <summary>Benchmarks every algorithm once per shape (<c>EXHAUSTIVE</c>, ONNX Runtime's default): fastest runs, slow first run.</summary>
    Exhaustive,

    /// <summary>cuDNN's heuristics (<c>HEURISTIC</c>): quick start, runs may be slower.</summary>
    Heuristic,

    /// <summary>cuDNN's default algorithm (<c>DEFAULT</c>).</summary>
    Default,
}
