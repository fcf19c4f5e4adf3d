using Streams.Runtime;

namespace Streams.Video.Internal;

/// <summary>
/// Drawing on one 4:2:0 (yuv420p, nv12) or gray picture held in a span: filled rectangles, borders, thick lines and
/// bitmap text, all clipped to the picture. A pixel's colour sets its luma and the chroma sample of its 2x2 block,
/// so shapes at odd coordinates tint their neighbours' chroma by up to one pixel (as every 4:2:0 overlay does).
/// Allocates nothing.
/// </summary>
internal readonly ref struct YuvCanvas
{
    // Coordinates past this are clamped before any integer arithmetic: a box from a diverging tracker must not overflow.
    private const float CoordinateLimit = 1 << 20;
    private const int SmallRun = 16;

    private readonly Span<byte> _pixels;
    private readonly int _chromaOffsetU;
    private readonly int _chromaOffsetV;
    private readonly int _chromaStride;
    private readonly bool _planar;
    private readonly bool _hasChroma;

    /// <summary>Wraps <paramref name="pixels"/>, which must hold a whole picture of the given size and format.</summary>
    /// <exception cref="ArgumentException">The format cannot be drawn on or the span is too short.</exception>
    public YuvCanvas(Span<byte> pixels, int width, int height, PixelFormat format)
    {
        if (!Supports(format))
        {
            throw new ArgumentException($"Cannot draw on {format} pictures.", nameof(format));
        }

        if (pixels.Length < PixelFormats.FrameSize(format, width, height))
        {
            throw new ArgumentException($"{pixels.Length} bytes cannot hold a {width}x{height} {format} picture.", nameof(pixels));
        }

        _pixels = pixels;
        Width = width;
        Height = height;
        int luma = width * height;
        _hasChroma = format != PixelFormat.Gray8;
        _planar = format == PixelFormat.Yuv420p;
        _chromaOffsetU = luma;
        _chromaOffsetV = _planar ? luma + (luma / 4) : luma + 1;
        _chromaStride = _planar ? width / 2 : width;
    }

    /// <summary>Picture width.</summary>
    public int Width { get; }

    /// <summary>Picture height.</summary>
    public int Height { get; }

    /// <summary>Whether pictures of <paramref name="format"/> can be drawn on.</summary>
    public static bool Supports(PixelFormat format) => format is PixelFormat.Yuv420p or PixelFormat.Nv12 or PixelFormat.Gray8;

    /// <summary>Clamps a float coordinate to a range where integer arithmetic cannot overflow.</summary>
    public static int ToPixel(float value) =>
        float.IsNaN(value) ? 0 : (int)MathF.Round(Math.Clamp(value, -CoordinateLimit, CoordinateLimit));

    /// <summary>Fills the rectangle at (<paramref name="x"/>, <paramref name="y"/>), clipped to the picture.</summary>
    public void FillRect(int x, int y, int width, int height, YuvColor color)
    {
        int x0 = Math.Max(x, 0);
        int y0 = Math.Max(y, 0);
        int x1 = (int)Math.Min((long)x + width, Width);
        int y1 = (int)Math.Min((long)y + height, Height);
        if (x1 <= x0 || y1 <= y0)
        {
            return;
        }

        FillLumaClipped(x0, y0, x1, y1, color.Y);
        if (!_hasChroma)
        {
            return;
        }

        int cx0 = x0 >> 1;
        int cx1 = (x1 + 1) >> 1;
        int cy0 = y0 >> 1;
        int cy1 = (y1 + 1) >> 1;
        int cw = cx1 - cx0;
        Span<byte> pixels = _pixels;
        if (_planar)
        {
            for (int row = cy0; row < cy1; row++)
            {
                int offset = (row * _chromaStride) + cx0;
                if (cw <= SmallRun)
                {
                    for (int i = 0; i < cw; i++)
                    {
                        pixels[_chromaOffsetU + offset + i] = color.U;
                        pixels[_chromaOffsetV + offset + i] = color.V;
                    }
                }
                else
                {
                    pixels.Slice(_chromaOffsetU + offset, cw).Fill(color.U);
                    pixels.Slice(_chromaOffsetV + offset, cw).Fill(color.V);
                }
            }
        }
        else
        {
            for (int row = cy0; row < cy1; row++)
            {
                Span<byte> line = pixels.Slice(_chromaOffsetU + (row * _chromaStride) + (cx0 * 2), cw * 2);
                for (int i = 0; i < line.Length; i += 2)
                {
                    line[i] = color.U;
                    line[i + 1] = color.V;
                }
            }
        }
    }

    // Rows of [x0, x1) x [y0, y1), already inside the picture: short runs byte by byte (a Fill call costs more).
    private void FillLumaClipped(int x0, int y0, int x1, int y1, byte value)
    {
        int w = x1 - x0;
        Span<byte> pixels = _pixels;
        if (w <= SmallRun)
        {
            for (int row = y0; row < y1; row++)
            {
                int offset = (row * Width) + x0;
                for (int i = 0; i < w; i++)
                {
                    pixels[offset + i] = value;
                }
            }
        }
        else
        {
            for (int row = y0; row < y1; row++)
            {
                pixels.Slice((row * Width) + x0, w).Fill(value);
            }
        }
    }

    // Luma only, clipped.
    private void FillLuma(long x, long y, int size, byte value)
    {
        int x0 = (int)Math.Max(x, 0);
        int y0 = (int)Math.Max(y, 0);
        int x1 = (int)Math.Min(x + size, Width);
        int y1 = (int)Math.Min(y + size, Height);
        if (x1 > x0 && y1 > y0)
        {
            FillLumaClipped(x0, y0, x1, y1, value);
        }
    }

    /// <summary>Draws the border of a rectangle, <paramref name="thickness"/> pixels wide inside its bounds.</summary>
    public void DrawRect(int x, int y, int width, int height, int thickness, YuvColor color)
    {
        if (width <= 0 || height <= 0 || thickness <= 0)
        {
            return;
        }

        int t = Math.Min(thickness, Math.Min((width + 1) / 2, (height + 1) / 2));
        FillRect(x, y, width, t, color);
        FillRect(x, (int)Math.Min((long)y + height - t, int.MaxValue), width, t, color);
        FillRect(x, y + t, t, height - (2 * t), color);
        FillRect((int)Math.Min((long)x + width - t, int.MaxValue), y + t, t, height - (2 * t), color);
    }

    /// <summary>Draws a line <paramref name="thickness"/> pixels wide (Bresenham, clipped first).</summary>
    public void DrawLine(int x0, int y0, int x1, int y1, int thickness, YuvColor color)
    {
        int t = Math.Max(thickness, 1);
        if (!Clip(ref x0, ref y0, ref x1, ref y1, t))
        {
            return;
        }

        int half = t / 2;
        int dx = Math.Abs(x1 - x0);
        int dy = -Math.Abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        bool xMajor = dx >= -dy;
        while (true)
        {
            // A run across the line's main direction at each step: t pixels thick, one stamp per step.
            if (xMajor)
            {
                FillRect(x0, y0 - half, 1, t, color);
            }
            else
            {
                FillRect(x0 - half, y0, t, 1, color);
            }

            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            int e2 = 2 * error;
            if (e2 >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (e2 <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>Draws <paramref name="text"/> with its top-left at (x, y), each font pixel a square of
    /// <paramref name="scale"/>. Returns the width drawn. Text sets luma only: it is drawn black or white on a
    /// label, and leaving the label's chroma keeps 4:2:0 from smearing grey blocks into it.</summary>
    public int DrawText(int x, int y, ReadOnlySpan<char> text, int scale, YuvColor color)
    {
        int s = Math.Max(scale, 1);
        int cell = BitmapFont.CellWidth * s;
        if (y >= Height || (long)y + (BitmapFont.GlyphHeight * s) <= 0)
        {
            return BitmapFont.MeasureWidth(text.Length, s);
        }

        for (int i = 0; i < text.Length; i++)
        {
            long left = x + ((long)i * cell);
            if (left >= Width)
            {
                break;
            }

            if (left + cell <= 0)
            {
                continue;
            }

            ReadOnlySpan<byte> glyph = BitmapFont.Glyph(text[i]);
            for (int column = 0; column < BitmapFont.GlyphWidth; column++)
            {
                int bits = glyph[column];
                for (int row = 0; bits != 0; row++, bits >>= 1)
                {
                    if ((bits & 1) != 0)
                    {
                        FillLuma(left + (column * s), (long)y + (row * s), s, color.Y);
                    }
                }
            }
        }

        return BitmapFont.MeasureWidth(text.Length, s);
    }

    /// <summary>Draws <paramref name="text"/> on a filled box whose top-left is (x, y). Returns the box's size.</summary>
    public (int Width, int Height) DrawLabel(int x, int y, ReadOnlySpan<char> text, int scale, YuvColor background)
    {
        (int w, int h) = MeasureLabel(text.Length, scale);
        FillRect(x, y, w, h, background);
        int s = Math.Max(scale, 1);
        DrawText(x + (2 * s), y + (2 * s), text, s, background.Contrasting);
        return (w, h);
    }

    /// <summary>The size of a label of <paramref name="length"/> characters.</summary>
    public static (int Width, int Height) MeasureLabel(int length, int scale)
    {
        int s = Math.Max(scale, 1);
        return (BitmapFont.MeasureWidth(length, s) + (4 * s), (BitmapFont.GlyphHeight + 4) * s);
    }

    // Liang-Barsky against the picture grown by the line's thickness; false when nothing is visible.
    private bool Clip(ref int x0, ref int y0, ref int x1, ref int y1, int margin)
    {
        double minX = -margin;
        double minY = -margin;
        double maxX = Width - 1 + margin;
        double maxY = Height - 1 + margin;
        double dx = x1 - (double)x0;
        double dy = y1 - (double)y0;
        double t0 = 0;
        double t1 = 1;
        if (!Edge(-dx, x0 - minX, ref t0, ref t1) || !Edge(dx, maxX - x0, ref t0, ref t1)
            || !Edge(-dy, y0 - minY, ref t0, ref t1) || !Edge(dy, maxY - y0, ref t0, ref t1))
        {
            return false;
        }

        int nx0 = (int)Math.Round(x0 + (t0 * dx));
        int ny0 = (int)Math.Round(y0 + (t0 * dy));
        int nx1 = (int)Math.Round(x0 + (t1 * dx));
        int ny1 = (int)Math.Round(y0 + (t1 * dy));
        x0 = nx0;
        y0 = ny0;
        x1 = nx1;
        y1 = ny1;
        return true;

        static bool Edge(double p, double q, ref double t0, ref double t1)
        {
            if (p == 0)
            {
                return q >= 0;
            }

            double r = q / p;
            if (p < 0)
            {
                if (r > t1)
                {
                    return false;
                }

                if (r > t0)
                {
                    t0 = r;
                }
            }
            else
            {
                if (r < t0)
                {
                    return false;
                }

                if (r < t1)
                {
                    t1 = r;
                }
            }

            return true;
        }
    }
}
