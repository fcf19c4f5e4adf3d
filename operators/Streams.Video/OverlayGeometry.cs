namespace Streams.Video;

/// <summary>A point in a stream's source pixels (x right, y down).</summary>
/// <param name="X">Column.</param>
/// <param name="Y">Row.</param>
public readonly record struct OverlayPoint(float X, float Y);

/// <summary>A zone to outline: a closed polygon in source pixels, labelled with its id.</summary>
/// <param name="Id">The zone's id, drawn at its first corner.</param>
/// <param name="Polygon">The corners, at least 2, in order; the last joins the first.</param>
public sealed record OverlayZone(string Id, IReadOnlyList<OverlayPoint> Polygon);

/// <summary>
/// A counting line from <see cref="A"/> to <see cref="B"/> in source pixels. An arrow at its middle points to the
/// side a crossing labelled <see cref="NameIn"/> goes to: the right of A→B as seen on the image (y down), where
/// (Bx-Ax)(Py-Ay) - (By-Ay)(Px-Ax) is positive, the convention of Streams.Analytics' line rules.
/// </summary>
/// <param name="Id">The line's id, drawn next to <see cref="A"/>.</param>
/// <param name="A">The first point.</param>
/// <param name="B">The second point.</param>
public sealed record OverlayLine(string Id, OverlayPoint A, OverlayPoint B)
{
    /// <summary>Label at the arrow's tip (the side "in" crossings go to). Default <c>in</c>.</summary>
    public string NameIn { get; init; } = "in";

    /// <summary>Label on the other side. Default <c>out</c>.</summary>
    public string NameOut { get; init; } = "out";
}
