namespace Streams.Inference;

/// <summary>Where ONNX Runtime runs a model.</summary>
public enum ExecutionProviderKind
{
    /// <summary>NVIDIA TensorRT (needs ONNX Runtime's TensorRT and CUDA provider libraries, CUDA, cuDNN and TensorRT).</summary>
    TensorRt,

    /// <summary>NVIDIA CUDA (needs ONNX Runtime's CUDA provider libraries, CUDA 12 and cuDNN 9).</summary>
    Cuda,

    /// <summary>The CPU: always available.</summary>
    Cpu,
}
