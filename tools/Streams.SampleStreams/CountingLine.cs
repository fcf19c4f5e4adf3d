namespace Streams.SampleStreams;

/// <summary>
/// A counting line: the directed segment from <see cref="A"/> to <see cref="B"/> in pixel coordinates (x right,
/// y down). <see cref="CrossingDirection.In"/> is a crossing from the left of A-&gt;B to its right, left and right as
/// seen on the image by someone walking from A to B; that is, the sign of
/// <c>cross = (B.X - A.X) * (P.Y - A.Y) - (B.Y - A.Y) * (P.X - A.X)</c> going from negative to positive. With A
/// below B on the image (pointing up), moving left to right is "in".
/// </summary>
public sealed record CountingLine(string Id, ScenePoint A, ScenePoint B)
{
    /// <summary>The convention in words, as written into <c>scene.json</c>.</summary>
    public const string DirectionConvention =
        "A crossing is judged by the bottom-centre point of the object's true (unclipped) box moving from one side of " +
        "the segment A->B to the other between consecutive frames, through the segment. 'in' = from the left of the " +
        "directed line A->B to its right, as seen on the image (x right, y down) by someone walking from A to B: " +
        "cross = (Bx-Ax)*(Py-Ay) - (By-Ay)*(Px-Ax) goes from < 0 to > 0. 'out' is the reverse. Example: A=(100,400), " +
        "B=(100,200) points up the image, and an object moving left to right across it crosses 'in'.";

    /// <summary>The 2-D cross product of A-&gt;B and A-&gt;<paramref name="point"/>: negative on the left, positive on the right.</summary>
    public double Cross(ScenePoint point) => ((B.X - A.X) * (point.Y - A.Y)) - ((B.Y - A.Y) * (point.X - A.X));

    /// <summary>-1 on the left of A-&gt;B, +1 on its right, 0 on the (infinite) line.</summary>
    public int SideOf(ScenePoint point) => Math.Sign(Cross(point));

    /// <summary>
    /// Whether moving from <paramref name="from"/> to <paramref name="to"/> (both off the line, on opposite sides)
    /// passes through the segment, and in which direction.
    /// </summary>
    public bool TryGetCrossing(ScenePoint from, ScenePoint to, out CrossingDirection direction)
    {
        direction = default;
        double cf = Cross(from);
        double ct = Cross(to);
        if (cf == 0 || ct == 0 || Math.Sign(cf) == Math.Sign(ct))
        {
            return false;
        }

        // Where the move meets the infinite line, then whether that lies between A and B.
        double t = cf / (cf - ct);
        double px = from.X + ((to.X - from.X) * t);
        double py = from.Y + ((to.Y - from.Y) * t);
        double abx = B.X - A.X;
        double aby = B.Y - A.Y;
        double lengthSquared = (abx * abx) + (aby * aby);
        double u = lengthSquared > 0 ? (((px - A.X) * abx) + ((py - A.Y) * aby)) / lengthSquared : -1;
        if (u < 0 || u > 1)
        {
            return false;
        }

        direction = cf < 0 ? CrossingDirection.In : CrossingDirection.Out;
        return true;
    }
}
