namespace Streams.Inference;

/// <summary>An ONNX Runtime call failed; the message is ONNX Runtime's own, prefixed with what was being done.</summary>
public sealed class OnnxRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OnnxRuntimeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OnnxRuntimeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OnnxRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="code">ONNX Runtime's error code.</param>
    /// <param name="nativeMessage">ONNX Runtime's message, unchanged.</param>
    /// <param name="context">What was being done, e.g. "Model 'yolo.onnx': creating the session"; null for none.</param>
    /// <param name="innerException">ONNX Runtime's own exception; null for none.</param>
    public OnnxRuntimeException(OnnxRuntimeErrorCode code, string nativeMessage, string? context, Exception? innerException = null)
        : base(context is null ? $"ONNX Runtime error {code}: {nativeMessage}" : $"{context}: {nativeMessage} (ONNX Runtime {code})", innerException)
    {
        ErrorCode = code;
        NativeMessage = nativeMessage;
    }

    /// <summary>ONNX Runtime's error code; <see cref="OnnxRuntimeErrorCode.Fail"/> when none was given.</summary>
    public OnnxRuntimeErrorCode ErrorCode { get; } = OnnxRuntimeErrorCode.Fail;

    /// <summary>ONNX Runtime's own message, unchanged; empty when none was given.</summary>
    public string NativeMessage { get; } = string.Empty;
}
