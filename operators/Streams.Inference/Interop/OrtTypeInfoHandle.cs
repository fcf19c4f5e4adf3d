namespace Streams.Inference.Interop;

/// <summary>Owns an <c>OrtTypeInfo</c>; released with <c>ReleaseTypeInfo</c>.</summary>
internal sealed unsafe class OrtTypeInfoHandle(IntPtr handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseTypeInfo(handle);
        return true;
    }
}
