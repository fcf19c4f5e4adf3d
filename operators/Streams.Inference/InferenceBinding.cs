using Ort = Microsoft.ML.OnnxRuntime;

namespace Streams.Inference;

/// <summary>
/// A model's inputs and outputs bound once to tensors (ONNX Runtime's <c>OrtIoBinding</c>), so that
/// <see cref="InferenceSession.Run(InferenceBinding)"/> allocates nothing: bind at start-up, run per batch.
/// </summary>
/// <remarks>
/// The binding does not own the tensors bound to it: they must outlive it. Outputs bound with
/// <see cref="BindOutputToCpu"/> are allocated by ONNX Runtime at each run (for outputs whose shape is known only
/// then) and read with <see cref="TakeOutputs"/>. Dispose before the session.
/// </remarks>
public sealed class InferenceBinding : IDisposable
{
    private readonly InferenceSession _session;
    private readonly Ort.OrtIoBinding _binding;

    internal InferenceBinding(InferenceSession session, Ort.OrtIoBinding binding)
    {
        _session = session;
        _binding = binding;
    }

    internal Ort.OrtIoBinding Value => _binding;

    /// <summary>Binds input <paramref name="input"/> (by the session's input order) to <paramref name="tensor"/>.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime refused the tensor.</exception>
    public void BindInput(int input, OrtTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        string name = _session.Inputs[input].Name;
        OnnxRuntime.Call(() => _binding.BindInput(name, tensor.Value), $"Model '{_session.Model}': binding input {name}");
    }

    /// <summary>Binds output <paramref name="output"/> to <paramref name="tensor"/>, which each run writes in place
    /// (its shape must be the one the model produces).</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime refused the tensor.</exception>
    public void BindOutput(int output, OrtTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        string name = _session.Outputs[output].Name;
        OnnxRuntime.Call(() => _binding.BindOutput(name, tensor.Value), $"Model '{_session.Model}': binding output {name}");
    }

    /// <summary>Binds output <paramref name="output"/> to memory ONNX Runtime allocates on the CPU at each run.</summary>
    public void BindOutputToCpu(int output)
    {
        string name = _session.Outputs[output].Name;
        OnnxRuntime.Call(() => _binding.BindOutputToDevice(name, Ort.OrtMemoryInfo.DefaultInstance),
            $"Model '{_session.Model}': binding output {name}");
    }

    /// <summary>The last run's outputs, in the order they were bound, as tensors the caller disposes.</summary>
    public OrtTensor[] TakeOutputs()
    {
        // Each value moves into a tensor of its own, which releases it; disposing the collection would release them all.
        Ort.IDisposableReadOnlyCollection<Ort.OrtValue> values = _binding.GetOutputValues();
        var tensors = new OrtTensor[values.Count];
        for (int i = 0; i < tensors.Length; i++)
        {
            tensors[i] = OrtTensor.FromRuntime(values[i]);
        }

        return tensors;
    }

    /// <summary>Releases the binding (not the tensors bound).</summary>
    public void Dispose() => _binding.Dispose();
}
