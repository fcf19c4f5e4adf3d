using System.Globalization;
using Streams.Options;

namespace Streams.Inference;

/// <summary>
/// A model's <c>cuda:</c> section: settings of ONNX Runtime's CUDA execution provider, used when <c>provider</c> lists
/// cuda (or tensorrt, for the nodes TensorRT leaves to CUDA). Each property's YAML key is its name in snake_case and
/// maps to the provider option of that name. <see cref="Validate"/> holds the rules; a session checks them when it opens.
/// </summary>
public sealed record CudaProviderOptions : IValidatableOptions
{
    /// <summary>Most GPUs one machine holds; beyond it a device id is a typo.</summary>
    private const int MaxDeviceId = 63;

    /// <summary>The defaults: ONNX Runtime's own.</summary>
    public static CudaProviderOptions Default { get; } = new();

    /// <summary><c>device_id</c>: the GPU, as CUDA numbers them, 0..63. Default 0.</summary>
    public int DeviceId { get; init; }

    /// <summary><c>arena_extend_strategy</c>: <c>next_power_of_two</c> | <c>same_as_requested</c>. Default
    /// <see cref="CudaArenaExtendStrategy.NextPowerOfTwo"/>.</summary>
    public CudaArenaExtendStrategy ArenaExtendStrategy { get; init; } = CudaArenaExtendStrategy.NextPowerOfTwo;

    /// <summary><c>cudnn_conv_algo_search</c>: <c>exhaustive</c> | <c>heuristic</c> | <c>default</c>. Default
    /// <see cref="CudnnConvAlgoSearch.Exhaustive"/>.</summary>
    public CudnnConvAlgoSearch CudnnConvAlgoSearch { get; init; } = CudnnConvAlgoSearch.Exhaustive;

    /// <summary><c>use_tf32</c>: TF32 math on Ampere and later (faster float32 matrix products, ~10 mantissa bits).
    /// Default true, as ONNX Runtime's.</summary>
    public bool UseTf32 { get; init; } = true;

    /// <summary>The device id in 0..63.</summary>
    public void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        validation.InRange(nameof(DeviceId), DeviceId, 0, MaxDeviceId);
    }

    /// <summary>The options as ONNX Runtime's provider option keys and values.</summary>
    public Dictionary<string, string> ToProviderOptions() => new(StringComparer.Ordinal)
    {
        ["device_id"] = DeviceId.ToString(CultureInfo.InvariantCulture),
        ["arena_extend_strategy"] = ArenaExtendStrategy == CudaArenaExtendStrategy.SameAsRequested ? "kSameAsRequested" : "kNextPowerOfTwo",
        ["cudnn_conv_algo_search"] = CudnnConvAlgoSearch switch
        {
            CudnnConvAlgoSearch.Heuristic => "HEURISTIC",
            CudnnConvAlgoSearch.Default => "DEFAULT",
            _ => "EXHAUSTIVE",
        },
        ["use_tf32"] = UseTf32 ? "1" : "0",
    };
}
