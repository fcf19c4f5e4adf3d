using Microsoft.Win32.SafeHandles;

namespace Streams.Snapshots.Interop;

/// <summary>A TurboJPEG instance (<c>tjhandle</c>), destroyed with <c>tjDestroy</c> exactly once.</summary>
internal sealed class TurboJpegHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Called by the marshaller for a handle returned from native code.</summary>
    public TurboJpegHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => TurboJpegNative.Destroy(handle) == 0;
}
