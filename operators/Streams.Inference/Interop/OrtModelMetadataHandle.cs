namespace Streams.Inference.Interop;

/// <summary>Owns an <c>OrtModelMetadata</c>; released with <c>ReleaseModelMetadata</c>.</summary>
internal sealed unsafe class OrtModelMetadataHandle(IntPtr handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseModelMetadata(handle);
        return true;
    }
}
