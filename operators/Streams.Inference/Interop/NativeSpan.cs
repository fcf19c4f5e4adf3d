namespace Streams.Inference.Interop;

/// <summary>Spans over native memory (tensor data), for code outside this folder.</summary>
internal static unsafe class NativeSpan
{
    /// <summary>A span of <paramref name="length"/> elements at <paramref name="address"/>; valid while its owner lives.</summary>
    public static Span<T> Create<T>(IntPtr address, int length)
        where T : unmanaged => new((void*)address, length);
}
