using System.Diagnostics;
using Streams.Inference;

namespace Streams.Hosting.Benchmarking;

/// <summary>
/// The model alone: a session opened with the pipeline detector's settings, run back to back on a prepared input
/// tensor (no decode, no preprocessing, no postprocessing), as <c>tests/Streams.Benchmarks/InferenceBenchmark</c> does.
/// </summary>
internal static class RawInference
{
    /// <summary>Images per second over <paramref name="window"/> (mean, after two warm-up runs).</summary>
    public static double MeasureFps(string modelPath, int intraOpThreads, int batch, TimeSpan window, CancellationToken cancellationToken)
    {
        // The detector stage's session settings (ModelStages.SessionFor with provider cpu and defaults otherwise).
        InferenceSessionOptions options = InferenceSessionOptions.Default with
        {
            Providers = [ExecutionProviderKind.Cpu],
            IntraOpThreads = intraOpThreads,
        };
        using var model = new PreparedModelRun(modelPath, options, batch);
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
