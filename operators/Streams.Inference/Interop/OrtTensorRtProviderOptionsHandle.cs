namespace Streams.Inference.Interop;

/// <summary>Owns an <c>OrtTensorRTProviderOptionsV2</c>; released with <c>ReleaseTensorRTProviderOptions</c>.</summary>
internal sealed unsafe class OrtTensorRtProviderOptionsHandle(IntPtr handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseTensorRTProviderOptions(handle);
        return true;
    }
}
