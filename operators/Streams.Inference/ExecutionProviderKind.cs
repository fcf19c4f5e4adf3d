using Streams.Options;

namespace Streams.Inference;

/// <summary>Where ONNX Runtime runs a model (<c>models[].provider</c>); a model tries them in the order listed.</summary>
public enum ExecutionProviderKind
{
    /// <summary>NVIDIA TensorRT: fastest on NVIDIA GPUs, slow first start while engines build (needs ONNX Runtime's
    /// TensorRT and CUDA provider libraries, CUDA, cuDNN and TensorRT).</summary>
    [ConfigName("tensorrt")]
    TensorRt,

    /// <summary>NVIDIA CUDA (needs ONNX Runtime's CUDA provider libraries, CUDA 12 and cuDNN 9).</summary>
    Cuda,

    /// <summary>The CPU: always available (the default).</summary>
    Cpu,
}
