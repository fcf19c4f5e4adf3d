namespace Streams.SampleStreams;

/// <summary>A zone: a simple polygon in pixel coordinates. An object is inside when its box's bottom-centre point is.</summary>
public sealed record SceneZone(string Id, IReadOnlyList<ScenePoint> Points)
{
    /// <summary>Even-odd test of <paramref name="point"/> against the polygon.</summary>
    public bool Contains(ScenePoint point)
    {
        bool inside = false;
        int count = Points.Count;
        for (int i = 0, j = count - 1; i < count; j = i++)
        {
            ScenePoint a = Points[i];
            ScenePoint b = Points[j];
            if ((a.Y > point.Y) != (b.Y > point.Y)
                && point.X < ((b.X - a.X) * (point.Y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
