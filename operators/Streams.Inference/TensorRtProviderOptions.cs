using System.Globalization;

namespace Streams.Inference;

/// <summary>Settings of ONNX Runtime's TensorRT execution provider; each maps to one of its provider options.</summary>
public sealed record TensorRtProviderOptions
{
    private readonly int _deviceId;
    private readonly long? _maxWorkspace;

    /// <summary>The defaults: ONNX Runtime's own, no caches.</summary>
    public static TensorRtProviderOptions Default { get; } = new();

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

    /// <summary><c>trt_fp16_enable</c>: float16 engines, about twice as fast on tensor cores. Default false.</summary>
    public bool Fp16 { get; init; }

    /// <summary><c>trt_int8_enable</c>: int8 engines; needs <see cref="Int8CalibrationTable"/> unless the model is quantised. Default false.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "TensorRT's own name for int8 engines.")]
    public bool Int8 { get; init; }

    /// <summary><c>trt_int8_calibration_table_name</c>: the calibration table for <see cref="Int8"/>. Default null.</summary>
    public string? Int8CalibrationTable { get; init; }

    /// <summary><c>trt_engine_cache_path</c> (with <c>trt_engine_cache_enable</c>): a folder where built engines are kept
    /// between runs. Default null: engines are rebuilt at every start, which takes minutes for large models.</summary>
    public string? EngineCacheDir { get; init; }

    /// <summary><c>trt_max_workspace_size</c>: the most device memory, in bytes, TensorRT may use while building.
    /// Default null: ONNX Runtime's default (all the device has).</summary>
    public long? MaxWorkspace
    {
        get => _maxWorkspace;
        init
        {
            if (value is { } bytes)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
            }

            _maxWorkspace = value;
        }
    }

    /// <summary><c>trt_timing_cache_path</c> (with <c>trt_timing_cache_enable</c>): a folder for TensorRT's layer timing
    /// cache, which makes later engine builds much faster. Default null: no timing cache.</summary>
    public string? TimingCacheDir { get; init; }

    /// <summary>The options as ONNX Runtime's provider option keys and values (only those that differ from its defaults,
    /// besides the device).</summary>
    public Dictionary<string, string> ToProviderOptions()
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["device_id"] = DeviceId.ToString(CultureInfo.InvariantCulture),
        };
        if (Fp16)
        {
            options["trt_fp16_enable"] = "1";
        }

        if (Int8)
        {
            options["trt_int8_enable"] = "1";
        }

        if (Int8CalibrationTable is { Length: > 0 } table)
        {
            options["trt_int8_calibration_table_name"] = table;
        }

        if (EngineCacheDir is { Length: > 0 } engines)
        {
            options["trt_engine_cache_enable"] = "1";
            options["trt_engine_cache_path"] = engines;
        }

        if (MaxWorkspace is { } bytes)
        {
            options["trt_max_workspace_size"] = bytes.ToString(CultureInfo.InvariantCulture);
        }

        if (TimingCacheDir is { Length: > 0 } timing)
        {
            options["trt_timing_cache_enable"] = "1";
            options["trt_timing_cache_path"] = timing;
        }

        return options;
    }
}
