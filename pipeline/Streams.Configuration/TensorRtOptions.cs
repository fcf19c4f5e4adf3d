using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>A model's <c>tensorrt:</c> section: ONNX Runtime's TensorRT provider settings, used when <c>provider</c> lists tensorrt.</summary>
public sealed record TensorRtOptions : IValidatableOptions
{
    /// <summary>Most GPUs one machine holds; beyond it a device id is a typo.</summary>
    private const int MaxDeviceId = 63;

    /// <summary>The least workspace worth giving TensorRT: below it engines of real models fail to build.</summary>
    private const long MinWorkspace = 1L << 20;

    /// <summary><c>device_id</c>: the GPU as CUDA numbers them, 0..63. Default 0.</summary>
    public int DeviceId { get; init; }

    /// <summary><c>fp16</c>: build float16 engines (about twice as fast on tensor cores). Default false.</summary>
    public bool Fp16 { get; init; }

    /// <summary><c>int8</c>: build int8 engines; needs <c>int8_calibration_table</c> unless the model is quantised. Default false.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "TensorRT's own name for int8 engines.")]
    public bool Int8 { get; init; }

    /// <summary><c>int8_calibration_table</c>: the calibration table file for int8, resolved against the pipeline file's
    /// directory; must exist. Default null.</summary>
    [ConfigPath]
    public string? Int8CalibrationTable { get; init; }

    /// <summary><c>engine_cache_dir</c>: a folder where built engines are kept between starts, resolved against the pipeline
    /// file's directory (created when missing). Default null: engines are rebuilt at every start (minutes for large models).</summary>
    [ConfigPath]
    public string? EngineCacheDir { get; init; }

    /// <summary><c>max_workspace</c>: the most GPU memory TensorRT may use while building an engine, in bytes, at least
    /// 1048576. Default null: ONNX Runtime's choice.</summary>
    public long? MaxWorkspace { get; init; }

    /// <summary><c>timing_cache</c>: a folder for TensorRT's layer timing cache, which makes later engine builds much
    /// faster, resolved against the pipeline file's directory. Default null: none.</summary>
    [ConfigPath]
    public string? TimingCache { get; init; }

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        context.InRange(nameof(DeviceId), DeviceId, 0, MaxDeviceId);
        if (MaxWorkspace is { } workspace)
        {
            context.AtLeast(nameof(MaxWorkspace), workspace, MinWorkspace);
        }

        if (Int8CalibrationTable is not null && !File.Exists(Int8CalibrationTable))
        {
            context.Error(nameof(Int8CalibrationTable), $"file not found: {context.Show(nameof(Int8CalibrationTable), Int8CalibrationTable)}");
        }

        if (Int8CalibrationTable is not null && !Int8)
        {
            context.Error(nameof(Int8CalibrationTable), "a calibration table is only used with int8: true");
        }
    }
}
