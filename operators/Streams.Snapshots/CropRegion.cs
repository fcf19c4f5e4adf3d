using Streams.Runtime;

namespace Streams.Snapshots;

/// <summary>A box turned into whole pixels inside the frame; even-aligned for 4:2:0, where chroma covers 2x2 pixels.</summary>
internal readonly record struct CropRegion(int X, int Y, int Width, int Height)
{
    /// <summary>The pixels covering <paramref name="box"/>, clipped to the frame; false when nothing is left.</summary>
    public static bool TryFromBox(BoxF box, int frameWidth, int frameHeight, bool evenAligned, out CropRegion region)
    {
        region = default;
        if (!float.IsFinite(box.Left) || !float.IsFinite(box.Top) || !float.IsFinite(box.Width) || !float.IsFinite(box.Height))
        {
            return false;
        }

        // Grow outwards to whole pixels: the crop shows at least the box.
        int left = (int)Math.Clamp(MathF.Floor(box.Left), 0, frameWidth);
        int top = (int)Math.Clamp(MathF.Floor(box.Top), 0, frameHeight);
        int right = (int)Math.Clamp(MathF.Ceiling(box.Right), 0, frameWidth);
        int bottom = (int)Math.Clamp(MathF.Ceiling(box.Bottom), 0, frameHeight);
        if (evenAligned)
        {
            // 4:2:0 frames have even sizes, so rounding the far edge up stays inside.
            left &= ~1;
            top &= ~1;
            right = Math.Min(frameWidth, (right + 1) & ~1);
            bottom = Math.Min(frameHeight, (bottom + 1) & ~1);
        }

        int minimum = evenAligned ? 2 : 1;
        if (right - left < minimum || bottom - top < minimum)
        {
            return false;
        }

        region = new CropRegion(left, top, right - left, bottom - top);
        return true;
    }
}
