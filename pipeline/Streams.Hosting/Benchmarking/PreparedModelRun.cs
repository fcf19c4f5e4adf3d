using Streams.Inference;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Streams.Hosting.Benchmarking;

/// <summary>
/// A model alone, run again and again through ONNX Runtime's own managed API (<c>Microsoft.ML.OnnxRuntime</c>, its plain
/// <c>InferenceSession.Run</c> with preallocated outputs), with the session settings the pipeline's detector gets: one
/// [N,3,H,W] input filled once with a fixed pattern, and outputs whose dims after the batch are fixed written into values
/// allocated once (others ONNX Runtime allocates per run). No decode, preprocessing or postprocessing, and none of this
/// project's binding: the reference raw inference figures are measured on it.
/// </summary>
public sealed class PreparedModelRun : IDisposable
{
    // Dynamic input sides are run at this size.
    private const int Side = 640;

    private readonly Ort.InferenceSession _session;
    private readonly Ort.RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly Ort.OrtValue[] _inputs;
    private readonly Ort.OrtValue[]? _outputs;

    /// <summary>Opens <paramref name="modelPath"/> on <paramref name="provider"/> with <paramref name="options"/>' threads,
    /// graph and provider settings and prepares a batch of <paramref name="batch"/>.</summary>
    public PreparedModelRun(string modelPath, InferenceSessionOptions options, int batch, ExecutionProviderKind provider = ExecutionProviderKind.Cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        using (Ort.SessionOptions sessionOptions = InferenceSession.CreateSessionOptions(options, provider))
        {
            _session = new Ort.InferenceSession(modelPath, sessionOptions);
        }

        try
        {
            _inputNames = [_session.InputNames[0]];
            int[] declared = _session.InputMetadata[_inputNames[0]].Dimensions;
            long[] shape = [batch, 3, Dim(declared[2]), Dim(declared[3])];
            var data = new float[shape[0] * shape[1] * shape[2] * shape[3]];
            FillInput(data);

            _inputs = [Ort.OrtValue.CreateTensorValueFromMemory(data, shape)];
            _outputNames = [.. _session.OutputNames];
            var outputs = new Ort.OrtValue[_outputNames.Length];
            bool allFixed = true;
            for (int o = 0; o < outputs.Length && allFixed; o++)
            {
                Ort.NodeMetadata output = _session.OutputMetadata[_outputNames[o]];
                long[] dims = new long[output.Dimensions.Length];
                dims[0] = batch;
                for (int d = 1; d < dims.Length; d++)
                {
                    dims[d] = output.Dimensions[d];
                    allFixed &= dims[d] > 0;
                }

                if (allFixed)
                {
                    outputs[o] = Ort.OrtValue.CreateAllocatedTensorValue(Ort.OrtAllocator.DefaultInstance, output.ElementDataType, dims);
                }
            }

            if (allFixed)
            {
                _outputs = outputs;
            }
            else
            {
                foreach (Ort.OrtValue? value in outputs)
                {
                    value?.Dispose();
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        Batch = batch;
    }

    /// <summary>The input every reference run sees (<see cref="BoundModelRun"/>'s too): a fixed, non-constant pattern.</summary>
    internal static void FillInput(Span<float> input)
    {
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (i % 251) / 251f;
        }
    }

    /// <summary>Images per run.</summary>
    public int Batch { get; }

    /// <summary>One run over the prepared input.</summary>
    public void Run()
    {
        if (_outputs is not null)
        {
            _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);
            return;
        }

        using Ort.IDisposableReadOnlyCollection<Ort.OrtValue> results = _session.Run(_runOptions, _inputNames, _inputs, _outputNames);
    }

    /// <summary>Releases the values and the session.</summary>
    public void Dispose()
    {
        foreach (Ort.OrtValue? value in (IEnumerable<Ort.OrtValue?>?)_outputs ?? [])
        {
            value?.Dispose();
        }

        foreach (Ort.OrtValue? value in (IEnumerable<Ort.OrtValue?>?)_inputs ?? [])
        {
            value?.Dispose();
        }

        _session?.Dispose();
        _runOptions.Dispose();
    }

    private static long Dim(int d) => d > 0 ? d : Side;
}
