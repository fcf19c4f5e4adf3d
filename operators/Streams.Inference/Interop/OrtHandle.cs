using System.Runtime.InteropServices;

namespace Streams.Inference.Interop;

/// <summary>Base of the handles to ONNX Runtime objects: zero is invalid, and each kind releases with its own call.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;
}
