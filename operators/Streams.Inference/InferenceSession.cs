using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Inference.Internal;
using Streams.Options;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Streams.Inference;

/// <summary>
/// One loaded ONNX model on ONNX Runtime (<c>Microsoft.ML.OnnxRuntime</c>): its inputs, outputs and metadata as the model
/// declares them, and runs over bound tensors.
/// </summary>
/// <remarks>
/// <para>Opening tries the execution providers in the order of <see cref="InferenceSessionOptions.Providers"/>: the
/// first that loads runs the model, and one line names it and every provider skipped with its reason. A GPU provider
/// whose NVIDIA libraries are missing is skipped with each of them named, without asking ONNX Runtime. Every problem at
/// opening is a <see cref="ModelLoadException"/> naming the model.</para>
/// <para>A session may be run from one thread at a time (a stage owns its sessions); <see cref="Terminate"/> may be
/// called from any thread.</para>
/// </remarks>
public sealed class InferenceSession : IDisposable
{
    private readonly Ort.InferenceSession _session;
    private readonly Ort.RunOptions _runOptions = new();
    private readonly string _runContext;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private InferenceSession(string model, Ort.InferenceSession session, ExecutionProviderKind provider, IReadOnlyList<string> skipped)
    {
        Model = model;
        _session = session;
        Provider = provider;
        SkippedProviders = skipped;
        _runContext = $"Model '{model}': run failed";
        _inputNames = [.. session.InputNames];
        _outputNames = [.. session.OutputNames];
        Inputs = ReadInfos(_inputNames, session.InputMetadata);
        Outputs = ReadInfos(_outputNames, session.OutputMetadata);
        Ort.ModelMetadata metadata = session.ModelMetadata;
        Producer = metadata.ProducerName;
        Metadata = new Dictionary<string, string>(metadata.CustomMetadataMap, StringComparer.Ordinal);
    }

    /// <summary>The model's path, or its name when loaded from memory.</summary>
    public string Model { get; }

    /// <summary>The execution provider running the model.</summary>
    public ExecutionProviderKind Provider { get; }

    /// <summary>Preferred providers that could not be used, each as "name: reason".</summary>
    public IReadOnlyList<string> SkippedProviders { get; }

    /// <summary>The model's inputs, in order.</summary>
    public IReadOnlyList<TensorInfo> Inputs { get; }

    /// <summary>The model's outputs, in order.</summary>
    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>The model's producer (e.g. "pytorch").</summary>
    public string Producer { get; }

    /// <summary>The model's custom metadata (Ultralytics writes <c>names</c>, <c>imgsz</c>, <c>task</c>, <c>stride</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Loads a model file.</summary>
    /// <exception cref="ModelLoadException">The file is missing, empty, not ONNX, or no listed provider could run it.</exception>
    /// <exception cref="ArgumentException">The session or provider settings break one of their rules.</exception>
    public static InferenceSession Open(string modelPath, InferenceSessionOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new ModelLoadException(modelPath, Directory.Exists(modelPath) ? "the path is a folder, not an .onnx file" : "file not found");
        }

        if (new FileInfo(modelPath).Length == 0)
        {
            throw new ModelLoadException(modelPath, "the file is empty");
        }

        string path = Path.GetFullPath(modelPath);
        return Create(modelPath, options, logger, so => new Ort.InferenceSession(path, so));
    }

    /// <summary>Loads a model held in memory; <paramref name="name"/> stands for it in messages.</summary>
    /// <exception cref="ModelLoadException">The bytes are not ONNX, or no listed provider could run them.</exception>
    /// <exception cref="ArgumentException">The session or provider settings break one of their rules.</exception>
    public static InferenceSession Open(ReadOnlyMemory<byte> model, string name, InferenceSessionOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (model.IsEmpty)
        {
            throw new ModelLoadException(name, "the model is empty");
        }

        byte[] bytes = model.ToArray();
        return Create(name, options, logger, so => new Ort.InferenceSession(bytes, so));
    }

    /// <summary>
    /// ONNX Runtime's session options for <paramref name="options"/> with <paramref name="provider"/> appended (and CUDA
    /// after TensorRT when the options list both): threads, graph optimisation, execution mode, spinning and provider
    /// settings exactly as a session opened here on that provider gets them. For code that runs ONNX Runtime's own API
    /// beside this facade (reference benchmarks); the caller disposes them.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime cannot append the provider.</exception>
    /// <exception cref="ArgumentException">The session or provider settings break one of their rules.</exception>
    public static Ort.SessionOptions CreateSessionOptions(InferenceSessionOptions options, ExecutionProviderKind provider = ExecutionProviderKind.Cpu)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfInvalid(options);
        Ort.SessionOptions so = CreateBaseOptions(options);
        try
        {
            AppendProvider(so, provider, options, options.Providers);
            return so;
        }
        catch
        {
            so.Dispose();
            throw;
        }
    }

    private static Ort.SessionOptions CreateBaseOptions(InferenceSessionOptions options)
    {
        OnnxRuntime.Initialize();
        var so = new Ort.SessionOptions();
        try
        {
            so.GraphOptimizationLevel = (Ort.GraphOptimizationLevel)options.GraphOptimization;
            so.IntraOpNumThreads = options.IntraOpThreads;
            so.InterOpNumThreads = options.InterOpThreads;
            so.ExecutionMode = options.ParallelExecution ? Ort.ExecutionMode.ORT_PARALLEL : Ort.ExecutionMode.ORT_SEQUENTIAL;
            so.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
            return so;
        }
        catch
        {
            so.Dispose();
            throw;
        }
    }

    /// <summary>A binding of this session's inputs and outputs to tensors, for allocation-free runs; the caller disposes it.</summary>
    public InferenceBinding CreateBinding() =>
        new(this, OnnxRuntime.Call(_session.CreateIoBinding, $"Model '{Model}': creating an input/output binding"));

    /// <summary>Runs the model over the tensors bound in <paramref name="binding"/>; allocates nothing for tensors bound
    /// to memory of ours.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed; the message names the model.</exception>
    /// <exception cref="OperationCanceledException"><see cref="Terminate"/> ended the run.</exception>
    public void Run(InferenceBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        try
        {
            _session.RunWithBinding(_runOptions, binding.Value);
        }
        catch (Ort.OnnxRuntimeException ex) when (_runOptions.Terminate)
        {
            throw new OperationCanceledException($"Model '{Model}': the run was terminated.", ex);
        }
        catch (Ort.OnnxRuntimeException ex)
        {
            throw OnnxRuntime.Translate(ex, _runContext);
        }
    }

    /// <summary>
    /// Runs the model once over <paramref name="inputs"/> (in <see cref="Inputs"/> order). An output tensor given is
    /// written in place (its shape must be the one the model produces); a null entry is filled with a tensor ONNX Runtime
    /// allocated, which the caller disposes. Binds afresh on every call: for repeated runs bind once
    /// (<see cref="CreateBinding"/>) and call <see cref="Run(InferenceBinding)"/>.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed; the message names the model.</exception>
    public void Run(ReadOnlySpan<OrtTensor> inputs, Span<OrtTensor?> outputs)
    {
        if (inputs.Length != _inputNames.Length || outputs.Length != _outputNames.Length)
        {
            throw new ArgumentException(
                $"Model '{Model}' takes {_inputNames.Length} inputs and gives {_outputNames.Length} outputs; {inputs.Length} and {outputs.Length} were passed.");
        }

        using InferenceBinding binding = CreateBinding();
        for (int i = 0; i < inputs.Length; i++)
        {
            binding.BindInput(i, inputs[i]);
        }

        bool allocates = false;
        for (int o = 0; o < outputs.Length; o++)
        {
            if (outputs[o] is { } given)
            {
                binding.BindOutput(o, given);
            }
            else
            {
                binding.BindOutputToCpu(o);
                allocates = true;
            }
        }

        Run(binding);
        if (allocates)
        {
            // Outputs come back in the order they were bound, which is output order here.
            OrtTensor[] results = binding.TakeOutputs();
            for (int o = 0; o < outputs.Length; o++)
            {
                if (outputs[o] is null)
                {
                    outputs[o] = results[o];
                }
                else
                {
                    results[o].Dispose();
                }
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="stop"/> <see cref="Terminate"/> the session: a stage registers its stop token around its
    /// runs, so that a forced stop ends the run in flight instead of waiting for it. Dispose the registration after.
    /// </summary>
    public CancellationTokenRegistration TerminateOn(CancellationToken stop) =>
        stop.UnsafeRegister(static session => ((InferenceSession)session!).Terminate(), this);

    /// <summary>
    /// Ends the run in flight (ONNX Runtime's <c>RunOptions.Terminate</c>) and every later one: for a forced stop, after
    /// which the session is only disposed. Safe from any thread.
    /// </summary>
    public void Terminate() => _runOptions.Terminate = true;

    /// <summary>Releases the session.</summary>
    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>The provider's name as <c>models[].provider</c> spells it: tensorrt, cuda, cpu.</summary>
    public static string NameOf(ExecutionProviderKind provider) =>
        typeof(ExecutionProviderKind).GetField(provider.ToString())?.GetCustomAttribute<ConfigNameAttribute>()?.Name
        ?? provider.ToString().ToLowerInvariant();

    /// <summary>The provider <paramref name="name"/> spells as <see cref="NameOf"/> does; false for no provider.</summary>
    public static bool TryParseProvider(string name, out ExecutionProviderKind provider)
    {
        foreach (ExecutionProviderKind candidate in Enum.GetValues<ExecutionProviderKind>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.Ordinal))
            {
                provider = candidate;
                return true;
            }
        }

        provider = default;
        return false;
    }

    private static InferenceSession Create(string model, InferenceSessionOptions? options, ILogger? logger, Func<Ort.SessionOptions, Ort.InferenceSession> open)
    {
        options ??= InferenceSessionOptions.Default;
        ThrowIfInvalid(options);
        logger ??= NullLogger.Instance;
        try
        {
            OnnxRuntime.Initialize(logger);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException(model, ex.Message, ex);
        }

        string? runtimeDirectory = Path.GetDirectoryName(OnnxRuntime.LibraryPath);
        var skipped = new List<string>();
        Exception? lastError = null;
        IReadOnlyList<ExecutionProviderKind> providers = options.Providers;
        for (int i = 0; i < providers.Count; i++)
        {
            ExecutionProviderKind provider = providers[i];
            if (provider != ExecutionProviderKind.Cpu && ProviderLibraries.Missing(provider, runtimeDirectory) is { Count: > 0 } missing)
            {
                Skip(model, provider, $"missing {string.Join(", ", missing)} (needs {ProviderLibraries.Requirement(provider)})", skipped, logger);
                continue;
            }

            Ort.InferenceSession? session = null;
            using (Ort.SessionOptions sessionOptions = CreateBaseOptions(options))
            {
                try
                {
                    AppendProvider(sessionOptions, provider, options, providers);
                }
                catch (OnnxRuntimeException ex)
                {
                    Skip(model, provider, ex.NativeMessage, skipped, logger);
                    lastError = ex;
                    continue;
                }

                try
                {
                    session = open(sessionOptions);
                }
                catch (Ort.OnnxRuntimeException ex) when (provider != ExecutionProviderKind.Cpu && i < providers.Count - 1)
                {
                    OnnxRuntimeException error = OnnxRuntime.Translate(ex, $"Model '{model}': creating the session");
                    Skip(model, provider, error.NativeMessage, skipped, logger);
                    lastError = error;
                    continue;
                }
                catch (Ort.OnnxRuntimeException ex)
                {
                    OnnxRuntimeException error = OnnxRuntime.Translate(ex, $"Model '{model}': ONNX Runtime cannot load it");
                    throw new ModelLoadException(model, $"ONNX Runtime cannot load it: {error.NativeMessage}", error);
                }
            }

            try
            {
                var created = new InferenceSession(model, session, provider, skipped);
                LogCreated(logger, created, options, providers);
                return created;
            }
            catch (Ort.OnnxRuntimeException ex)
            {
                session.Dispose();
                throw new ModelLoadException(model, $"its inputs and outputs cannot be read: {ex.Message}", ex);
            }
        }

        string reasons = string.Join("; ", skipped);
        throw lastError is null
            ? new ModelLoadException(model, $"no execution provider of [{string.Join(", ", NameList(providers))}] could run it: {reasons}")
            : new ModelLoadException(model, $"no execution provider of [{string.Join(", ", NameList(providers))}] could run it: {reasons}", lastError);
    }

    /// <summary>The rules of the session's settings and its providers', checked before ONNX Runtime sees them.</summary>
    private static void ThrowIfInvalid(InferenceSessionOptions options)
    {
        OptionsValidator.ThrowIfInvalid(options, nameof(options));
        OptionsValidator.ThrowIfInvalid(options.Cuda, nameof(options));
        OptionsValidator.ThrowIfInvalid(options.TensorRt, nameof(options));
    }

    private static void AppendProvider(Ort.SessionOptions so, ExecutionProviderKind provider, InferenceSessionOptions options,
        IReadOnlyList<ExecutionProviderKind> providers)
    {
        switch (provider)
        {
            case ExecutionProviderKind.Cpu:
                // ONNX Runtime always registers the CPU provider itself, last.
                return;
            case ExecutionProviderKind.Cuda:
                AppendCuda(so, options.Cuda);
                return;
            case ExecutionProviderKind.TensorRt:
                // TensorRT writes its caches into these folders but does not make them.
                foreach (string? folder in (string?[])[options.TensorRt.EngineCacheDir, options.TensorRt.TimingCacheDir])
                {
                    if (!string.IsNullOrEmpty(folder))
                    {
                        Directory.CreateDirectory(folder);
                    }
                }

                using (var tensorRt = new Ort.OrtTensorRTProviderOptions())
                {
                    OnnxRuntime.Call(() => tensorRt.UpdateOptions(options.TensorRt.ToProviderOptions()), "setting TensorRT provider options");
                    OnnxRuntime.Call(() => so.AppendExecutionProvider_Tensorrt(tensorRt), "appending the TensorRT execution provider");
                }

                if (Contains(providers, ExecutionProviderKind.Cuda))
                {
                    // ONNX Runtime's advice: CUDA after TensorRT runs the nodes TensorRT cannot, rather than the CPU.
                    AppendCuda(so, options.Cuda);
                }

                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown execution provider.");
        }
    }

    private static void AppendCuda(Ort.SessionOptions so, CudaProviderOptions options)
    {
        using var cuda = new Ort.OrtCUDAProviderOptions();
        OnnxRuntime.Call(() => cuda.UpdateOptions(options.ToProviderOptions()), "setting CUDA provider options");
        OnnxRuntime.Call(() => so.AppendExecutionProvider_CUDA(cuda), "appending the CUDA execution provider");
    }

    private static void Skip(string model, ExecutionProviderKind provider, string reason, List<string> skipped, ILogger logger)
    {
        string name = NameOf(provider);
        skipped.Add($"{name}: {reason}");
        logger.LogWarning(InferenceLogEvents.ProviderSkipped, "Model {Model}: execution provider {Provider} skipped: {Reason}", model, name, reason);
    }

    private static void LogCreated(ILogger logger, InferenceSession session, InferenceSessionOptions options, IReadOnlyList<ExecutionProviderKind> providers)
    {
        string why = session.SkippedProviders.Count == 0
            ? (providers.Count == 1 ? "the only provider listed" : "the first provider listed")
            : $"fallback: {string.Join("; ", session.SkippedProviders)}";
        logger.LogInformation(InferenceLogEvents.SessionCreated,
            "Model {Model} runs on {Provider} ({Why}); intra-op threads {Threads}, graph optimisation {Level}, spinning {Spinning}",
            session.Model, NameOf(session.Provider), why, options.IntraOpThreads == 0 ? "auto" : options.IntraOpThreads,
            options.GraphOptimization, options.AllowSpinning ? "on" : "off");
    }

    private static List<string> NameList(IReadOnlyList<ExecutionProviderKind> providers)
    {
        var names = new List<string>(providers.Count);
        foreach (ExecutionProviderKind p in providers)
        {
            names.Add(NameOf(p));
        }

        return names;
    }

    private static bool Contains(IReadOnlyList<ExecutionProviderKind> providers, ExecutionProviderKind kind)
    {
        foreach (ExecutionProviderKind p in providers)
        {
            if (p == kind)
            {
                return true;
            }
        }

        return false;
    }

    private static TensorInfo[] ReadInfos(string[] names, IReadOnlyDictionary<string, Ort.NodeMetadata> metadata)
    {
        var infos = new TensorInfo[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            Ort.NodeMetadata node = metadata[names[i]];
            if (!node.IsTensor)
            {
                infos[i] = new TensorInfo(names[i], TensorElementType.Undefined, [], []);
                continue;
            }

            int[] dims = node.Dimensions;
            var shape = new long[dims.Length];
            for (int d = 0; d < dims.Length; d++)
            {
                shape[d] = dims[d];
            }

            string[] symbolic = node.SymbolicDimensions ?? [];
            var dimNames = new string[dims.Length];
            for (int d = 0; d < dims.Length; d++)
            {
                dimNames[d] = d < symbolic.Length ? symbolic[d] ?? string.Empty : string.Empty;
            }

            infos[i] = new TensorInfo(names[i], (TensorElementType)node.ElementDataType, shape, dimNames);
        }

        return infos;
    }
}
