namespace Streams.SampleStreams;

/// <summary>A point in pixel coordinates of the rendered frame: x to the right, y down, origin at the top-left corner.</summary>
public readonly record struct ScenePoint(double X, double Y)
{
    /// <summary>The point halfway to <paramref name="other"/>.</summary>
    public ScenePoint MidpointTo(ScenePoint other) => new((X + other.X) / 2, (Y + other.Y) / 2);

    /// <summary>The Euclidean distance to <paramref name="other"/>.</summary>
    public double DistanceTo(ScenePoint other)
    {
        double dx = other.X - X;
        double dy = other.Y - Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    /// <summary>Formats as <c>(x, y)</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"({X}, {Y})");
}
