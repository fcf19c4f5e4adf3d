namespace Streams.SampleStreams.Internal;

/// <summary>Helpers the presets draw their backgrounds and routes with, in reference (1280x720) coordinates.</summary>
internal static class LayoutKit
{
    /// <summary>A dashed horizontal marking centred on <paramref name="y"/> from x0 to x1.</summary>
    public static void DashedH(List<PixelBox> marks, LayoutScale k, double y, double x0, double x1, double dash, double gap, double width)
    {
        int w = k.MarkWidth(width);
        int top = (int)Math.Floor(k.Y(y) - (w / 2.0) + 0.5);
        for (double x = x0; x < x1; x += dash + gap)
        {
            if (gap > 0 && x1 - x < dash / 2)
            {
                break; // No stub of a dash at the end.
            }

            PixelBox box = k.Rect(x, 0, Math.Min(x + dash, x1), 0);
            marks.Add(box with { Top = top, Height = w });
        }
    }

    /// <summary>A dashed vertical marking centred on <paramref name="x"/> from y0 to y1.</summary>
    public static void DashedV(List<PixelBox> marks, LayoutScale k, double x, double y0, double y1, double dash, double gap, double width)
    {
        int w = k.MarkWidth(width);
        int left = (int)Math.Floor(k.X(x) - (w / 2.0) + 0.5);
        for (double y = y0; y < y1; y += dash + gap)
        {
            if (gap > 0 && y1 - y < dash / 2)
            {
                break; // No stub of a dash at the end.
            }

            PixelBox box = k.Rect(0, y, 0, Math.Min(y + dash, y1));
            marks.Add(box with { Left = left, Width = w });
        }
    }

    /// <summary>A solid horizontal marking.</summary>
    public static void SolidH(List<PixelBox> marks, LayoutScale k, double y, double x0, double x1, double width) =>
        DashedH(marks, k, y, x0, x1, x1 - x0, 0, width);

    /// <summary>A solid vertical marking.</summary>
    public static void SolidV(List<PixelBox> marks, LayoutScale k, double x, double y0, double y1, double width) =>
        DashedV(marks, k, x, y0, y1, y1 - y0, 0, width);

    /// <summary>Zebra bars across a road: horizontal bars from x0 to x1 every <paramref name="pitch"/> between y0 and y1.</summary>
    public static void ZebraRows(List<PixelBox> marks, LayoutScale k, double x0, double x1, double y0, double y1, double pitch)
    {
        for (double y = y0; y <= y1; y += pitch)
        {
            SolidH(marks, k, y, x0, x1, 6);
        }
    }

    /// <summary>Zebra bars across a road: vertical bars from y0 to y1 every <paramref name="pitch"/> between x0 and x1.</summary>
    public static void ZebraColumns(List<PixelBox> marks, LayoutScale k, double y0, double y1, double x0, double x1, double pitch)
    {
        for (double x = x0; x <= x1; x += pitch)
        {
            SolidV(marks, k, x, y0, y1, 6);
        }
    }

    /// <summary>A few darker blotches anywhere in the frame (oil stains, shade).</summary>
    public static List<BackgroundPatch> Patches(Prng rng, LayoutScale k, int count)
    {
        List<BackgroundPatch> patches = [];
        for (int i = 0; i < count; i++)
        {
            patches.Add(new BackgroundPatch(
                rng.NextDouble(0, k.Width), rng.NextDouble(0, k.Height),
                rng.NextDouble(40, 170) * k.Sx, rng.NextDouble(30, 120) * k.Sy, rng.NextDouble(6, 20)));
        }

        return patches;
    }

    /// <summary>The common part of a background: base luminance, gentle gradients and a faint tint.</summary>
    public static BackgroundLayout Base(Prng rng) => new()
    {
        BaseLuma = rng.NextDouble(102, 118),
        GradientX = rng.NextDouble(-14, 14),
        GradientY = rng.NextDouble(-12, 12),
        Tint = (rng.NextInt(-3, 3), rng.NextInt(-3, 3), rng.NextInt(-3, 3)),
    };

    /// <summary>Random sign: -1 or +1.</summary>
    public static double Sign(Prng rng) => rng.NextBool(0.5) ? 1 : -1;

    /// <summary>The first arc length at which <paramref name="reached"/> holds, scanning in 1 px steps; the end if never.</summary>
    public static double ArcWhere(ObjectPath path, Func<ScenePoint, bool> reached)
    {
        int steps = Math.Max(1, (int)Math.Ceiling(path.Length));
        for (int i = 0; i <= steps; i++)
        {
            double s = path.Length * i / steps;
            if (reached(path.PointAt(s)))
            {
                return s;
            }
        }

        return path.Length;
    }
}
