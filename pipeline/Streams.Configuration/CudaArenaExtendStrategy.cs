namespace Streams.Configuration;

/// <summary>How the CUDA provider grows its device memory arena (<c>models[].cuda.arena_extend_strategy</c>).</summary>
public enum CudaArenaExtendStrategy
{
    /// <summary>Doubles each time (ONNX Runtime's default): few, large allocations.</summary>
    NextPowerOfTwo,

    /// <summary>Grows by exactly what is asked: the least device memory, more allocations.</summary>
    SameAsRequested,
}
