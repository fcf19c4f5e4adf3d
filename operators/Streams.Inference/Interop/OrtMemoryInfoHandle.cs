namespace Streams.Inference.Interop;

/// <summary>Owns an <c>OrtMemoryInfo</c>; released with <c>ReleaseMemoryInfo</c>.</summary>
internal sealed unsafe class OrtMemoryInfoHandle(IntPtr handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseMemoryInfo(handle);
        return true;
    }
}
