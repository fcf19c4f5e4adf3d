using System.Runtime.InteropServices;

namespace Streams.Inference.Interop;

/// <summary>
/// The part of ONNX Runtime's <c>OrtApi</c> function table this project calls, loaded once per process.
/// </summary>
/// <remarks>
/// <para>Each entry is read from the table at its index: the position of the member in <c>struct OrtApi</c> of
/// <c>onnxruntime_c_api.h</c> (members are only ever appended, so an index never changes). Every index was counted
/// against the header and checked by calling the entry on ONNX Runtime 1.30.0 (see the binding tests).</para>
/// <para>Entries returning <c>OrtStatus*</c> are typed <see cref="IntPtr"/>; pass the result to
/// <see cref="OrtStatus.Check(IntPtr)"/>, which releases it.</para>
/// </remarks>
internal static unsafe class OrtApi
{
    /// <summary>The API version asked of <c>OrtGetApiBase()->GetApi</c>: ONNX Runtime 1.30's.</summary>
    public const uint ApiVersion = 30;

    private static readonly Lock s_lock = new();
    private static string? s_libraryPath;
    private static string? s_version;

    // Index 1..9
    public static delegate* unmanaged[Cdecl]<IntPtr, int> GetErrorCode;
    public static delegate* unmanaged[Cdecl]<IntPtr, byte*> GetErrorMessage;
    public static delegate* unmanaged[Cdecl]<int, byte*, IntPtr*, IntPtr> CreateEnv;
    public static delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, IntPtr*, IntPtr> CreateSession;
    public static delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray;
    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr> Run;

    // Session options, 10..25
    public static delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateSessionOptions;
    public static delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetSessionExecutionMode;
    public static delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel;
    public static delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetIntraOpNumThreads;
    public static delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetInterOpNumThreads;

    // Session inputs and outputs, 30..37
    public static delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> SessionGetInputCount;
    public static delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> SessionGetOutputCount;
    public static delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr> SessionGetInputTypeInfo;
    public static delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr> SessionGetOutputTypeInfo;
    public static delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetInputName;
    public static delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetOutputName;

    // Tensors and type information, 49..78
    public static delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue;
    public static delegate* unmanaged[Cdecl]<IntPtr, void**, IntPtr> GetTensorMutableData;
    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> CastTypeInfoToTensorInfo;
    public static delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> GetOnnxTypeFromTypeInfo;
    public static delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> GetTensorElementType;
    public static delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> GetDimensionsCount;
    public static delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr> GetDimensions;
    public static delegate* unmanaged[Cdecl]<IntPtr, byte**, nuint, IntPtr> GetSymbolicDimensions;
    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape;
    public static delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo;
    public static delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr> AllocatorFree;
    public static delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions;

    // Releases, 92..100
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseEnv;
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseStatus;
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseMemoryInfo;
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseSession;
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseValue;
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseTypeInfo;
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseTensorTypeAndShapeInfo;
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseSessionOptions;

    // Model metadata, 111..123
    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> SessionGetModelMetadata;
    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte**, IntPtr> ModelMetadataGetProducerName;
    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, byte**, IntPtr> ModelMetadataLookupCustomMetadataMap;
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseModelMetadata;
    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte***, long*, IntPtr> ModelMetadataGetCustomMetadataMapKeys;

    // Providers and configuration, 125..130
    public static delegate* unmanaged[Cdecl]<byte***, int*, IntPtr> GetAvailableProviders;
    public static delegate* unmanaged[Cdecl]<byte**, int, IntPtr> ReleaseAvailableProviders;
    public static delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, IntPtr> AddSessionConfigEntry;

    // GPU execution providers, 170..208
    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr> SessionOptionsAppendExecutionProvider_TensorRT_V2;
    public static delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateTensorRTProviderOptions;
    public static delegate* unmanaged[Cdecl]<IntPtr, byte**, byte**, nuint, IntPtr> UpdateTensorRTProviderOptions;
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseTensorRTProviderOptions;
    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr> SessionOptionsAppendExecutionProvider_CUDA_V2;
    public static delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateCUDAProviderOptions;
    public static delegate* unmanaged[Cdecl]<IntPtr, byte**, byte**, nuint, IntPtr> UpdateCUDAProviderOptions;
    public static delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseCUDAProviderOptions;

    /// <summary>True once a library was loaded and the table read.</summary>
    public static bool IsLoaded => Volatile.Read(ref s_libraryPath) is not null;

    /// <summary>The file the table came from; null before loading.</summary>
    public static string? LibraryPath => Volatile.Read(ref s_libraryPath);

    /// <summary>ONNX Runtime's own version string (e.g. "1.30.0"); null before loading.</summary>
    public static string? Version => s_version;

    /// <summary>
    /// Loads the library at <paramref name="path"/> (a file, or a bare name for the system loader) and reads the
    /// table. Later calls with the same path do nothing; a different path is refused: a process holds one runtime.
    /// </summary>
    /// <exception cref="DllNotFoundException">The library cannot be loaded.</exception>
    /// <exception cref="EntryPointNotFoundException">It is not ONNX Runtime.</exception>
    /// <exception cref="NotSupportedException">It does not offer API version <see cref="ApiVersion"/>.</exception>
    public static void Load(string path)
    {
        lock (s_lock)
        {
            if (s_libraryPath is not null)
            {
                return;
            }

            IntPtr library = NativeLibrary.Load(path);
            if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out IntPtr getApiBaseExport))
            {
                NativeLibrary.Free(library);
                throw new EntryPointNotFoundException($"'{path}' has no OrtGetApiBase export: it is not ONNX Runtime.");
            }

            // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
            var getApiBase = (delegate* unmanaged[Cdecl]<IntPtr*>)getApiBaseExport;
            IntPtr* apiBase = getApiBase();
            var getApi = (delegate* unmanaged[Cdecl]<uint, void**>)apiBase[0];
            var getVersionString = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
            string version = Marshal.PtrToStringUTF8((IntPtr)getVersionString()) ?? "unknown";
            void** table = getApi(ApiVersion);
            if (table == null)
            {
                // The library stays loaded: it printed its own complaint and cannot be unloaded safely after use.
                throw new NotSupportedException(
                    $"ONNX Runtime {version} at '{path}' does not offer C API version {ApiVersion}; version 1.{ApiVersion} or newer is needed.");
            }

            Bind(table);
            s_version = version;
            Volatile.Write(ref s_libraryPath, path);
        }
    }

    private static void Bind(void** t)
    {
        GetErrorCode = (delegate* unmanaged[Cdecl]<IntPtr, int>)t[1];
        GetErrorMessage = (delegate* unmanaged[Cdecl]<IntPtr, byte*>)t[2];
        CreateEnv = (delegate* unmanaged[Cdecl]<int, byte*, IntPtr*, IntPtr>)t[3];
        CreateSession = (delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, IntPtr*, IntPtr>)t[7];
        CreateSessionFromArray = (delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)t[8];
        Run = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr>)t[9];
        CreateSessionOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)t[10];
        SetSessionExecutionMode = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)t[13];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)t[23];
        SetIntraOpNumThreads = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)t[24];
        SetInterOpNumThreads = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)t[25];
        SessionGetInputCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)t[30];
        SessionGetOutputCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)t[31];
        SessionGetInputTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr>)t[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr>)t[34];
        SessionGetInputName = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr>)t[36];
        SessionGetOutputName = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr>)t[37];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)t[49];
        GetTensorMutableData = (delegate* unmanaged[Cdecl]<IntPtr, void**, IntPtr>)t[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)t[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)t[56];
        GetTensorElementType = (delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)t[60];
        GetDimensionsCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)t[61];
        GetDimensions = (delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr>)t[62];
        GetSymbolicDimensions = (delegate* unmanaged[Cdecl]<IntPtr, byte**, nuint, IntPtr>)t[63];
        GetTensorTypeAndShape = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)t[65];
        CreateCpuMemoryInfo = (delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr>)t[69];
        AllocatorFree = (delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr>)t[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)t[78];
        ReleaseEnv = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[92];
        ReleaseStatus = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[93];
        ReleaseMemoryInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[94];
        ReleaseSession = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[95];
        ReleaseValue = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[96];
        ReleaseTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[99];
        ReleaseSessionOptions = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[100];
        SessionGetModelMetadata = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)t[111];
        ModelMetadataGetProducerName = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte**, IntPtr>)t[112];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, byte**, IntPtr>)t[116];
        ReleaseModelMetadata = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[118];
        ModelMetadataGetCustomMetadataMapKeys = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte***, long*, IntPtr>)t[123];
        GetAvailableProviders = (delegate* unmanaged[Cdecl]<byte***, int*, IntPtr>)t[125];
        ReleaseAvailableProviders = (delegate* unmanaged[Cdecl]<byte**, int, IntPtr>)t[126];
        AddSessionConfigEntry = (delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, IntPtr>)t[130];
        SessionOptionsAppendExecutionProvider_TensorRT_V2 = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)t[170];
        CreateTensorRTProviderOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)t[171];
        UpdateTensorRTProviderOptions = (delegate* unmanaged[Cdecl]<IntPtr, byte**, byte**, nuint, IntPtr>)t[172];
        ReleaseTensorRTProviderOptions = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[174];
        SessionOptionsAppendExecutionProvider_CUDA_V2 = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)t[204];
        CreateCUDAProviderOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)t[205];
        UpdateCUDAProviderOptions = (delegate* unmanaged[Cdecl]<IntPtr, byte**, byte**, nuint, IntPtr>)t[206];
        ReleaseCUDAProviderOptions = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[208];
    }
}
