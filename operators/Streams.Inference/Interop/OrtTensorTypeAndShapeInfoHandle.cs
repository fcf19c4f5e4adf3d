namespace Streams.Inference.Interop;

/// <summary>Owns an <c>OrtTensorTypeAndShapeInfo</c>; released with <c>ReleaseTensorTypeAndShapeInfo</c>.</summary>
internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle(IntPtr handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseTensorTypeAndShapeInfo(handle);
        return true;
    }
}
