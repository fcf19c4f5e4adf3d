using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>A model's <c>cuda:</c> section: ONNX Runtime's CUDA provider settings, used when <c>provider</c> lists cuda
/// (or tensorrt, for the nodes TensorRT leaves to CUDA).</summary>
public sealed record CudaOptions : IValidatableOptions
{
    /// <summary>Most GPUs one machine holds; beyond it a device id is a typo.</summary>
    private const int MaxDeviceId = 63;

    /// <summary><c>device_id</c>: the GPU as CUDA numbers them, 0..63. Default 0.</summary>
    public int DeviceId { get; init; }

    /// <summary><c>arena_extend_strategy</c>: <c>next_power_of_two</c> | <c>same_as_requested</c>. Default next_power_of_two.</summary>
    public CudaArenaExtendStrategy ArenaExtendStrategy { get; init; } = CudaArenaExtendStrategy.NextPowerOfTwo;

    /// <summary><c>cudnn_conv_algo_search</c>: <c>exhaustive</c> | <c>heuristic</c> | <c>default</c>. Default exhaustive.</summary>
    public CudnnConvAlgoSearch CudnnConvAlgoSearch { get; init; } = CudnnConvAlgoSearch.Exhaustive;

    /// <summary><c>use_tf32</c>: TF32 matrix math on Ampere and later GPUs. Default true.</summary>
    public bool UseTf32 { get; init; } = true;

    void IValidatableOptions.Validate(OptionsValidation context) => context.InRange(nameof(DeviceId), DeviceId, 0, MaxDeviceId);
}
