using System.Globalization;
using Streams.Options;

namespace Streams.Inference;

/// <summary>
/// A model's <c>tensorrt:</c> section: settings of ONNX Runtime's TensorRT execution provider, used when <c>provider</c>
/// lists tensorrt. Each property's YAML key is its name in snake_case (<see cref="TimingCacheDir"/>'s is
/// <c>timing_cache</c>); each maps to one of the provider's options. From a pipeline file the paths are resolved against
/// its directory. <see cref="Validate"/> holds the rules; a session checks them when it opens.
/// </summary>
public sealed record TensorRtProviderOptions : IValidatableOptions
{
    /// <summary>Most GPUs one machine holds; beyond it a device id is a typo.</summary>
    private const int MaxDeviceId = 63;

    /// <summary>The least workspace worth giving TensorRT: below it engines of real models fail to build.</summary>
    private const long MinWorkspace = 1L << 20;

    /// <summary>The defaults: ONNX Runtime's own, no caches.</summary>
    public static TensorRtProviderOptions Default { get; } = new();

    /// <summary><c>device_id</c>: the GPU, as CUDA numbers them, 0..63. Default 0.</summary>
    public int DeviceId { get; init; }

    /// <summary><c>fp16</c> (<c>trt_fp16_enable</c>): float16 engines, about twice as fast on tensor cores. Default false.</summary>
    public bool Fp16 { get; init; }

    /// <summary><c>int8</c> (<c>trt_int8_enable</c>): int8 engines; needs <see cref="Int8CalibrationTable"/> unless the
    /// model is quantised. Default false.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "TensorRT's own name for int8 engines.")]
    public bool Int8 { get; init; }

    /// <summary><c>int8_calibration_table</c> (<c>trt_int8_calibration_table_name</c>): the calibration table file for
    /// <see cref="Int8"/>; must exist. Default null.</summary>
    [ConfigPath]
    public string? Int8CalibrationTable { get; init; }

    /// <summary><c>engine_cache_dir</c> (<c>trt_engine_cache_path</c>, with <c>trt_engine_cache_enable</c>): a folder
    /// where built engines are kept between runs, created when missing. Default null: engines are rebuilt at every
    /// start, which takes minutes for large models.</summary>
    [ConfigPath]
    public string? EngineCacheDir { get; init; }

    /// <summary><c>max_workspace</c> (<c>trt_max_workspace_size</c>): the most device memory, in bytes, TensorRT may use
    /// while building, at least 1048576. Default null: ONNX Runtime's default (all the device has).</summary>
    public long? MaxWorkspace { get; init; }

    /// <summary><c>timing_cache</c> (<c>trt_timing_cache_path</c>, with <c>trt_timing_cache_enable</c>): a folder for
    /// TensorRT's layer timing cache, which makes later engine builds much faster. Default null: no timing cache.</summary>
    [ConfigPath]
    [ConfigName("timing_cache")]
    public string? TimingCacheDir { get; init; }

    /// <summary>The device id in 0..63, a workspace of at least 1 MiB, a calibration table that exists and only with int8.</summary>
    public void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        validation.InRange(nameof(DeviceId), DeviceId, 0, MaxDeviceId);
        if (MaxWorkspace is { } workspace)
        {
            validation.AtLeast(nameof(MaxWorkspace), workspace, MinWorkspace);
        }

        if (Int8CalibrationTable is not null && !File.Exists(Int8CalibrationTable))
        {
            validation.Error(nameof(Int8CalibrationTable), $"file not found: {validation.Show(nameof(Int8CalibrationTable), Int8CalibrationTable)}");
        }

        if (Int8CalibrationTable is not null && !Int8)
        {
            validation.Error(nameof(Int8CalibrationTable), "a calibration table is only used with int8: true");
        }
    }

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
