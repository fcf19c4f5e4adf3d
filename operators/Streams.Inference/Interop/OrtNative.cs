using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Streams.Inference.Interop;

/// <summary>
/// Typed wrappers over the <see cref="OrtApi"/> entries: strings in and out, handles for every object made, and
/// every status checked. Callers outside this folder never see a pointer.
/// </summary>
internal static unsafe class OrtNative
{
    /// <summary><c>ONNXType</c> of a tensor.</summary>
    public const int OnnxTypeTensor = 1;

    /// <summary>Creates the process's environment with the given <c>OrtLoggingLevel</c> (0 verbose .. 4 fatal).</summary>
    public static OrtEnvHandle CreateEnv(int logSeverity, string logId)
    {
        byte[] id = Utf8Z(logId);
        IntPtr env;
        fixed (byte* p = id)
        {
            OrtStatus.Check(OrtApi.CreateEnv(logSeverity, p, &env), "creating the ONNX Runtime environment");
        }

        return new OrtEnvHandle(env);
    }

    /// <summary>The execution providers the library was built with, e.g. TensorrtExecutionProvider.</summary>
    public static string[] GetAvailableProviders()
    {
        byte** list;
        int count;
        OrtStatus.Check(OrtApi.GetAvailableProviders(&list, &count), "listing execution providers");
        try
        {
            var names = new string[count];
            for (int i = 0; i < count; i++)
            {
                names[i] = Marshal.PtrToStringUTF8((IntPtr)list[i]) ?? string.Empty;
            }

            return names;
        }
        finally
        {
            OrtStatus.Check(OrtApi.ReleaseAvailableProviders(list, count), "releasing the provider list");
        }
    }

    public static OrtSessionOptionsHandle CreateSessionOptions()
    {
        IntPtr options;
        OrtStatus.Check(OrtApi.CreateSessionOptions(&options), "creating session options");
        return new OrtSessionOptionsHandle(options);
    }

    public static void SetGraphOptimizationLevel(OrtSessionOptionsHandle options, int level) =>
        OrtStatus.Check(OrtApi.SetSessionGraphOptimizationLevel(options.DangerousGetHandle(), level), "setting the graph optimisation level");

    public static void SetIntraOpThreads(OrtSessionOptionsHandle options, int threads) =>
        OrtStatus.Check(OrtApi.SetIntraOpNumThreads(options.DangerousGetHandle(), threads), "setting intra-op threads");

    public static void SetInterOpThreads(OrtSessionOptionsHandle options, int threads) =>
        OrtStatus.Check(OrtApi.SetInterOpNumThreads(options.DangerousGetHandle(), threads), "setting inter-op threads");

    public static void SetExecutionMode(OrtSessionOptionsHandle options, int mode) =>
        OrtStatus.Check(OrtApi.SetSessionExecutionMode(options.DangerousGetHandle(), mode), "setting the execution mode");

    /// <summary>Sets a session configuration entry (e.g. <c>session.intra_op.allow_spinning</c>).</summary>
    public static void AddConfigEntry(OrtSessionOptionsHandle options, string key, string value)
    {
        byte[] k = Utf8Z(key);
        byte[] v = Utf8Z(value);
        fixed (byte* pk = k)
        fixed (byte* pv = v)
        {
            OrtStatus.Check(OrtApi.AddSessionConfigEntry(options.DangerousGetHandle(), pk, pv), $"setting session option '{key}'");
        }
    }

    /// <summary>Appends the CUDA provider with its V2 options (keys as ONNX Runtime documents them, e.g. device_id).</summary>
    /// <exception cref="OnnxRuntimeException">The provider cannot be used (its libraries are missing, among others).</exception>
    public static void AppendCuda(OrtSessionOptionsHandle options, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        IntPtr created;
        OrtStatus.Check(OrtApi.CreateCUDAProviderOptions(&created), "creating CUDA provider options");
        using var cuda = new OrtCudaProviderOptionsHandle(created);
        WithKeyValues(settings, (keys, values, count) =>
            OrtStatus.Check(OrtApi.UpdateCUDAProviderOptions(cuda.DangerousGetHandle(), keys, values, count), "setting CUDA provider options"));
        OrtStatus.Check(OrtApi.SessionOptionsAppendExecutionProvider_CUDA_V2(options.DangerousGetHandle(), cuda.DangerousGetHandle()),
            "appending the CUDA execution provider");
    }

    /// <summary>Appends the TensorRT provider with its V2 options (e.g. device_id, trt_fp16_enable).</summary>
    /// <exception cref="OnnxRuntimeException">The provider cannot be used.</exception>
    public static void AppendTensorRt(OrtSessionOptionsHandle options, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        IntPtr created;
        OrtStatus.Check(OrtApi.CreateTensorRTProviderOptions(&created), "creating TensorRT provider options");
        using var tensorRt = new OrtTensorRtProviderOptionsHandle(created);
        WithKeyValues(settings, (keys, values, count) =>
            OrtStatus.Check(OrtApi.UpdateTensorRTProviderOptions(tensorRt.DangerousGetHandle(), keys, values, count), "setting TensorRT provider options"));
        OrtStatus.Check(OrtApi.SessionOptionsAppendExecutionProvider_TensorRT_V2(options.DangerousGetHandle(), tensorRt.DangerousGetHandle()),
            "appending the TensorRT execution provider");
    }

    /// <summary>Creates a session from a model file.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime refused the model; <paramref name="context"/> leads the message.</exception>
    public static OrtSessionHandle CreateSession(OrtEnvHandle env, string modelPath, OrtSessionOptionsHandle options, string context)
    {
        byte[] path = Utf8Z(modelPath);
        IntPtr session;
        fixed (byte* p = path)
        {
            OrtStatus.Check(OrtApi.CreateSession(env.DangerousGetHandle(), p, options.DangerousGetHandle(), &session), context);
        }

        return new OrtSessionHandle(session);
    }

    /// <summary>Creates a session from a model held in memory.</summary>
    public static OrtSessionHandle CreateSession(OrtEnvHandle env, ReadOnlySpan<byte> model, OrtSessionOptionsHandle options, string context)
    {
        IntPtr session;
        fixed (byte* p = model)
        {
            OrtStatus.Check(OrtApi.CreateSessionFromArray(env.DangerousGetHandle(), p, (nuint)model.Length, options.DangerousGetHandle(), &session),
                context);
        }

        return new OrtSessionHandle(session);
    }

    public static int GetInputCount(OrtSessionHandle session)
    {
        nuint count;
        OrtStatus.Check(OrtApi.SessionGetInputCount(session.DangerousGetHandle(), &count), "counting inputs");
        return checked((int)count);
    }

    public static int GetOutputCount(OrtSessionHandle session)
    {
        nuint count;
        OrtStatus.Check(OrtApi.SessionGetOutputCount(session.DangerousGetHandle(), &count), "counting outputs");
        return checked((int)count);
    }

    /// <summary>The name of input (or output) <paramref name="index"/>; ONNX Runtime's copy is freed here.</summary>
    public static string GetName(OrtSessionHandle session, int index, bool output)
    {
        IntPtr allocator = DefaultAllocator();
        byte* name;
        IntPtr status = output
            ? OrtApi.SessionGetOutputName(session.DangerousGetHandle(), (nuint)index, allocator, &name)
            : OrtApi.SessionGetInputName(session.DangerousGetHandle(), (nuint)index, allocator, &name);
        OrtStatus.Check(status, output ? "reading an output name" : "reading an input name");
        return TakeString(allocator, name) ?? string.Empty;
    }

    /// <summary>The type of input (or output) <paramref name="index"/>: ONNX type, element type, dims (-1 dynamic) and their names.</summary>
    public static NativeTensorInfo GetTypeInfo(OrtSessionHandle session, int index, bool output)
    {
        IntPtr typeInfo;
        IntPtr status = output
            ? OrtApi.SessionGetOutputTypeInfo(session.DangerousGetHandle(), (nuint)index, &typeInfo)
            : OrtApi.SessionGetInputTypeInfo(session.DangerousGetHandle(), (nuint)index, &typeInfo);
        OrtStatus.Check(status, "reading a type");
        using var owner = new OrtTypeInfoHandle(typeInfo);
        int onnxType;
        OrtStatus.Check(OrtApi.GetOnnxTypeFromTypeInfo(typeInfo, &onnxType), "reading an ONNX type");
        if (onnxType != OnnxTypeTensor)
        {
            return new NativeTensorInfo(onnxType, 0, [], []);
        }

        // The tensor info belongs to the type info: it is not released on its own.
        IntPtr tensorInfo;
        OrtStatus.Check(OrtApi.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), "reading tensor type information");
        int elementType;
        OrtStatus.Check(OrtApi.GetTensorElementType(tensorInfo, &elementType), "reading an element type");
        nuint rank;
        OrtStatus.Check(OrtApi.GetDimensionsCount(tensorInfo, &rank), "reading a rank");
        long[] dims = new long[(int)rank];
        var symbols = new string[(int)rank];
        if (rank > 0)
        {
            byte** names = stackalloc byte*[(int)rank];
            fixed (long* d = dims)
            {
                OrtStatus.Check(OrtApi.GetDimensions(tensorInfo, d, rank), "reading dimensions");
            }

            OrtStatus.Check(OrtApi.GetSymbolicDimensions(tensorInfo, names, rank), "reading dimension names");
            for (int i = 0; i < (int)rank; i++)
            {
                symbols[i] = names[i] == null ? string.Empty : Marshal.PtrToStringUTF8((IntPtr)names[i]) ?? string.Empty;
            }
        }

        return new NativeTensorInfo(onnxType, elementType, dims, symbols);
    }

    /// <summary>The model's producer and its custom metadata map (Ultralytics writes <c>names</c>, <c>imgsz</c>, <c>task</c> there).</summary>
    public static (string Producer, Dictionary<string, string> Custom) GetMetadata(OrtSessionHandle session)
    {
        IntPtr created;
        OrtStatus.Check(OrtApi.SessionGetModelMetadata(session.DangerousGetHandle(), &created), "reading model metadata");
        using var metadata = new OrtModelMetadataHandle(created);
        IntPtr allocator = DefaultAllocator();
        byte* producer;
        OrtStatus.Check(OrtApi.ModelMetadataGetProducerName(created, allocator, &producer), "reading the producer name");
        string producerName = TakeString(allocator, producer) ?? string.Empty;

        byte** keys;
        long count;
        OrtStatus.Check(OrtApi.ModelMetadataGetCustomMetadataMapKeys(created, allocator, &keys, &count), "reading metadata keys");
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys == null)
        {
            return (producerName, custom);
        }

        try
        {
            for (long i = 0; i < count; i++)
            {
                byte* value;
                IntPtr status = OrtApi.ModelMetadataLookupCustomMetadataMap(created, allocator, keys[i], &value);
                OrtStatus.Check(status, "reading a metadata value");
                string? text = TakeString(allocator, value);
                string key = Marshal.PtrToStringUTF8((IntPtr)keys[i]) ?? string.Empty;
                if (text is not null)
                {
                    custom[key] = text;
                }
            }
        }
        finally
        {
            for (long i = 0; i < count; i++)
            {
                OrtApi.AllocatorFree(allocator, keys[i]);
            }

            OrtApi.AllocatorFree(allocator, keys);
        }

        return (producerName, custom);
    }

    /// <summary>CPU memory information for tensors over our own buffers.</summary>
    public static OrtMemoryInfoHandle CreateCpuMemoryInfo()
    {
        // OrtArenaAllocator = 1, OrtMemTypeDefault = 0: what every ONNX Runtime binding passes for CPU tensors.
        IntPtr info;
        OrtStatus.Check(OrtApi.CreateCpuMemoryInfo(1, 0, &info), "creating CPU memory information");
        return new OrtMemoryInfoHandle(info);
    }

    /// <summary>
    /// Runs the session. <paramref name="outputs"/> holds pre-allocated values, or zero where ONNX Runtime should
    /// allocate; on return every entry holds a value (new ones are the caller's to release).
    /// </summary>
    public static void Run(OrtSessionHandle session, ReadOnlySpan<IntPtr> inputNames, ReadOnlySpan<IntPtr> inputs,
        ReadOnlySpan<IntPtr> outputNames, Span<IntPtr> outputs, string context)
    {
        fixed (IntPtr* inNames = inputNames)
        fixed (IntPtr* inValues = inputs)
        fixed (IntPtr* outNames = outputNames)
        fixed (IntPtr* outValues = outputs)
        {
            IntPtr status = OrtApi.Run(session.DangerousGetHandle(), IntPtr.Zero, (byte**)inNames, inValues, (nuint)inputs.Length,
                (byte**)outNames, (nuint)outputs.Length, outValues);
            OrtStatus.Check(status, context);
        }
    }

    /// <summary>The data pointer of a tensor value, valid while the value is alive.</summary>
    public static IntPtr GetTensorData(OrtValueHandle value)
    {
        void* data;
        OrtStatus.Check(OrtApi.GetTensorMutableData(value.DangerousGetHandle(), &data), "reading tensor data");
        return (IntPtr)data;
    }

    /// <summary>Reads a tensor value's element type and shape into <paramref name="shape"/>; returns the rank.</summary>
    public static int GetTensorShape(OrtValueHandle value, Span<long> shape, out int elementType)
    {
        IntPtr info;
        OrtStatus.Check(OrtApi.GetTensorTypeAndShape(value.DangerousGetHandle(), &info), "reading a tensor shape");
        using var owner = new OrtTensorTypeAndShapeInfoHandle(info);
        int type;
        OrtStatus.Check(OrtApi.GetTensorElementType(info, &type), "reading an element type");
        nuint rank;
        OrtStatus.Check(OrtApi.GetDimensionsCount(info, &rank), "reading a rank");
        if ((int)rank > shape.Length)
        {
            throw new OnnxRuntimeException($"A tensor of rank {rank} exceeds the {shape.Length} dimensions supported.");
        }

        fixed (long* d = shape)
        {
            OrtStatus.Check(OrtApi.GetDimensions(info, d, rank), "reading dimensions");
        }

        elementType = type;
        return (int)rank;
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="text"/> on the pinned heap: its address never changes.</summary>
    public static byte[] Utf8Z(string text)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        byte[] bytes = GC.AllocateArray<byte>(length + 1, pinned: true);
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>The address of a pinned array's first element.</summary>
    public static IntPtr AddressOf(byte[] pinned) => (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

    private static IntPtr DefaultAllocator()
    {
        // The default allocator is owned by ONNX Runtime and never released.
        IntPtr allocator;
        OrtStatus.Check(OrtApi.GetAllocatorWithDefaultOptions(&allocator), "getting the default allocator");
        return allocator;
    }

    private static string? TakeString(IntPtr allocator, byte* text)
    {
        if (text == null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((IntPtr)text);
        }
        finally
        {
            OrtApi.AllocatorFree(allocator, text);
        }
    }

    private static void WithKeyValues(IReadOnlyList<KeyValuePair<string, string>> settings, KeyValueAction action)
    {
        if (settings.Count == 0)
        {
            return;
        }

        var keys = new byte[settings.Count][];
        var values = new byte[settings.Count][];
        IntPtr* keyPointers = stackalloc IntPtr[settings.Count];
        IntPtr* valuePointers = stackalloc IntPtr[settings.Count];
        for (int i = 0; i < settings.Count; i++)
        {
            keys[i] = Utf8Z(settings[i].Key);
            values[i] = Utf8Z(settings[i].Value);
            keyPointers[i] = AddressOf(keys[i]);
            valuePointers[i] = AddressOf(values[i]);
        }

        action((byte**)keyPointers, (byte**)valuePointers, (nuint)settings.Count);
        GC.KeepAlive(keys);
        GC.KeepAlive(values);
    }

    private delegate void KeyValueAction(byte** keys, byte** values, nuint count);
}
