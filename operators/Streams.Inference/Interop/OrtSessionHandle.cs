namespace Streams.Inference.Interop;

/// <summary>Owns an <c>OrtSession</c>; released with <c>ReleaseSession</c>.</summary>
internal sealed unsafe class OrtSessionHandle(IntPtr handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseSession(handle);
        return true;
    }
}
