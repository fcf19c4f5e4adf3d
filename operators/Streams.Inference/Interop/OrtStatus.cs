using System.Runtime.InteropServices;

namespace Streams.Inference.Interop;

/// <summary>Turns an <c>OrtStatus*</c> into an exception, always releasing it.</summary>
internal static unsafe class OrtStatus
{
    /// <summary>Does nothing for a null (success) status; otherwise throws with ONNX Runtime's message.</summary>
    /// <exception cref="OnnxRuntimeException">The status reports an error.</exception>
    public static void Check(IntPtr status)
    {
        if (status != IntPtr.Zero)
        {
            Throw(status, null);
        }
    }

    /// <summary>As <see cref="Check(IntPtr)"/>, with what was being done in the message.</summary>
    public static void Check(IntPtr status, string context)
    {
        if (status != IntPtr.Zero)
        {
            Throw(status, context);
        }
    }

    /// <summary>Reads and releases a non-null status; null for success.</summary>
    public static OnnxRuntimeException? ToException(IntPtr status, string? context)
    {
        if (status == IntPtr.Zero)
        {
            return null;
        }

        using var handle = new OrtStatusHandle(status);
        var code = (OnnxRuntimeErrorCode)OrtApi.GetErrorCode(status);
        string message = Marshal.PtrToStringUTF8((IntPtr)OrtApi.GetErrorMessage(status)) ?? string.Empty;
        return new OnnxRuntimeException(code, message.Trim(), context);
    }

    private static void Throw(IntPtr status, string? context) => throw ToException(status, context)!;
}
