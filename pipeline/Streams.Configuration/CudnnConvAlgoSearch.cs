namespace Streams.Configuration;

/// <summary>How cuDNN picks convolution algorithms (<c>models[].cuda.cudnn_conv_algo_search</c>).</summary>
public enum CudnnConvAlgoSearch
{
    /// <summary>Benchmarks every algorithm once per input shape (ONNX Runtime's default): fastest runs, slower first run.</summary>
    Exhaustive,

    /// <summary>cuDNN's heuristics: quick start, runs may be slower.</summary>
    Heuristic,

    /// <summary>cuDNN's default algorithm.</summary>
    Default,
}
