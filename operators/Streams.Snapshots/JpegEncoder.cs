using System.Buffers;
using System.Runtime.InteropServices;
using Streams.Runtime;
using Streams.Snapshots.Interop;

namespace Streams.Snapshots;

/// <summary>
/// Crops a region of a frame and encodes it as JPEG with libturbojpeg, optionally shrunk so its longer side fits
/// <see cref="MaxSide"/>. 4:2:0 frames (yuv420p, nv12) are encoded from their planes as they are, with no colour
/// conversion; bgr24 and rgb24 are encoded as packed pixels, gray8 as greyscale.
/// </summary>
/// <remarks>
/// The crop is copied into a reusable scratch buffer on the way (that is where limited-range samples are expanded to
/// JPEG's full range, and where shrinking happens); unscaled packed crops are read in place. The JPEG goes straight
/// into the caller's <see cref="IBufferWriter{T}"/>, sized with <c>tjBufSize</c>, so nothing is allocated per call once
/// the scratch has grown. One TurboJPEG instance per encoder: NOT thread-safe.
/// </remarks>
public sealed unsafe class JpegEncoder : IDisposable
{
    private readonly TurboJpegHandle _handle;
    private readonly byte[] _lumaMap;
    private readonly byte[] _chromaMap;
    private byte[] _scratch = [];

    /// <summary>Creates an encoder.</summary>
    /// <param name="quality">JPEG quality, 1..100.</param>
    /// <param name="maxSide">The longest side of the output in pixels (crops are shrunk, never enlarged), at least 2; null: full size.</param>
    /// <param name="expandLimitedRange">Whether YUV frames are limited range (video; expanded to JPEG's full range) rather than full range.</param>
    /// <exception cref="DllNotFoundException">libturbojpeg.so.0 is not installed.</exception>
    public JpegEncoder(int quality = 85, int? maxSide = null, bool expandLimitedRange = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        if (maxSide is { } side)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(side, 2, nameof(maxSide));
        }

        Quality = quality;
        MaxSide = maxSide;
        _lumaMap = expandLimitedRange ? SampleRange.LimitedToFullLuma : SampleRange.Identity;
        _chromaMap = expandLimitedRange ? SampleRange.LimitedToFullChroma : SampleRange.Identity;
        _handle = TurboJpegNative.InitCompress();
        if (_handle.IsInvalid)
        {
            throw new InvalidOperationException("tjInitCompress failed.");
        }
    }

    /// <summary>JPEG quality, 1..100.</summary>
    public int Quality { get; }

    /// <summary>The output's longest side in pixels; null: crops are encoded at full size.</summary>
    public int? MaxSide { get; }

    /// <summary>Encodes the part of <paramref name="frame"/> under <paramref name="box"/>.</summary>
    /// <returns>False when the box does not cover a pixel of the frame (nothing is written).</returns>
    /// <exception cref="InvalidOperationException">libturbojpeg reported an error.</exception>
    public bool TryEncodeCrop(Frame frame, BoxF box, IBufferWriter<byte> destination, out JpegCrop crop)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return TryEncodeCrop(frame.Pixels, frame.Width, frame.Height, frame.Format, box, destination, out crop);
    }

    /// <summary>Encodes the part of a picture under <paramref name="box"/>.</summary>
    /// <param name="pixels">The picture, unpadded, as <see cref="PixelFormats.FrameSize"/> lays it out.</param>
    /// <param name="width">Its width.</param>
    /// <param name="height">Its height.</param>
    /// <param name="format">Its layout.</param>
    /// <param name="box">The region in pixels; grown to whole pixels (even ones for 4:2:0) and clipped to the picture.</param>
    /// <param name="destination">Receives the JPEG.</param>
    /// <param name="crop">The JPEG's size and length.</param>
    /// <returns>False when the box does not cover a pixel of the picture (nothing is written).</returns>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> is shorter than the picture.</exception>
    /// <exception cref="InvalidOperationException">libturbojpeg reported an error.</exception>
    public bool TryEncodeCrop(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, BoxF box, IBufferWriter<byte> destination, out JpegCrop crop)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (pixels.Length < PixelFormats.FrameSize(format, width, height))
        {
            throw new ArgumentException($"A {width}x{height} {format} picture needs {PixelFormats.FrameSize(format, width, height)} bytes; got {pixels.Length}.", nameof(pixels));
        }

        bool is420 = format is PixelFormat.Yuv420p or PixelFormat.Nv12;
        if (!CropRegion.TryFromBox(box, width, height, is420, out CropRegion region))
        {
            crop = default;
            return false;
        }

        (int outWidth, int outHeight) = OutputSize(region.Width, region.Height, is420);
        int length = format switch
        {
            PixelFormat.Yuv420p or PixelFormat.Nv12 => EncodeYuv420(pixels, width, height, format, region, outWidth, outHeight, destination),
            PixelFormat.Bgr24 => EncodePacked(pixels, width, region, 3, TurboJpegNative.PixelBgr, TurboJpegNative.Subsampling420, outWidth, outHeight, destination),
            PixelFormat.Rgb24 => EncodePacked(pixels, width, region, 3, TurboJpegNative.PixelRgb, TurboJpegNative.Subsampling420, outWidth, outHeight, destination),
            PixelFormat.Gray8 => EncodePacked(pixels, width, region, 1, TurboJpegNative.PixelGray, TurboJpegNative.SubsamplingGray, outWidth, outHeight, destination),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
        };
        crop = new JpegCrop(outWidth, outHeight, length);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private (int Width, int Height) OutputSize(int width, int height, bool is420)
    {
        int longest = Math.Max(width, height);
        if (MaxSide is not { } side || longest <= side)
        {
            return (width, height);
        }

        double scale = (double)side / longest;
        int w = Math.Max(1, (int)Math.Round(width * scale));
        int h = Math.Max(1, (int)Math.Round(height * scale));

        // 4:2:0 planes need even sizes to stay whole; rounding down keeps the longer side within the limit.
        return is420 ? (Math.Max(2, w & ~1), Math.Max(2, h & ~1)) : (w, h);
    }

    private int EncodeYuv420(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, CropRegion region, int outWidth, int outHeight, IBufferWriter<byte> destination)
    {
        int lumaSize = outWidth * outHeight;
        int chromaWidth = outWidth / 2;
        int chromaSize = chromaWidth * (outHeight / 2);
        Span<byte> scratch = Scratch(lumaSize + (2 * chromaSize));
        Span<byte> outY = scratch[..lumaSize];
        Span<byte> outU = scratch.Slice(lumaSize, chromaSize);
        Span<byte> outV = scratch.Slice(lumaSize + chromaSize, chromaSize);

        int frameLuma = width * height;
        int cropChromaWidth = region.Width / 2;
        int cropChromaHeight = region.Height / 2;
        PlaneResampler.Shrink(pixels[((region.Y * width) + region.X)..], width, 1, region.Width, region.Height,
            outY, outWidth, 1, outWidth, outHeight, _lumaMap);
        if (format == PixelFormat.Yuv420p)
        {
            int chromaStride = width / 2;
            int offset = ((region.Y / 2) * chromaStride) + (region.X / 2);
            PlaneResampler.Shrink(pixels[(frameLuma + offset)..], chromaStride, 1, cropChromaWidth, cropChromaHeight,
                outU, chromaWidth, 1, chromaWidth, outHeight / 2, _chromaMap);
            PlaneResampler.Shrink(pixels[(frameLuma + (frameLuma / 4) + offset)..], chromaStride, 1, cropChromaWidth, cropChromaHeight,
                outV, chromaWidth, 1, chromaWidth, outHeight / 2, _chromaMap);
        }
        else
        {
            // NV12: one plane of interleaved U,V pairs; every other byte is one channel.
            int offset = frameLuma + ((region.Y / 2) * width) + region.X;
            PlaneResampler.Shrink(pixels[offset..], width, 2, cropChromaWidth, cropChromaHeight,
                outU, chromaWidth, 1, chromaWidth, outHeight / 2, _chromaMap);
            PlaneResampler.Shrink(pixels[(offset + 1)..], width, 2, cropChromaWidth, cropChromaHeight,
                outV, chromaWidth, 1, chromaWidth, outHeight / 2, _chromaMap);
        }

        int bound = Bound(outWidth, outHeight, TurboJpegNative.Subsampling420);
        Span<byte> output = destination.GetSpan(bound);
        fixed (byte* y = outY)
        fixed (byte* u = outU)
        fixed (byte* v = outV)
        fixed (byte* jpeg = output)
        {
            byte** planes = stackalloc byte*[3] { y, u, v };
            int* strides = stackalloc int[3] { outWidth, chromaWidth, chromaWidth };
            byte* buffer = jpeg;
            var size = new CULong((nuint)output.Length);
            if (TurboJpegNative.CompressFromYuvPlanes(_handle, planes, outWidth, strides, outHeight, TurboJpegNative.Subsampling420,
                &buffer, &size, Quality, TurboJpegNative.FlagNoRealloc) != 0)
            {
                throw new InvalidOperationException("tjCompressFromYUVPlanes: " + TurboJpegNative.LastError(_handle));
            }

            return Finish(destination, buffer, jpeg, size);
        }
    }

    private int EncodePacked(ReadOnlySpan<byte> pixels, int width, CropRegion region, int channels, int pixelFormat, int subsampling, int outWidth, int outHeight, IBufferWriter<byte> destination)
    {
        int frameStride = width * channels;
        ReadOnlySpan<byte> source = pixels[((region.Y * frameStride) + (region.X * channels))..];
        int pitch = frameStride;
        if (outWidth != region.Width || outHeight != region.Height)
        {
            // Shrinking needs a copy; a full-size crop is read in place through the frame's pitch.
            pitch = outWidth * channels;
            Span<byte> scratch = Scratch(pitch * outHeight);
            for (int c = 0; c < channels; c++)
            {
                PlaneResampler.Shrink(source[c..], frameStride, channels, region.Width, region.Height,
                    scratch[c..], pitch, channels, outWidth, outHeight, SampleRange.Identity);
            }

            source = scratch;
        }

        int bound = Bound(outWidth, outHeight, subsampling);
        Span<byte> output = destination.GetSpan(bound);
        fixed (byte* src = source)
        fixed (byte* jpeg = output)
        {
            byte* buffer = jpeg;
            var size = new CULong((nuint)output.Length);
            if (TurboJpegNative.Compress2(_handle, src, outWidth, pitch, outHeight, pixelFormat,
                &buffer, &size, subsampling, Quality, TurboJpegNative.FlagNoRealloc) != 0)
            {
                throw new InvalidOperationException("tjCompress2: " + TurboJpegNative.LastError(_handle));
            }

            return Finish(destination, buffer, jpeg, size);
        }
    }

    private static int Bound(int width, int height, int subsampling)
    {
        ulong bound = TurboJpegNative.BufSize(width, height, subsampling).Value;
        if (bound is 0 or > int.MaxValue)
        {
            throw new InvalidOperationException($"tjBufSize gave no usable bound for {width}x{height}.");
        }

        return (int)bound;
    }

    private static int Finish(IBufferWriter<byte> destination, byte* written, byte* given, CULong size)
    {
        // With TJFLAG_NOREALLOC libturbojpeg writes into the buffer it was given; anything else would be a bug there.
        if (written != given)
        {
            throw new InvalidOperationException("libturbojpeg replaced the output buffer despite TJFLAG_NOREALLOC.");
        }

        int length = (int)size.Value;
        destination.Advance(length);
        return length;
    }

    private Span<byte> Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = GC.AllocateUninitializedArray<byte>(Math.Max(length, _scratch.Length * 2));
        }

        return _scratch.AsSpan(0, length);
    }
}
