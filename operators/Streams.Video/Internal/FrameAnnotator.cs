using System.Globalization;
using Streams.Runtime;

namespace Streams.Video.Internal;

/// <summary>
/// Draws one frame's annotations: zone outlines, counting lines with their direction arrow, object boxes with a
/// "class #track 0.87" label, and a counts box in the top-left corner. Allocates nothing; one instance per thread.
/// </summary>
internal sealed class FrameAnnotator
{
    private const int MaxLabel = 64;

    private readonly string[] _classNames;
    private readonly char[] _text = new char[MaxLabel];

    public FrameAnnotator(IReadOnlyList<string>? classNames)
    {
        _classNames = classNames is null ? [] : [.. classNames];
    }

    /// <summary>Font scale for a picture: 1 up to 360 rows or columns, 2 at 720p, 3 at 1080p.</summary>
    public static int ScaleFor(int width, int height) => Math.Max(1, Math.Min(width, height) / 360);

    public void Draw(YuvCanvas canvas, ReadOnlySpan<DetectedObject> objects, IReadOnlyList<OverlayZone>? zones,
        IReadOnlyList<OverlayLine>? lines, IReadOnlyList<(string Label, long Count)>? counts)
    {
        int scale = ScaleFor(canvas.Width, canvas.Height);
        if (zones is not null)
        {
            for (int i = 0; i < zones.Count; i++)
            {
                DrawZone(canvas, zones[i], Palette.Get(i + 7), scale);
            }
        }

        if (lines is not null)
        {
            for (int i = 0; i < lines.Count; i++)
            {
                DrawCountingLine(canvas, lines[i], scale);
            }
        }

        int border = Math.Max(2, scale);
        for (int i = 0; i < objects.Length; i++)
        {
            DrawObject(canvas, in objects[i], scale, border);
        }

        if (counts is not null && counts.Count > 0)
        {
            DrawCounts(canvas, counts, scale);
        }
    }

    private void DrawObject(YuvCanvas canvas, in DetectedObject detected, int scale, int border)
    {
        BoxF box = detected.Box;
        int left = YuvCanvas.ToPixel(box.Left);
        int top = YuvCanvas.ToPixel(box.Top);
        int right = YuvCanvas.ToPixel(box.Right);
        int bottom = YuvCanvas.ToPixel(box.Bottom);
        YuvColor color = Palette.Get(detected.ClassId);
        canvas.DrawRect(left, top, right - left, bottom - top, border, color);

        Span<char> text = _text;
        int length = 0;
        if ((uint)detected.ClassId < (uint)_classNames.Length)
        {
            Append(text, ref length, _classNames[detected.ClassId]);
        }
        else
        {
            AppendNumber(text, ref length, detected.ClassId);
        }

        if (detected.TrackId != 0)
        {
            Append(text, ref length, " #");
            AppendNumber(text, ref length, detected.TrackId);
        }

        Append(text, ref length, " ");
        AppendConfidence(text, ref length, detected.Confidence);

        (int labelWidth, int labelHeight) = YuvCanvas.MeasureLabel(length, scale);
        int x = Math.Clamp(left, 0, Math.Max(0, canvas.Width - labelWidth));
        int y = top - labelHeight >= 0 ? top - labelHeight : Math.Max(top, 0);
        if (y >= canvas.Height || right < 0 || left >= canvas.Width)
        {
            return;
        }

        canvas.DrawLabel(x, Math.Min(y, canvas.Height - labelHeight), text[..length], scale, color);
    }

    private static void DrawZone(YuvCanvas canvas, OverlayZone zone, YuvColor color, int scale)
    {
        IReadOnlyList<OverlayPoint> polygon = zone.Polygon;
        if (polygon is null || polygon.Count == 0)
        {
            return;
        }

        int thickness = Math.Max(2, scale);
        for (int i = 0; i < polygon.Count; i++)
        {
            OverlayPoint a = polygon[i];
            OverlayPoint b = polygon[(i + 1) % polygon.Count];
            canvas.DrawLine(YuvCanvas.ToPixel(a.X), YuvCanvas.ToPixel(a.Y), YuvCanvas.ToPixel(b.X), YuvCanvas.ToPixel(b.Y), thickness, color);
        }

        OverlayPoint first = polygon[0];
        canvas.DrawLabel(YuvCanvas.ToPixel(first.X), YuvCanvas.ToPixel(first.Y), zone.Id, scale, color);
    }

    private static void DrawCountingLine(YuvCanvas canvas, OverlayLine line, int scale)
    {
        YuvColor color = YuvColor.Yellow;
        int thickness = Math.Max(3, scale + 1);
        int ax = YuvCanvas.ToPixel(line.A.X);
        int ay = YuvCanvas.ToPixel(line.A.Y);
        int bx = YuvCanvas.ToPixel(line.B.X);
        int by = YuvCanvas.ToPixel(line.B.Y);
        canvas.DrawLine(ax, ay, bx, by, thickness, color);
        int dot = thickness * 3;
        canvas.FillRect(ax - (dot / 2), ay - (dot / 2), dot, dot, color);
        canvas.FillRect(bx - (dot / 2), by - (dot / 2), dot, dot, color);

        float dx = line.B.X - line.A.X;
        float dy = line.B.Y - line.A.Y;
        float length = MathF.Sqrt((dx * dx) + (dy * dy));
        if (length > 0 && float.IsFinite(length))
        {
            // The "in" side: right of A->B on the image (y down), where the analytics' cross product is positive.
            float ux = dx / length;
            float uy = dy / length;
            float nx = -uy;
            float ny = ux;
            float mx = (line.A.X + line.B.X) / 2;
            float my = (line.A.Y + line.B.Y) / 2;
            float arrow = 14 * scale;
            float head = 5 * scale;
            float tx = mx + (nx * arrow);
            float ty = my + (ny * arrow);
            int tipX = YuvCanvas.ToPixel(tx);
            int tipY = YuvCanvas.ToPixel(ty);
            canvas.DrawLine(YuvCanvas.ToPixel(mx), YuvCanvas.ToPixel(my), tipX, tipY, thickness, color);
            canvas.DrawLine(tipX, tipY, YuvCanvas.ToPixel(tx - (nx * head) + (ux * head)), YuvCanvas.ToPixel(ty - (ny * head) + (uy * head)), thickness, color);
            canvas.DrawLine(tipX, tipY, YuvCanvas.ToPixel(tx - (nx * head) - (ux * head)), YuvCanvas.ToPixel(ty - (ny * head) - (uy * head)), thickness, color);
            DrawCentredLabel(canvas, line.NameIn, tx + (nx * 8 * scale), ty + (ny * 8 * scale), scale, color);
            DrawCentredLabel(canvas, line.NameOut, mx - (nx * arrow), my - (ny * arrow), scale, color);
        }

        canvas.DrawLabel(ax + dot, ay + dot, line.Id, scale, color);
    }

    private static void DrawCentredLabel(YuvCanvas canvas, string text, float x, float y, int scale, YuvColor color)
    {
        (int w, int h) = YuvCanvas.MeasureLabel(text.Length, scale);
        canvas.DrawLabel(YuvCanvas.ToPixel(x) - (w / 2), YuvCanvas.ToPixel(y) - (h / 2), text, scale, color);
    }

    private void DrawCounts(YuvCanvas canvas, IReadOnlyList<(string Label, long Count)> counts, int scale)
    {
        Span<char> text = _text;
        int widest = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            widest = Math.Max(widest, FormatCount(text, counts[i]));
        }

        (int width, int lineHeight) = YuvCanvas.MeasureLabel(widest, scale);
        int margin = 4 * scale;
        int step = lineHeight - (2 * scale);
        canvas.FillRect(margin, margin, width, (step * counts.Count) + (2 * scale), YuvColor.Black);
        for (int i = 0; i < counts.Count; i++)
        {
            int length = FormatCount(text, counts[i]);
            canvas.DrawText(margin + (2 * scale), margin + (2 * scale) + (i * step), text[..length], scale, YuvColor.White);
        }
    }

    private static int FormatCount(Span<char> text, (string Label, long Count) line)
    {
        int length = 0;
        Append(text, ref length, line.Label);
        Append(text, ref length, ": ");
        AppendNumber(text, ref length, line.Count);
        return length;
    }

    private static void Append(Span<char> text, ref int length, ReadOnlySpan<char> value)
    {
        int n = Math.Min(value.Length, text.Length - length);
        value[..n].CopyTo(text[length..]);
        length += n;
    }

    private static void AppendNumber(Span<char> text, ref int length, long value)
    {
        if (value.TryFormat(text[length..], out int written, default, CultureInfo.InvariantCulture))
        {
            length += written;
        }
    }

    // "0.87" without a format string: two decimals, clamped to 0..1.
    private static void AppendConfidence(Span<char> text, ref int length, float confidence)
    {
        if (text.Length - length < 4)
        {
            return;
        }

        int hundredths = float.IsNaN(confidence) ? 0 : (int)MathF.Round(Math.Clamp(confidence, 0f, 1f) * 100);
        text[length++] = (char)('0' + (hundredths / 100));
        text[length++] = '.';
        text[length++] = (char)('0' + (hundredths / 10 % 10));
        text[length++] = (char)('0' + (hundredths % 10));
    }
}
