namespace Streams.Inference.Interop;

/// <summary>Owns an <c>OrtCUDAProviderOptionsV2</c>; released with <c>ReleaseCUDAProviderOptions</c>.</summary>
internal sealed unsafe class OrtCudaProviderOptionsHandle(IntPtr handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseCUDAProviderOptions(handle);
        return true;
    }
}
