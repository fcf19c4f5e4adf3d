using System.Globalization;

namespace Streams.Inference;

/// <summary>Settings of ONNX Runtime's CUDA execution provider; each maps to one of its provider options.</summary>
public sealed record CudaProviderOptions
{
    private readonly int _deviceId;

    /// <summary>The defaults: ONNX Runtime's own.</summary>
    public static CudaProviderOptions Default { get; } = new();

    /// <summary><c>device_id</c>: the GPU, as CUDA numbers them. Default 0.</summary>
    public int DeviceId
    {
        get => _deviceId;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _deviceId = value;
        }
    }

    /// <summary><c>arena_extend_strategy</c>. Default <see cref="CudaArenaExtendStrategy.NextPowerOfTwo"/>.</summary>
    public CudaArenaExtendStrategy ArenaExtendStrategy { get; init; } = CudaArenaExtendStrategy.NextPowerOfTwo;

    /// <summary><c>cudnn_conv_algo_search</c>. Default <see cref="CudnnConvAlgoSearch.Exhaustive"/>.</summary>
    public CudnnConvAlgoSearch CudnnConvAlgoSearch { get; init; } = CudnnConvAlgoSearch.Exhaustive;

    /// <summary><c>use_tf32</c>: TF32 math on Ampere and later (faster float32 matrix products, ~10 mantissa bits).
    /// Default true, as ONNX Runtime's.</summary>
    public bool UseTf32 { get; init; } = true;

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
