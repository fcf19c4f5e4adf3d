using System.Diagnostics;
using Streams.Inference;

namespace Streams.Hosting.Benchmarking;

/// <summary>
/// The model alone: a session opened with the pipeline detector's settings, run back to back on a prepared input
/// tensor (no decode, no preprocessing, no postprocessing), as <c>tests/Streams.Benchmarks/InferenceBenchmark</c> does.
/// </summary>
internal static class RawInference
{
    private const int Side = 640;

    /// <summary>Images per second over <paramref name="window"/> (mean, after two warm-up runs).</summary>
    public static double MeasureFps(string modelPath, int intraOpThreads, int batch, TimeSpan window, CancellationToken cancellationToken)
    {
        // The detector stage's session settings (ModelStages.SessionFor with provider cpu and defaults otherwise).
        InferenceSessionOptions options = InferenceSessionOptions.Default with
        {
            Providers = [ExecutionProviderKind.Cpu],
            IntraOpThreads = intraOpThreads,
        };
        using InferenceSession session = InferenceSession.Open(modelPath, options);
        TensorInfo inputInfo = session.Inputs[0];
        long[] inputShape = [batch, 3, Dim(inputInfo.Shape[2]), Dim(inputInfo.Shape[3])];
        using OrtTensor input = OrtTensor.Allocate(TensorElementType.Float, inputShape);
        Span<float> data = input.GetSpan<float>();
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (i % 251) / 251f;
        }

        // Outputs with fixed dims after the batch go into tensors allocated once; others ONNX Runtime allocates.
        var outputs = new OrtTensor?[session.Outputs.Count];
        var owned = new OrtTensor?[outputs.Length];
        try
        {
            for (int o = 0; o < outputs.Length; o++)
            {
                long[] dims = [.. session.Outputs[o].Shape];
                dims[0] = batch;
                bool fixedDims = true;
                for (int d = 1; d < dims.Length; d++)
                {
                    fixedDims &= dims[d] > 0;
                }

                owned[o] = fixedDims ? OrtTensor.Allocate(session.Outputs[o].ElementType, dims) : null;
            }

            OrtTensor[] inputs = [input];
            RunOnce(session, inputs, outputs, owned);
            RunOnce(session, inputs, outputs, owned);
            long runs = 0;
            long start = Stopwatch.GetTimestamp();
            while (runs < 3 || Stopwatch.GetElapsedTime(start) < window)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RunOnce(session, inputs, outputs, owned);
                runs++;
            }

            return runs * batch / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            for (int o = 0; o < outputs.Length; o++)
            {
                (owned[o] ?? outputs[o])?.Dispose();
            }
        }
    }

    private static void RunOnce(InferenceSession session, OrtTensor[] inputs, OrtTensor?[] outputs, OrtTensor?[] owned)
    {
        for (int o = 0; o < outputs.Length; o++)
        {
            if (owned[o] is null)
            {
                outputs[o]?.Dispose();
            }

            outputs[o] = owned[o];
        }

        session.Run(inputs, outputs);
    }

    private static long Dim(long d) => d > 0 ? d : Side;
}
