namespace Streams.Inference;

/// <summary>ONNX Runtime's <c>OrtErrorCode</c>: the kind of failure a call reported.</summary>
public enum OnnxRuntimeErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,

    /// <summary>A general failure.</summary>
    Fail = 1,

    /// <summary>An argument was not valid (a wrong input shape or type, among others).</summary>
    InvalidArgument = 2,

    /// <summary>A file was not found.</summary>
    NoSuchFile = 3,

    /// <summary>No model is loaded.</summary>
    NoModel = 4,

    /// <summary>The engine failed.</summary>
    EngineError = 5,

    /// <summary>An exception inside the runtime.</summary>
    RuntimeException = 6,

    /// <summary>The model file is not a valid ONNX protobuf.</summary>
    InvalidProtobuf = 7,

    /// <summary>A model is loaded already.</summary>
    ModelLoaded = 8,

    /// <summary>Something is not implemented.</summary>
    NotImplemented = 9,

    /// <summary>The model's graph is not valid.</summary>
    InvalidGraph = 10,

    /// <summary>An execution provider failed.</summary>
    ExecutionProviderFailure = 11,

    /// <summary>Model loading was canceled.</summary>
    ModelLoadCanceled = 12,

    /// <summary>The model needs compiling first.</summary>
    ModelRequiresCompilation = 13,

    /// <summary>Something was not found.</summary>
    NotFound = 14,
}
