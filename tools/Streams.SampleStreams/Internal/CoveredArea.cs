namespace Streams.SampleStreams.Internal;

/// <summary>The area of a union of boxes inside a clip box, by coordinate compression (exact, for a handful of boxes).</summary>
internal static class CoveredArea
{
    public static long Of(PixelBox clip, List<PixelBox> covers)
    {
        if (covers.Count == 0)
        {
            return 0;
        }

        List<int> xs = [clip.Left, clip.Right];
        List<int> ys = [clip.Top, clip.Bottom];
        foreach (PixelBox c in covers)
        {
            xs.Add(Math.Clamp(c.Left, clip.Left, clip.Right));
            xs.Add(Math.Clamp(c.Right, clip.Left, clip.Right));
            ys.Add(Math.Clamp(c.Top, clip.Top, clip.Bottom));
            ys.Add(Math.Clamp(c.Bottom, clip.Top, clip.Bottom));
        }

        xs.Sort();
        ys.Sort();
        long area = 0;
        for (int i = 0; i + 1 < xs.Count; i++)
        {
            int x0 = xs[i];
            int x1 = xs[i + 1];
            if (x1 == x0)
            {
                continue;
            }

            for (int j = 0; j + 1 < ys.Count; j++)
            {
                int y0 = ys[j];
                int y1 = ys[j + 1];
                if (y1 == y0)
                {
                    continue;
                }

                foreach (PixelBox c in covers)
                {
                    if (c.Left <= x0 && x1 <= c.Right && c.Top <= y0 && y1 <= c.Bottom)
                    {
                        area += (long)(x1 - x0) * (y1 - y0);
                        break;
                    }
                }
            }
        }

        return area;
    }
}
