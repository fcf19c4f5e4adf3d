namespace Streams.SampleStreams;

/// <summary>Builds an <see cref="ObjectPath"/> from straight lines and quadratic Bézier curves.</summary>
public sealed class PathBuilder
{
    private readonly ScenePoint _start;
    private readonly List<(ScenePoint Control, ScenePoint End)> _curves = [];
    private ScenePoint _current;

    /// <summary>Starts a path at <paramref name="start"/>.</summary>
    public PathBuilder(ScenePoint start)
    {
        _start = start;
        _current = start;
    }

    /// <summary>The point the next segment starts from.</summary>
    public ScenePoint Current => _current;

    /// <summary>The arc length so far, measured on the flattened path.</summary>
    public double Length => ObjectPath.Flatten(_start, _curves).Length;

    /// <summary>Adds a straight line to <paramref name="end"/>.</summary>
    public PathBuilder LineTo(ScenePoint end) => CurveTo(_current.MidpointTo(end), end);

    /// <summary>Adds a quadratic Bézier curve to <paramref name="end"/> pulled towards <paramref name="control"/>.</summary>
    public PathBuilder CurveTo(ScenePoint control, ScenePoint end)
    {
        _curves.Add((control, end));
        _current = end;
        return this;
    }

    /// <summary>The finished path.</summary>
    public ObjectPath Build() => ObjectPath.Flatten(_start, _curves);
}
