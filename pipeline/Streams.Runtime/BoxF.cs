namespace Streams.Runtime;

/// <summary>An axis-aligned box in pixels: left, top, width, height (MOTChallenge's order).</summary>
public readonly record struct BoxF(float Left, float Top, float Width, float Height)
{
    /// <summary>The right edge.</summary>
    public float Right => Left + Width;

    /// <summary>The bottom edge.</summary>
    public float Bottom => Top + Height;

    /// <summary>Width times height; zero for an empty box.</summary>
    public float Area => Width > 0 && Height > 0 ? Width * Height : 0;

    /// <summary>The box from its corners.</summary>
    public static BoxF FromCorners(float left, float top, float right, float bottom) => new(left, top, right - left, bottom - top);

    /// <summary>
    /// The box <paramref name="t"/> of the way from <paramref name="from"/> to <paramref name="to"/> (0: from, 1: to),
    /// each of left, top, width and height moved linearly: where an object moving steadily was between two sightings.
    /// </summary>
    public static BoxF Lerp(BoxF from, BoxF to, float t) => new(
        from.Left + ((to.Left - from.Left) * t),
        from.Top + ((to.Top - from.Top) * t),
        from.Width + ((to.Width - from.Width) * t),
        from.Height + ((to.Height - from.Height) * t));

    /// <summary>Intersection over union with <paramref name="other"/>; 0 when either is empty.</summary>
    public float IntersectionOverUnion(BoxF other)
    {
        float w = MathF.Min(Right, other.Right) - MathF.Max(Left, other.Left);
        float h = MathF.Min(Bottom, other.Bottom) - MathF.Max(Top, other.Top);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        float intersection = w * h;
        float union = Area + other.Area - intersection;
        return union > 0 ? intersection / union : 0;
    }
}
