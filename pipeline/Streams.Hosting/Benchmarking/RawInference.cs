using System.Diagnostics;
using Streams.Inference;

namespace Streams.Hosting.Benchmarking;

/// <summary>
/// The model alone: a session opened with the pipeline detector's settings, run back to back on a prepared input
/// tensor (no decode, no preprocessing, no postprocessing), as <c>tests/Streams.Benchmarks/InferenceBenchmark</c> does.
/// </summary>
internal static class RawInference
{
    /// <summary>Images per second over <paramref name="window"/> (mean, after two warm-up runs), on the provider the
    /// pipeline's detector runs on with <paramref name="options"/>.</summary>
    public static double MeasureFps(string modelPath, InferenceSessionOptions options, ExecutionProviderKind provider, int batch, TimeSpan window,
        CancellationToken cancellationToken)
    {
        using var model = new PreparedModelRun(modelPath, options, batch, provider);
        model.Run();
        model.Run();
        long runs = 0;
        long start = Stopwatch.GetTimestamp();
        while (runs < 3 || Stopwatch.GetElapsedTime(start) < window)
        {
            cancellationToken.ThrowIfCancellationRequested();
            model.Run();
            runs++;
        }

        return runs * batch / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
