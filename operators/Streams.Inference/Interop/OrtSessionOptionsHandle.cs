namespace Streams.Inference.Interop;

/// <summary>Owns an <c>OrtSessionOptions</c>; released with <c>ReleaseSessionOptions</c>.</summary>
internal sealed unsafe class OrtSessionOptionsHandle(IntPtr handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseSessionOptions(handle);
        return true;
    }
}
