using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>An ONNX Runtime execution provider (<c>models[].provider</c>); a model tries them in the order listed.</summary>
public enum ExecutionProvider
{
    /// <summary>NVIDIA TensorRT: fastest on NVIDIA GPUs, slow first start while engines build.</summary>
    [ConfigName("tensorrt")]
    TensorRT,

    /// <summary>NVIDIA CUDA.</summary>
    Cuda,

    /// <summary>The CPU; always available (the default).</summary>
    Cpu,
}
