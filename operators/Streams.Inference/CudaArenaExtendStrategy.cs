namespace Streams.Inference;

/// <summary>How the CUDA provider grows its device memory arena (<c>models[].cuda.arena_extend_strategy</c>).</summary>
public enum CudaArenaExtendStrategy
{
    /// <summary>Doubles each time (<c>kNextPowerOfTwo</c>, ONNX Runtime's default): few, large allocations.</summary>
    NextPowerOfTwo,

    /// <summary>Grows by exactly what is asked (<c>kSameAsRequested</c>): the least device memory, more allocations.</summary>
    SameAsRequested,
}
