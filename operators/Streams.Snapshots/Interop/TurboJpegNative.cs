using System.Runtime.InteropServices;

namespace Streams.Snapshots.Interop;

/// <summary>
/// The part of the TurboJPEG 2.x C API (libjpeg-turbo's <c>turbojpeg.h</c>) the snapshots use. <c>unsigned long</c>
/// is <see cref="CULong"/> so the declarations stay right where it is 32-bit.
/// </summary>
internal static unsafe partial class TurboJpegNative
{
    public const string Library = "libturbojpeg.so.0";

    // enum TJSAMP
    public const int Subsampling444 = 0;
    public const int Subsampling420 = 2;
    public const int SubsamplingGray = 3;

    // enum TJPF
    public const int PixelRgb = 0;
    public const int PixelBgr = 1;
    public const int PixelGray = 6;

    /// <summary>TJFLAG_NOREALLOC: compress into the caller's buffer (sized with tjBufSize), never reallocate it.</summary>
    public const int FlagNoRealloc = 1024;

    [LibraryImport(Library, EntryPoint = "tjInitCompress")]
    public static partial TurboJpegHandle InitCompress();

    [LibraryImport(Library, EntryPoint = "tjInitDecompress")]
    public static partial TurboJpegHandle InitDecompress();

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    public static partial int Destroy(nint handle);

    [LibraryImport(Library, EntryPoint = "tjBufSize")]
    public static partial CULong BufSize(int width, int height, int jpegSubsamp);

    [LibraryImport(Library, EntryPoint = "tjCompress2")]
    public static partial int Compress2(
        TurboJpegHandle handle, byte* srcBuf, int width, int pitch, int height, int pixelFormat,
        byte** jpegBuf, CULong* jpegSize, int jpegSubsamp, int jpegQual, int flags);

    [LibraryImport(Library, EntryPoint = "tjCompressFromYUVPlanes")]
    public static partial int CompressFromYuvPlanes(
        TurboJpegHandle handle, byte** srcPlanes, int width, int* strides, int height, int subsamp,
        byte** jpegBuf, CULong* jpegSize, int jpegQual, int flags);

    [LibraryImport(Library, EntryPoint = "tjDecompressHeader3")]
    public static partial int DecompressHeader3(
        TurboJpegHandle handle, byte* jpegBuf, CULong jpegSize, int* width, int* height, int* jpegSubsamp, int* jpegColorspace);

    [LibraryImport(Library, EntryPoint = "tjDecompress2")]
    public static partial int Decompress2(
        TurboJpegHandle handle, byte* jpegBuf, CULong jpegSize, byte* dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library, EntryPoint = "tjGetErrorStr2")]
    private static partial byte* GetErrorStr2(TurboJpegHandle handle);

    /// <summary>The instance's last error, for an exception message.</summary>
    public static string LastError(TurboJpegHandle handle) =>
        Marshal.PtrToStringUTF8((nint)GetErrorStr2(handle)) ?? "unknown TurboJPEG error";
}
