using Streams.Runtime;

namespace Streams.Inference;

/// <summary>
/// How a region of a source picture maps onto a model's input: <c>model = (source − region origin) · scale + pad</c>.
/// <see cref="ToSource"/> is its exact inverse, used to bring boxes back to source pixels.
/// </summary>
/// <param name="RegionLeft">Left of the source region (0 for a whole frame).</param>
/// <param name="RegionTop">Top of the source region.</param>
/// <param name="RegionWidth">Width of the source region.</param>
/// <param name="RegionHeight">Height of the source region.</param>
/// <param name="ContentWidth">Width the region is resized to inside the input.</param>
/// <param name="ContentHeight">Height the region is resized to.</param>
/// <param name="PadLeft">Columns of padding left of the content.</param>
/// <param name="PadTop">Rows of padding above the content.</param>
/// <param name="TargetWidth">The model input's width.</param>
/// <param name="TargetHeight">The model input's height.</param>
public readonly record struct ImageTransform(int RegionLeft, int RegionTop, int RegionWidth, int RegionHeight,
    int ContentWidth, int ContentHeight, int PadLeft, int PadTop, int TargetWidth, int TargetHeight)
{
    /// <summary>Horizontal scale from source to input pixels.</summary>
    public float ScaleX => (float)ContentWidth / RegionWidth;

    /// <summary>Vertical scale from source to input pixels.</summary>
    public float ScaleY => (float)ContentHeight / RegionHeight;

    /// <summary>
    /// Ultralytics' letterbox: scale r = min(tw/w, th/h), content round(w·r) × round(h·r), centred with the left and
    /// top padding round(d/2 − 0.1) as in its <c>LetterBox</c> (rounding half to even, as Python does).
    /// </summary>
    public static ImageTransform Letterbox(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) =>
        Letterbox(0, 0, sourceWidth, sourceHeight, targetWidth, targetHeight);

    /// <summary>Letterbox of a region of the source.</summary>
    public static ImageTransform Letterbox(int left, int top, int width, int height, int targetWidth, int targetHeight)
    {
        Validate(width, height, targetWidth, targetHeight);
        double r = Math.Min((double)targetWidth / width, (double)targetHeight / height);
        int contentWidth = Math.Clamp((int)Math.Round(width * r), 1, targetWidth);
        int contentHeight = Math.Clamp((int)Math.Round(height * r), 1, targetHeight);
        int padLeft = (int)Math.Round(((targetWidth - contentWidth) / 2.0) - 0.1);
        int padTop = (int)Math.Round(((targetHeight - contentHeight) / 2.0) - 0.1);
        return new ImageTransform(left, top, width, height, contentWidth, contentHeight, Math.Max(padLeft, 0), Math.Max(padTop, 0),
            targetWidth, targetHeight);
    }

    /// <summary>The whole source stretched over the whole input.</summary>
    public static ImageTransform Stretch(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) =>
        Stretch(0, 0, sourceWidth, sourceHeight, targetWidth, targetHeight);

    /// <summary>A region of the source (a crop) stretched over the whole input.</summary>
    public static ImageTransform Stretch(int left, int top, int width, int height, int targetWidth, int targetHeight)
    {
        Validate(width, height, targetWidth, targetHeight);
        return new ImageTransform(left, top, width, height, targetWidth, targetHeight, 0, 0, targetWidth, targetHeight);
    }

    /// <summary>
    /// The whole-pixel region of a <paramref name="frameWidth"/> × <paramref name="frameHeight"/> picture that covers
    /// <paramref name="box"/>, clipped to the picture; empty (zero width or height) when the box lies outside.
    /// </summary>
    public static (int Left, int Top, int Width, int Height) CropRegion(BoxF box, int frameWidth, int frameHeight)
    {
        int left = (int)MathF.Floor(Math.Clamp(box.Left, 0, frameWidth));
        int top = (int)MathF.Floor(Math.Clamp(box.Top, 0, frameHeight));
        int right = (int)MathF.Ceiling(Math.Clamp(box.Right, 0, frameWidth));
        int bottom = (int)MathF.Ceiling(Math.Clamp(box.Bottom, 0, frameHeight));
        return (left, top, Math.Max(right - left, 0), Math.Max(bottom - top, 0));
    }

    /// <summary>A box in input pixels back in source pixels, clipped to the source region.</summary>
    public BoxF ToSource(BoxF box)
    {
        float sx = ScaleX;
        float sy = ScaleY;
        float left = ((box.Left - PadLeft) / sx) + RegionLeft;
        float top = ((box.Top - PadTop) / sy) + RegionTop;
        float right = ((box.Right - PadLeft) / sx) + RegionLeft;
        float bottom = ((box.Bottom - PadTop) / sy) + RegionTop;
        left = Math.Clamp(left, RegionLeft, RegionLeft + RegionWidth);
        right = Math.Clamp(right, RegionLeft, RegionLeft + RegionWidth);
        top = Math.Clamp(top, RegionTop, RegionTop + RegionHeight);
        bottom = Math.Clamp(bottom, RegionTop, RegionTop + RegionHeight);
        return BoxF.FromCorners(left, top, right, bottom);
    }

    /// <summary>A box in source pixels in input pixels (not clipped).</summary>
    public BoxF ToModel(BoxF box)
    {
        float sx = ScaleX;
        float sy = ScaleY;
        return new BoxF(((box.Left - RegionLeft) * sx) + PadLeft, ((box.Top - RegionTop) * sy) + PadTop, box.Width * sx, box.Height * sy);
    }

    private static void Validate(int width, int height, int targetWidth, int targetHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetHeight);
    }
}
