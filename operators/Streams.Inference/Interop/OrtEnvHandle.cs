namespace Streams.Inference.Interop;

/// <summary>Owns the <c>OrtEnv</c>; released with <c>ReleaseEnv</c>.</summary>
internal sealed unsafe class OrtEnvHandle(IntPtr handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseEnv(handle);
        return true;
    }
}
