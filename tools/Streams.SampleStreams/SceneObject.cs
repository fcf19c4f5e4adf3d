namespace Streams.SampleStreams;

/// <summary>
/// One object of a scene: a filled rectangle of <see cref="Width"/> x <see cref="Height"/> pixels in
/// <see cref="Fill"/>, optionally outlined and (cars and trucks) marked, moving by <see cref="Motion"/>. Colours are
/// before the scene's brightness factor. Objects are drawn in ascending <see cref="Id"/>: a higher id is on top.
/// </summary>
public sealed record SceneObject(int Id, ObjectClass Class, int Width, int Height, Rgb Fill, ObjectMotion Motion)
{
    /// <summary>Outline thickness in pixels; 0 for none.</summary>
    public int OutlineThickness { get; init; }

    /// <summary>How much darker the outline is than the fill, 0 to 0.4.</summary>
    public double OutlineDarkening { get; init; }

    /// <summary>The <c>marked</c> attribute: a near-white square centred in the object (cars and trucks only).</summary>
    public bool Marked { get; init; }

    /// <summary>Side of the marking square in pixels (30-40% of <see cref="Height"/>).</summary>
    public int MarkSide { get; init; }

    /// <summary>Colour of the marking square (each channel at least 235 before brightness).</summary>
    public Rgb MarkColor { get; init; } = new(248, 248, 248);

    /// <summary>The outline colour before brightness.</summary>
    public Rgb OutlineColor => Fill.Scale(1 - OutlineDarkening);

    /// <summary>The true (unclipped) box on frame index <paramref name="frame"/>, or false when the object does not exist then.</summary>
    public bool TryGetBox(int frame, out PixelBox box)
    {
        if (Motion.TryGetPosition(frame, out ScenePoint centre))
        {
            box = BoxAround(centre);
            return true;
        }

        box = default;
        return false;
    }

    /// <summary>The box of this object's size centred on <paramref name="centre"/>, edges rounded half up.</summary>
    public PixelBox BoxAround(ScenePoint centre) =>
        new((int)Math.Floor(centre.X - (Width / 2.0) + 0.5), (int)Math.Floor(centre.Y - (Height / 2.0) + 0.5), Width, Height);

    /// <summary>The marking square inside <paramref name="box"/> (empty when the object is not marked).</summary>
    public PixelBox MarkBox(PixelBox box) => Marked && MarkSide > 0
        ? new PixelBox(box.Left + ((Width - MarkSide) / 2), box.Top + ((Height - MarkSide) / 2), MarkSide, MarkSide)
        : default;
}
