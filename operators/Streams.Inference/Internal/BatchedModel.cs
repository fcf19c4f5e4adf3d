namespace Streams.Inference.Internal;

/// <summary>
/// An image model run in batches over tensors allocated once: the input <c>[N, 3, H, W]</c> (float32 or float16)
/// and its first output, over pinned native memory, with views per batch size for dynamic-batch models. Fixed-batch
/// models always run full, the unused slots zeroed.
/// </summary>
/// <remarks>
/// Steady state allocates nothing: views and their <see cref="InferenceBinding"/> are made once per batch size, the first
/// time it occurs, and each run goes through ONNX Runtime's IOBinding. An output whose dims after the batch are not
/// fixed is allocated by ONNX Runtime on each run (and released on the next). One thread at a time.
/// </remarks>
internal sealed class BatchedModel : IDisposable
{
    private readonly KeyValuePair<string, object?> _modelTag;
    private readonly InferenceSession _session;
    private readonly OrtTensor _input;
    private readonly OrtTensor?[] _inputViews;
    private readonly float[]? _staging;
    private readonly OrtTensor? _output;
    private readonly OrtTensor?[] _outputViews;
    private readonly long[] _outputShape;
    private readonly long[] _viewShape;
    private readonly InferenceBinding?[] _bindings;
    private readonly Dictionary<byte[], (OrtTensor Input, InferenceBinding Binding)> _inPlace = new(ReferenceEqualityComparer.Instance);
    private float[] _halfOutput = [];
    private OrtTensor? _runtimeOutput;
    private OrtTensor? _result;
    private long[] _lastShape = [];
    private int _dirtySlots;

    /// <summary>Checks the model's input and first output and allocates the tensors.</summary>
    /// <exception cref="ModelLoadException">The input or output does not fit an image model, or the sizes disagree.</exception>
    public BatchedModel(InferenceSession session, int maxBatch, int? width, int? height, string name = "model")
    {
        _modelTag = new KeyValuePair<string, object?>("model", name);
        _session = session;
        string model = session.Model;
        if (session.Inputs.Count != 1)
        {
            throw new ModelLoadException(model, $"it has {session.Inputs.Count} inputs; an image model has one ([N,3,H,W])");
        }

        TensorInfo input = session.Inputs[0];
        IReadOnlyList<long> shape = input.Shape;
        if (input.ElementType is not (TensorElementType.Float or TensorElementType.Float16) || shape.Count != 4 || (shape[1] != 3 && shape[1] != -1))
        {
            throw new ModelLoadException(model, $"its input {input} is not an image tensor: float32 or float16 [N,3,H,W] is needed");
        }

        InputWidth = Side(model, input, shape[3], width, "width");
        InputHeight = Side(model, input, shape[2], height, "height");
        IsFixedBatch = shape[0] > 0;
        Capacity = IsFixedBatch ? (int)shape[0] : maxBatch;
        InputType = input.ElementType;
        ImageSize = 3 * InputWidth * InputHeight;

        TensorInfo output = session.Outputs[0];
        if (output.ElementType is not (TensorElementType.Float or TensorElementType.Float16) || output.Shape.Count < 2)
        {
            throw new ModelLoadException(model, $"its first output {output} is not a float32 or float16 tensor with a batch dimension");
        }

        OutputType = output.ElementType;
        _outputShape = [.. output.Shape];
        _outputShape[0] = Capacity;
        bool outputFixed = true;
        for (int i = 1; i < _outputShape.Length; i++)
        {
            outputFixed &= _outputShape[i] > 0;
        }

        _input = OrtTensor.Allocate(InputType, [Capacity, 3, InputHeight, InputWidth]);
        _inputViews = new OrtTensor?[Capacity + 1];
        _outputViews = new OrtTensor?[Capacity + 1];
        _bindings = new InferenceBinding?[Capacity + 1];
        if (InputType == TensorElementType.Float16)
        {
            _staging = new float[Capacity * ImageSize];
        }

        if (outputFixed)
        {
            _output = OrtTensor.Allocate(OutputType, _outputShape);
        }

        _viewShape = [.. _outputShape];
    }

    public string Model => _session.Model;

    public int InputWidth { get; }

    public int InputHeight { get; }

    /// <summary>Images per run: the model's fixed batch, or the maximum asked for.</summary>
    public int Capacity { get; }

    public bool IsFixedBatch { get; }

    public TensorElementType InputType { get; }

    public TensorElementType OutputType { get; }

    /// <summary>Values per image: 3 · H · W.</summary>
    public int ImageSize { get; }

    /// <summary>The first output's declared shape, the batch dim set to <see cref="Capacity"/> (-1 where dynamic).</summary>
    public IReadOnlyList<long> DeclaredOutputShape => _outputShape;

    /// <summary>The shape of the last run's output (batch first).</summary>
    public ReadOnlySpan<long> OutputShape => _lastShape;

    /// <summary>Where image <paramref name="slot"/> of the next run is written (float even for a float16 model).</summary>
    public Span<float> Slot(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Capacity);
        _dirtySlots = Math.Max(_dirtySlots, slot + 1);
        Span<float> all = _staging is null ? _input.GetSpan<float>() : _staging;
        return all.Slice(slot * ImageSize, ImageSize);
    }

    /// <summary>Runs the first <paramref name="count"/> slots (all slots, the rest zeroed, for a fixed-batch model).</summary>
    /// <exception cref="OnnxRuntimeException">The run failed.</exception>
    public void Run(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        int batch = IsFixedBatch ? Capacity : count;
        if (IsFixedBatch && _dirtySlots > count)
        {
            // Padding images are zeros, as nvinfer pads a partial batch.
            Span<float> all = _staging is null ? _input.GetSpan<float>() : _staging;
            all[(count * ImageSize)..(_dirtySlots * ImageSize)].Clear();
        }

        _dirtySlots = count;
        if (_staging is not null)
        {
            HalfConversion.ToHalf(_staging.AsSpan(0, batch * ImageSize), _input.GetSpan<Half>());
        }

        RunBound(_bindings[batch] ??= Bind(batch), batch, count);
    }

    /// <summary>True when one image can be run from an input array of its own (<see cref="RunInPlace"/>): a dynamic-batch float32 model.</summary>
    public bool CanRunInPlace => !IsFixedBatch && InputType == TensorElementType.Float;

    /// <summary>
    /// Runs one image whose float32 input (<see cref="ImageSize"/> values) lies in <paramref name="pinnedInput"/>, a pinned
    /// pooled array, without copying it into the batch tensor; the output is read as after <see cref="Run"/>. Each array
    /// is bound once: pooled arrays come back again and again, and past <see cref="MaxInPlaceBindings"/> the bindings are
    /// made afresh.
    /// </summary>
    public void RunInPlace(byte[] pinnedInput)
    {
        if (!_inPlace.TryGetValue(pinnedInput, out (OrtTensor Input, InferenceBinding Binding) entry))
        {
            if (_inPlace.Count >= MaxInPlaceBindings)
            {
                ClearInPlace();
            }

            OrtTensor input = OrtTensor.WrapPinned(pinnedInput, TensorElementType.Float, [1, 3, InputHeight, InputWidth]);
            InferenceBinding binding;
            try
            {
                binding = Bind(1, input);
            }
            catch
            {
                input.Dispose();
                throw;
            }

            entry = (input, binding);
            _inPlace[pinnedInput] = entry;
        }

        RunBound(entry.Binding, 1, 1);
    }

    private void RunBound(InferenceBinding binding, int batch, int count)
    {
        _runtimeOutput?.Dispose();
        _runtimeOutput = null;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        _session.Run(binding);
        InferenceMetrics.RunDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, _modelTag);
        InferenceMetrics.BatchSize.Record(count, _modelTag);
        OrtTensor result;
        if (_output is null)
        {
            result = _runtimeOutput = binding.TakeOutputs()[0];
        }
        else
        {
            result = batch == Capacity ? _output : _outputViews[batch]!;
        }

        _result = result;
        if (_lastShape.Length != result.Shape.Length)
        {
            _lastShape = new long[result.Shape.Length];
        }

        result.Shape.CopyTo(_lastShape);
        if (OutputType == TensorElementType.Float16)
        {
            ReadOnlySpan<Half> half = result.GetSpan<Half>();
            if (_halfOutput.Length < half.Length)
            {
                _halfOutput = new float[half.Length];
            }

            HalfConversion.ToSingle(half, _halfOutput);
        }
    }

    /// <summary>The last run's output for image <paramref name="item"/> (the dims after the batch, flattened).</summary>
    public ReadOnlySpan<float> Output(int item)
    {
        OrtTensor result = _result ?? throw new InvalidOperationException("The model has not run yet.");
        long perItem = 1;
        for (int i = 1; i < _lastShape.Length; i++)
        {
            perItem *= _lastShape[i];
        }

        ReadOnlySpan<float> all = OutputType == TensorElementType.Float16 ? _halfOutput.AsSpan(0, (int)result.ElementCount) : result.GetSpan<float>();
        return all.Slice(checked((int)(item * perItem)), (int)perItem);
    }

    public void Dispose()
    {
        _runtimeOutput?.Dispose();
        ClearInPlace();
        foreach (InferenceBinding? binding in _bindings)
        {
            binding?.Dispose();
        }

        foreach (OrtTensor? view in _inputViews)
        {
            view?.Dispose();
        }

        foreach (OrtTensor? view in _outputViews)
        {
            view?.Dispose();
        }

        _input.Dispose();
        _output?.Dispose();
    }

    /// <summary>Most arrays bound for <see cref="RunInPlace"/> at once: more than a pool keeps in flight for one detector.</summary>
    private const int MaxInPlaceBindings = 64;

    private void ClearInPlace()
    {
        foreach ((OrtTensor input, InferenceBinding binding) in _inPlace.Values)
        {
            binding.Dispose();
            input.Dispose();
        }

        _inPlace.Clear();
    }

    /// <summary>Binds the input (<paramref name="input"/>, else the batch tensor), and the output when its shape is fixed,
    /// for runs of <paramref name="batch"/> images.</summary>
    private InferenceBinding Bind(int batch, OrtTensor? input = null)
    {
        InferenceBinding binding = _session.CreateBinding();
        try
        {
            binding.BindInput(0, input ?? (batch == Capacity ? _input : View(_inputViews, _input, batch, [batch, 3, InputHeight, InputWidth])));
            if (_output is null)
            {
                binding.BindOutputToCpu(0);
            }
            else
            {
                _viewShape[0] = batch;
                binding.BindOutput(0, batch == Capacity ? _output : View(_outputViews, _output, batch, _viewShape));
            }

            return binding;
        }
        catch
        {
            binding.Dispose();
            throw;
        }
    }

    private static OrtTensor View(OrtTensor?[] cache, OrtTensor tensor, int batch, ReadOnlySpan<long> shape) =>
        cache[batch] ??= tensor.CreateView(shape);

    private static int Side(string model, TensorInfo input, long declared, int? asked, string what)
    {
        if (declared > 0)
        {
            if (asked is { } a && a != declared)
            {
                throw new ModelLoadException(model,
                    $"input {what} mismatch: the model's input {input.Name} {input.ShapeText} has {what} {declared}, the options ask for {a}");
            }

            return (int)declared;
        }

        return asked is > 0 and <= 8192 ? asked.Value
            : throw new ModelLoadException(model, $"its input {input.Name} {input.ShapeText} has a dynamic {what}: set input_{what} in the options");
    }
}
