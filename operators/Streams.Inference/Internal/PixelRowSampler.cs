using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Streams.Runtime;

namespace Streams.Inference.Internal;

/// <summary>
/// Samples one output row of a resized region into red, green and blue float rows (0..255): bilinear at pixel
/// centres (OpenCV's INTER_LINEAR) or nearest, from packed, planar or semi-planar frames, YUV converted to RGB.
/// </summary>
/// <remarks>
/// Column positions and weights are computed once per <see cref="Prepare"/> into tables, pre-multiplied by the
/// byte step of the plane, and clamped to the region: the inner loops read without bounds checks. The caller has
/// checked that the frame holds all its bytes and the region lies inside it.
/// </remarks>
internal sealed class PixelRowSampler
{
    private readonly ResizeFilter _filter;
    private readonly int[] _x0;
    private readonly int[] _x1;
    private readonly float[] _fx;
    private readonly int[] _cx0;
    private readonly int[] _cx1;
    private readonly float[] _cfx;
    private readonly float[] _r;
    private readonly float[] _g;
    private readonly float[] _b;
    private readonly float[] _y;
    private readonly float[] _u;
    private readonly float[] _v;
    private ImageTransform _t;
    private PixelFormat _format;
    private int _width;
    private int _height;
    private double _rowStep;
    private bool _identityColumns;

    public PixelRowSampler(int maxWidth, ResizeFilter filter)
    {
        _filter = filter;
        _x0 = new int[maxWidth];
        _x1 = new int[maxWidth];
        _fx = new float[maxWidth];
        _cx0 = new int[maxWidth];
        _cx1 = new int[maxWidth];
        _cfx = new float[maxWidth];
        _r = new float[maxWidth];
        _g = new float[maxWidth];
        _b = new float[maxWidth];
        _y = new float[maxWidth];
        _u = new float[maxWidth];
        _v = new float[maxWidth];
    }

    /// <summary>Computes the column tables for a transform and a frame.</summary>
    public void Prepare(in ImageTransform t, PixelFormat format, int width, int height)
    {
        _t = t;
        _format = format;
        _width = width;
        _height = height;
        _rowStep = (double)t.RegionHeight / t.ContentHeight;
        double columnStep = (double)t.RegionWidth / t.ContentWidth;
        int lumaStep = format is PixelFormat.Bgr24 or PixelFormat.Rgb24 ? 3 : 1;
        int chromaStep = format == PixelFormat.Nv12 ? 2 : 1;
        _identityColumns = t.ContentWidth == t.RegionWidth;
        for (int x = 0; x < t.ContentWidth; x++)
        {
            (int i0, int i1, float f) = Tap(x, columnStep, t.RegionLeft, t.RegionWidth);
            _x0[x] = i0 * lumaStep;
            _x1[x] = i1 * lumaStep;
            _fx[x] = f;
            if (format is PixelFormat.Yuv420p or PixelFormat.Nv12)
            {
                (int c0, int c1, float cf) = ChromaTap(i0, f, width / 2);
                _cx0[x] = c0 * chromaStep;
                _cx1[x] = c1 * chromaStep;
                _cfx[x] = cf;
            }
        }
    }

    /// <summary>Samples output row <paramref name="y"/> of the content; the rows are valid until the next call.</summary>
    public void SampleRow(ReadOnlySpan<byte> pixels, int y, out ReadOnlySpan<float> r, out ReadOnlySpan<float> g, out ReadOnlySpan<float> b)
    {
        int n = _t.ContentWidth;
        (int y0, int y1, float fy) = Tap(y, _rowStep, _t.RegionTop, _t.RegionHeight);
        switch (_format)
        {
            case PixelFormat.Bgr24:
            case PixelFormat.Rgb24:
                int stride = _width * 3;
                // Bytes 0, 1, 2 of each pixel go to rows first, second, third: blue first for bgr24, red first for rgb24.
                Span<float> first = _format == PixelFormat.Rgb24 ? _r : _b;
                Span<float> third = _format == PixelFormat.Rgb24 ? _b : _r;
                if (_identityColumns && fy == 0)
                {
                    RowMath.Deinterleave3(pixels.Slice((y0 * stride) + (_t.RegionLeft * 3), n * 3), first, _g, third);
                }
                else
                {
                    SamplePacked(pixels, y0 * stride, y1 * stride, fy, _x0, _x1, _fx, n, first, _g, third);
                }

                break;
            case PixelFormat.Gray8:
                SampleLuma(pixels, y0, y1, fy, n, _r);
                r = g = b = _r.AsSpan(0, n);
                return;
            case PixelFormat.Yuv420p:
            case PixelFormat.Nv12:
                SampleYuv(pixels, y0, y1, fy, n);
                break;
            default:
                throw new NotSupportedException($"Pixel format {_format} is not supported.");
        }

        r = _r.AsSpan(0, n);
        g = _g.AsSpan(0, n);
        b = _b.AsSpan(0, n);
    }

    private void SampleYuv(ReadOnlySpan<byte> pixels, int y0, int y1, float fy, int n)
    {
        SampleLuma(pixels, y0, y1, fy, n, _y);
        int lumaSize = _width * _height;
        int chromaWidth = _width / 2;
        // Chroma samples sit between each pair of luma rows (MPEG-2 siting, ffmpeg's default for 4:2:0).
        (int c0, int c1, float cf) = ChromaTap(y0, fy, _height / 2);
        if (_format == PixelFormat.Yuv420p)
        {
            int chromaSize = chromaWidth * (_height / 2);
            int u = lumaSize;
            int v = lumaSize + chromaSize;
            Sample(pixels, u + (c0 * chromaWidth), u + (c1 * chromaWidth), cf, _cx0, _cx1, _cfx, n, _u);
            Sample(pixels, v + (c0 * chromaWidth), v + (c1 * chromaWidth), cf, _cx0, _cx1, _cfx, n, _v);
        }
        else
        {
            // nv12: one plane of U,V pairs, _width bytes per chroma row.
            int uv = lumaSize;
            Sample(pixels, uv + (c0 * _width), uv + (c1 * _width), cf, _cx0, _cx1, _cfx, n, _u);
            Sample(pixels, uv + (c0 * _width) + 1, uv + (c1 * _width) + 1, cf, _cx0, _cx1, _cfx, n, _v);
        }

        RowMath.YuvToRgb(_y.AsSpan(0, n), _u.AsSpan(0, n), _v.AsSpan(0, n), _r, _g, _b);
    }

    /// <summary>A row of a one-byte-per-pixel plane (luma, grey): widened straight when not resized.</summary>
    private void SampleLuma(ReadOnlySpan<byte> pixels, int y0, int y1, float fy, int n, Span<float> destination)
    {
        if (_identityColumns && fy == 0)
        {
            RowMath.Widen(pixels.Slice((y0 * _width) + _t.RegionLeft, n), destination);
        }
        else
        {
            Sample(pixels, y0 * _width, y1 * _width, fy, _x0, _x1, _fx, n, destination);
        }
    }

    /// <summary>The two taps and the weight of the second for output index <paramref name="i"/>, clamped to the region.</summary>
    private (int I0, int I1, float F) Tap(int i, double step, int origin, int extent)
    {
        if (_filter == ResizeFilter.Nearest)
        {
            int k = Math.Min((int)((i + 0.5) * step), extent - 1);
            return (origin + k, origin + k, 0f);
        }

        double s = ((i + 0.5) * step) - 0.5;
        if (s <= 0)
        {
            return (origin, origin, 0f);
        }

        int i0 = (int)s;
        if (i0 >= extent - 1)
        {
            return (origin + extent - 1, origin + extent - 1, 0f);
        }

        return (origin + i0, origin + i0 + 1, (float)(s - i0));
    }

    /// <summary>Chroma taps for a luma position (<paramref name="luma"/> + <paramref name="fraction"/>) at half resolution.</summary>
    private (int I0, int I1, float F) ChromaTap(int luma, float fraction, int chromaExtent)
    {
        if (_filter == ResizeFilter.Nearest)
        {
            int k = Math.Min(luma / 2, chromaExtent - 1);
            return (k, k, 0f);
        }

        double s = ((luma + fraction + 0.5) / 2) - 0.5;
        if (s <= 0)
        {
            return (0, 0, 0f);
        }

        int i0 = (int)s;
        return i0 >= chromaExtent - 1 ? (chromaExtent - 1, chromaExtent - 1, 0f) : (i0, i0 + 1, (float)(s - i0));
    }

    /// <summary>The three channels of a packed row at once: one table lookup per output pixel serves all three.</summary>
    private static void SamplePacked(ReadOnlySpan<byte> pixels, int row0, int row1, float fy, int[] x0, int[] x1, float[] fx, int n,
        Span<float> c0, Span<float> c1, Span<float> c2)
    {
        ref byte p0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(pixels), row0);
        ref byte p1 = ref Unsafe.Add(ref MemoryMarshal.GetReference(pixels), row1);
        ref int a = ref MemoryMarshal.GetArrayDataReference(x0);
        ref int b = ref MemoryMarshal.GetArrayDataReference(x1);
        ref float w = ref MemoryMarshal.GetArrayDataReference(fx);
        ref float d0 = ref MemoryMarshal.GetReference(c0);
        ref float d1 = ref MemoryMarshal.GetReference(c1);
        ref float d2 = ref MemoryMarshal.GetReference(c2);
        for (int x = 0; x < n; x++)
        {
            int i0 = Unsafe.Add(ref a, x);
            int i1 = Unsafe.Add(ref b, x);
            float wx = Unsafe.Add(ref w, x);
            Unsafe.Add(ref d0, x) = Lerp2(ref p0, ref p1, i0, i1, wx, fy);
            Unsafe.Add(ref d1, x) = Lerp2(ref p0, ref p1, i0 + 1, i1 + 1, wx, fy);
            Unsafe.Add(ref d2, x) = Lerp2(ref p0, ref p1, i0 + 2, i1 + 2, wx, fy);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Lerp2(ref byte p0, ref byte p1, int i0, int i1, float wx, float fy)
    {
        float t0 = Unsafe.Add(ref p0, i0);
        float t1 = Unsafe.Add(ref p0, i1);
        float b0 = Unsafe.Add(ref p1, i0);
        float b1 = Unsafe.Add(ref p1, i1);
        float top = t0 + ((t1 - t0) * wx);
        float bottom = b0 + ((b1 - b0) * wx);
        return top + ((bottom - top) * fy);
    }

    /// <summary>
    /// One channel of one output row: bilinear between rows at <paramref name="row0"/> and <paramref name="row1"/>
    /// (byte offsets of the channel's first sample) and the tabled columns.
    /// </summary>
    private static void Sample(ReadOnlySpan<byte> pixels, int row0, int row1, float fy, int[] x0, int[] x1, float[] fx, int n, Span<float> destination)
    {
        ref byte p0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(pixels), row0);
        ref byte p1 = ref Unsafe.Add(ref MemoryMarshal.GetReference(pixels), row1);
        ref int a = ref MemoryMarshal.GetArrayDataReference(x0);
        ref int b = ref MemoryMarshal.GetArrayDataReference(x1);
        ref float w = ref MemoryMarshal.GetArrayDataReference(fx);
        ref float d = ref MemoryMarshal.GetReference(destination);
        if (fy == 0)
        {
            for (int x = 0; x < n; x++)
            {
                float l = Unsafe.Add(ref p0, Unsafe.Add(ref a, x));
                float r = Unsafe.Add(ref p0, Unsafe.Add(ref b, x));
                Unsafe.Add(ref d, x) = l + ((r - l) * Unsafe.Add(ref w, x));
            }

            return;
        }

        for (int x = 0; x < n; x++)
        {
            int i0 = Unsafe.Add(ref a, x);
            int i1 = Unsafe.Add(ref b, x);
            float wx = Unsafe.Add(ref w, x);
            float t0 = Unsafe.Add(ref p0, i0);
            float t1 = Unsafe.Add(ref p0, i1);
            float b0 = Unsafe.Add(ref p1, i0);
            float b1 = Unsafe.Add(ref p1, i1);
            float top = t0 + ((t1 - t0) * wx);
            float bottom = b0 + ((b1 - b0) * wx);
            Unsafe.Add(ref d, x) = top + ((bottom - top) * fy);
        }
    }
}
