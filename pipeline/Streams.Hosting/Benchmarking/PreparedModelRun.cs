using Streams.Inference;

namespace Streams.Hosting.Benchmarking;

/// <summary>
/// A model alone, run again and again: a session, one [N,3,H,W] input filled once with a fixed pattern (the one
/// <c>tests/Streams.Benchmarks/ort-node-reference.mjs</c> uses), and outputs whose dims after the batch are fixed
/// written into tensors allocated once (others ONNX Runtime allocates per run). No decode, preprocessing or
/// postprocessing: the reference raw inference figures are measured on it.
/// </summary>
public sealed class PreparedModelRun : IDisposable
{
    // Dynamic input sides are run at this size.
    private const int Side = 640;

    private readonly InferenceSession _session;
    private readonly OrtTensor _input;
    private readonly OrtTensor[] _inputs;
    private readonly OrtTensor?[] _outputs;
    private readonly OrtTensor?[] _owned;

    /// <summary>Opens <paramref name="modelPath"/> with <paramref name="options"/> and prepares a batch of <paramref name="batch"/>.</summary>
    public PreparedModelRun(string modelPath, InferenceSessionOptions options, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        _session = InferenceSession.Open(modelPath, options);
        try
        {
            TensorInfo inputInfo = _session.Inputs[0];
            _input = OrtTensor.Allocate(TensorElementType.Float, [batch, 3, Dim(inputInfo.Shape[2]), Dim(inputInfo.Shape[3])]);
            Span<float> data = _input.GetSpan<float>();
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (i % 251) / 251f;
            }

            _inputs = [_input];
            _outputs = new OrtTensor?[_session.Outputs.Count];
            _owned = new OrtTensor?[_outputs.Length];
            for (int o = 0; o < _outputs.Length; o++)
            {
                long[] dims = [.. _session.Outputs[o].Shape];
                dims[0] = batch;
                bool fixedDims = true;
                for (int d = 1; d < dims.Length; d++)
                {
                    fixedDims &= dims[d] > 0;
                }

                _owned[o] = fixedDims ? OrtTensor.Allocate(_session.Outputs[o].ElementType, dims) : null;
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        Batch = batch;
    }

    /// <summary>Images per run.</summary>
    public int Batch { get; }

    /// <summary>One run over the prepared input.</summary>
    public void Run()
    {
        for (int o = 0; o < _outputs.Length; o++)
        {
            if (_owned[o] is null)
            {
                _outputs[o]?.Dispose();
            }

            _outputs[o] = _owned[o];
        }

        _session.Run(_inputs, _outputs);
    }

    /// <summary>Releases the tensors and the session.</summary>
    public void Dispose()
    {
        if (_outputs is not null)
        {
            for (int o = 0; o < _outputs.Length; o++)
            {
                (_owned[o] ?? _outputs[o])?.Dispose();
            }
        }

        _input?.Dispose();
        _session.Dispose();
    }

    private static long Dim(long d) => d > 0 ? d : Side;
}
