using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Inference.Interop;

namespace Streams.Inference;

/// <summary>
/// One loaded ONNX model: its inputs, outputs and metadata as the model declares them, and <see cref="Run"/>.
/// </summary>
/// <remarks>
/// <para>Opening tries the execution providers in the order of <see cref="InferenceSessionOptions.Providers"/>:
/// the first that loads runs the model, and one line names it and every provider skipped with ONNX Runtime's reason.
/// Every problem at opening is a <see cref="ModelLoadException"/> naming the model.</para>
/// <para>A session may be run from one thread at a time (a stage owns its sessions).</para>
/// </remarks>
public sealed class InferenceSession : IDisposable
{
    private readonly OrtSessionHandle _session;
    private readonly byte[][] _names;
    private readonly IntPtr[] _inputNames;
    private readonly IntPtr[] _outputNames;
    private readonly string _runContext;

    private InferenceSession(string model, OrtSessionHandle session, ExecutionProviderKind provider, IReadOnlyList<string> skipped)
    {
        Model = model;
        _session = session;
        Provider = provider;
        SkippedProviders = skipped;
        _runContext = $"Model '{model}': run failed";
        Inputs = ReadInfos(session, output: false);
        Outputs = ReadInfos(session, output: true);
        (Producer, Dictionary<string, string> custom) = OrtNative.GetMetadata(session);
        Metadata = custom;

        _names = new byte[Inputs.Count + Outputs.Count][];
        _inputNames = new IntPtr[Inputs.Count];
        _outputNames = new IntPtr[Outputs.Count];
        for (int i = 0; i < Inputs.Count; i++)
        {
            _names[i] = OrtNative.Utf8Z(Inputs[i].Name);
            _inputNames[i] = OrtNative.AddressOf(_names[i]);
        }

        for (int i = 0; i < Outputs.Count; i++)
        {
            _names[Inputs.Count + i] = OrtNative.Utf8Z(Outputs[i].Name);
            _outputNames[i] = OrtNative.AddressOf(_names[Inputs.Count + i]);
        }
    }

    /// <summary>The model's path, or its name when loaded from memory.</summary>
    public string Model { get; }

    /// <summary>The execution provider running the model.</summary>
    public ExecutionProviderKind Provider { get; }

    /// <summary>Preferred providers that could not be used, each as "name: ONNX Runtime's reason".</summary>
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
        return Create(modelPath, options, logger, (env, so, context) => OrtNative.CreateSession(env, path, so, context));
    }

    /// <summary>Loads a model held in memory; <paramref name="name"/> stands for it in messages.</summary>
    /// <exception cref="ModelLoadException">The bytes are not ONNX, or no listed provider could run them.</exception>
    public static InferenceSession Open(ReadOnlyMemory<byte> model, string name, InferenceSessionOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (model.IsEmpty)
        {
            throw new ModelLoadException(name, "the model is empty");
        }

        return Create(name, options, logger, (env, so, context) => OrtNative.CreateSession(env, model.Span, so, context));
    }

    /// <summary>
    /// Runs the model. <paramref name="inputs"/> and <paramref name="outputs"/> follow <see cref="Inputs"/> and
    /// <see cref="Outputs"/>. An output tensor given is written in place (its shape must be the one the model
    /// produces); a null entry is filled with a tensor ONNX Runtime allocated, which the caller disposes.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed; the message names the model.</exception>
    public void Run(ReadOnlySpan<OrtTensor> inputs, Span<OrtTensor?> outputs)
    {
        if (outputs.Length != _outputNames.Length)
        {
            throw new ArgumentException($"Model '{Model}' gives {_outputNames.Length} outputs; {outputs.Length} were passed.", nameof(outputs));
        }

        Span<int> all = stackalloc int[outputs.Length];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        Run(inputs, all, outputs);
    }

    /// <summary>
    /// Runs the model for some of its outputs only (ONNX Runtime computes just what they need):
    /// <paramref name="outputs"/>[i] receives output <paramref name="outputIndices"/>[i], as in <see cref="Run(ReadOnlySpan{OrtTensor}, Span{OrtTensor})"/>.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed; the message names the model.</exception>
    public void Run(ReadOnlySpan<OrtTensor> inputs, ReadOnlySpan<int> outputIndices, Span<OrtTensor?> outputs)
    {
        if (inputs.Length != _inputNames.Length || outputs.Length != outputIndices.Length || outputs.Length == 0)
        {
            throw new ArgumentException(
                $"Model '{Model}' takes {_inputNames.Length} inputs; {inputs.Length} were passed, and {outputs.Length} outputs for {outputIndices.Length} indices.");
        }

        Span<IntPtr> inValues = stackalloc IntPtr[inputs.Length];
        Span<IntPtr> outNames = stackalloc IntPtr[outputs.Length];
        Span<IntPtr> outValues = stackalloc IntPtr[outputs.Length];
        for (int i = 0; i < outputIndices.Length; i++)
        {
            outNames[i] = _outputNames[outputIndices[i]];
        }

        int inRefs = 0;
        int outRefs = 0;
        bool sessionRef = false;
        try
        {
            _session.DangerousAddRef(ref sessionRef);
            for (; inRefs < inputs.Length; inRefs++)
            {
                inValues[inRefs] = AddRef(inputs[inRefs].Handle);
            }

            for (; outRefs < outputs.Length; outRefs++)
            {
                OrtTensor? given = outputs[outRefs];
                outValues[outRefs] = given is null ? IntPtr.Zero : AddRef(given.Handle);
            }

            OrtNative.Run(_session, _inputNames, inValues, outNames, outValues, _runContext);
        }
        finally
        {
            for (int i = 0; i < inRefs; i++)
            {
                inputs[i].Handle.DangerousRelease();
            }

            for (int i = 0; i < outRefs; i++)
            {
                outputs[i]?.Handle.DangerousRelease();
            }

            if (sessionRef)
            {
                _session.DangerousRelease();
            }
        }

        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] ??= OrtTensor.FromRuntime(outValues[i]);
        }
    }

    /// <summary>Releases the session.</summary>
    public void Dispose() => _session.Dispose();

    private static IntPtr AddRef(OrtValueHandle handle)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        return handle.DangerousGetHandle();
    }

    private static InferenceSession Create(string model, InferenceSessionOptions? options, ILogger? logger,
        Func<OrtEnvHandle, OrtSessionOptionsHandle, string, OrtSessionHandle> open)
    {
        options ??= InferenceSessionOptions.Default;
        logger ??= NullLogger.Instance;
        try
        {
            OnnxRuntime.Initialize(options.LibraryPath, logger);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or FileNotFoundException or InvalidOperationException)
        {
            throw new ModelLoadException(model, ex.Message, ex);
        }

        var skipped = new List<string>();
        Exception? lastError = null;
        IReadOnlyList<ExecutionProviderKind> providers = options.Providers;
        for (int i = 0; i < providers.Count; i++)
        {
            ExecutionProviderKind provider = providers[i];
            OrtSessionHandle? session = null;
            using (OrtSessionOptionsHandle sessionOptions = CreateOptions(options))
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
                    session = open(OnnxRuntime.Env, sessionOptions, $"Model '{model}': ONNX Runtime cannot load it");
                }
                catch (OnnxRuntimeException ex) when (provider != ExecutionProviderKind.Cpu && i < providers.Count - 1)
                {
                    Skip(model, provider, ex.NativeMessage, skipped, logger);
                    lastError = ex;
                    continue;
                }
                catch (OnnxRuntimeException ex)
                {
                    throw new ModelLoadException(model, $"ONNX Runtime cannot load it: {ex.NativeMessage}", ex);
                }
            }

            try
            {
                var created = new InferenceSession(model, session!, provider, skipped);
                LogCreated(logger, created, options, providers);
                return created;
            }
            catch (OnnxRuntimeException ex)
            {
                session!.Dispose();
                throw new ModelLoadException(model, $"its inputs and outputs cannot be read: {ex.NativeMessage}", ex);
            }
        }

        throw new ModelLoadException(model,
            $"no execution provider of [{string.Join(", ", NameList(providers))}] could run it: {string.Join("; ", skipped)}", lastError!);
    }

    private static OrtSessionOptionsHandle CreateOptions(InferenceSessionOptions options)
    {
        OrtSessionOptionsHandle so = OrtNative.CreateSessionOptions();
        try
        {
            OrtNative.SetGraphOptimizationLevel(so, (int)options.GraphOptimization);
            if (options.IntraOpThreads > 0)
            {
                OrtNative.SetIntraOpThreads(so, options.IntraOpThreads);
            }

            if (options.InterOpThreads > 0)
            {
                OrtNative.SetInterOpThreads(so, options.InterOpThreads);
            }

            // ExecutionMode: ORT_SEQUENTIAL = 0, ORT_PARALLEL = 1.
            OrtNative.SetExecutionMode(so, options.ParallelExecution ? 1 : 0);
            OrtNative.AddConfigEntry(so, "session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
            return so;
        }
        catch
        {
            so.Dispose();
            throw;
        }
    }

    private static void AppendProvider(OrtSessionOptionsHandle so, ExecutionProviderKind provider, InferenceSessionOptions options,
        IReadOnlyList<ExecutionProviderKind> providers)
    {
        string device = options.DeviceId.ToString(CultureInfo.InvariantCulture);
        switch (provider)
        {
            case ExecutionProviderKind.Cpu:
                // The CPU provider is always registered last by ONNX Runtime itself.
                return;
            case ExecutionProviderKind.Cuda:
                OrtNative.AppendCuda(so, CudaSettings(options));
                return;
            case ExecutionProviderKind.TensorRt:
                // Only settings that differ from the defaults: updating options loads the provider library already.
                var settings = new List<KeyValuePair<string, string>>();
                if (options.DeviceId != 0)
                {
                    settings.Add(new("device_id", device));
                }

                if (options.TensorRtFp16)
                {
                    settings.Add(new("trt_fp16_enable", "1"));
                }

                if (options.TensorRtCachePath is { Length: > 0 } cache)
                {
                    settings.Add(new("trt_engine_cache_enable", "1"));
                    settings.Add(new("trt_engine_cache_path", cache));
                }

                OrtNative.AppendTensorRt(so, settings);
                if (Contains(providers, ExecutionProviderKind.Cuda))
                {
                    // ONNX Runtime's advice: CUDA after TensorRT runs the nodes TensorRT cannot. Optional here.
                    try
                    {
                        OrtNative.AppendCuda(so, CudaSettings(options));
                    }
                    catch (OnnxRuntimeException)
                    {
                    }
                }

                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown execution provider.");
        }
    }

    private static KeyValuePair<string, string>[] CudaSettings(InferenceSessionOptions options) =>
        options.DeviceId == 0 ? [] : [new("device_id", options.DeviceId.ToString(CultureInfo.InvariantCulture))];

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

    /// <summary>The provider's name as the configuration spells it: tensorrt, cuda, cpu.</summary>
    public static string NameOf(ExecutionProviderKind provider) => provider switch
    {
        ExecutionProviderKind.TensorRt => "tensorrt",
        ExecutionProviderKind.Cuda => "cuda",
        ExecutionProviderKind.Cpu => "cpu",
        _ => provider.ToString(),
    };

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

    private static TensorInfo[] ReadInfos(OrtSessionHandle session, bool output)
    {
        int count = output ? OrtNative.GetOutputCount(session) : OrtNative.GetInputCount(session);
        var infos = new TensorInfo[count];
        for (int i = 0; i < count; i++)
        {
            string name = OrtNative.GetName(session, i, output);
            NativeTensorInfo info = OrtNative.GetTypeInfo(session, i, output);
            TensorElementType type = info.OnnxType == OrtNative.OnnxTypeTensor ? (TensorElementType)info.ElementType : TensorElementType.Undefined;
            infos[i] = new TensorInfo(name, type, info.Dimensions, info.SymbolicDimensions);
        }

        return infos;
    }
}
