using Streams.Inference;

namespace Streams.Hosting.Benchmarking;

/// <summary>
/// The twin of <see cref="PreparedModelRun"/> through this project's facade: the same model, session settings and input
/// pattern, run through <see cref="InferenceSession.Run(InferenceBinding)"/> over tensors bound once, as the detector
/// stage runs its batches. Comparing the two measures what the facade costs over ONNX Runtime's own API.
/// </summary>
public sealed class BoundModelRun : IDisposable
{
    // Dynamic input sides are run at this size, as PreparedModelRun runs them.
    private const int Side = 640;

    private readonly InferenceSession _session;
    private readonly InferenceBinding _binding;
    private readonly List<OrtTensor> _tensors = [];

    /// <summary>Opens <paramref name="modelPath"/> with <paramref name="options"/> and binds a batch of <paramref name="batch"/>.</summary>
    public BoundModelRun(string modelPath, InferenceSessionOptions options, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        _session = InferenceSession.Open(modelPath, options);
        _binding = _session.CreateBinding();
        try
        {
            IReadOnlyList<long> declared = _session.Inputs[0].Shape;
            OrtTensor input = Track(OrtTensor.Allocate(TensorElementType.Float, [batch, 3, Dim(declared[2]), Dim(declared[3])]));
            PreparedModelRun.FillInput(input.GetSpan<float>());

            _binding.BindInput(0, input);
            for (int o = 0; o < _session.Outputs.Count; o++)
            {
                long[] dims = [.. _session.Outputs[o].Shape];
                dims[0] = batch;
                if (Array.TrueForAll(dims, static d => d > 0))
                {
                    _binding.BindOutput(o, Track(OrtTensor.Allocate(_session.Outputs[o].ElementType, dims)));
                }
                else
                {
                    _binding.BindOutputToCpu(o);
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>One run over the bound input.</summary>
    public void Run() => _session.Run(_binding);

    /// <summary>Releases the binding, the tensors and the session.</summary>
    public void Dispose()
    {
        _binding.Dispose();
        foreach (OrtTensor tensor in _tensors)
        {
            tensor.Dispose();
        }

        _session.Dispose();
    }

    private OrtTensor Track(OrtTensor tensor)
    {
        _tensors.Add(tensor);
        return tensor;
    }

    private static long Dim(long d) => d > 0 ? d : Side;
}
