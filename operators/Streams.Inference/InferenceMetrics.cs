using System.Diagnostics.Metrics;

namespace Streams.Inference;

/// <summary>
/// The inference instruments, on the meter <c>Streams.Inference</c>: time per ONNX Runtime run and images per run, by
/// model. Batch sizes tell whether cross-stream batching fills batches; run time tells what a batch costs.
/// </summary>
public static class InferenceMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Streams.Inference";

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>Milliseconds one run of a model took (the whole batch), tagged <c>model</c>.</summary>
    internal static Histogram<double> RunDuration { get; } =
        s_meter.CreateHistogram<double>("streams.inference.duration", "ms", "Time one ONNX Runtime run took, for the whole batch.");

    /// <summary>Real images (or crops) in one run, padding excluded, tagged <c>model</c>.</summary>
    internal static Histogram<int> BatchSize { get; } =
        s_meter.CreateHistogram<int>("streams.inference.batch_size", "{image}", "Images or crops in one run, padding excluded.");
}
