namespace Streams.Inference.Interop;

/// <summary>Owns an <c>OrtStatus</c>; released with <c>ReleaseStatus</c>.</summary>
internal sealed unsafe class OrtStatusHandle(IntPtr handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseStatus(handle);
        return true;
    }
}
