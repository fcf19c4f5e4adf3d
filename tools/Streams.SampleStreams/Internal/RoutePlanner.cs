namespace Streams.SampleStreams.Internal;

/// <summary>
/// Chooses each object's path for one preset and turns it into an <see cref="ObjectMotion"/>: when it starts (spread
/// over the clip by the object's slot, some already under way on the first frame) and where it waits.
/// </summary>
internal abstract class RoutePlanner
{
    // Share of an object's on-screen time it may already have spent when the clip begins: objects are under way on
    // frame 1, yet each is still seen for at least 40% of its passage.
    private const double MaxHeadStart = 0.6;

    // Sampling step in pixels when finding where along a path the object's box is in the frame.
    private const double SpanStep = 2.0;

    protected RoutePlanner(SceneOptions options)
    {
        Options = options;
        Scale = new LayoutScale(options.Width, options.Height);
    }

    protected SceneOptions Options { get; }

    protected LayoutScale Scale { get; }

    /// <summary>The motion of one object.</summary>
    public abstract ObjectMotion Plan(ObjectRequest request, Prng rng);

    /// <summary>
    /// The standard treatment of a path: parked objects sit somewhere on its visible part; waiting objects stop at
    /// <paramref name="dwellAt"/> or at a random point of the visible part.
    /// </summary>
    protected ObjectMotion Motion(ObjectPath path, ObjectRequest request, Prng rng, double? dwellAt = null)
    {
        (double first, double last) = VisibleSpan(path, request.Width, request.Height);
        if (request.Parked)
        {
            double at = first + ((last - first) * rng.NextDouble(0.2, 0.8));
            return new ObjectMotion(ObjectPath.Stationary(path.PointAt(at)), 0, 0);
        }

        double? stop = null;
        if (request.WantsDwell && request.DwellFrames > 0)
        {
            stop = dwellAt ?? first + ((last - first) * rng.NextDouble(0.25, 0.75));
        }

        int start = StartFrame(path, request, stop);
        return new ObjectMotion(path, request.Speed, start, stop, stop is null ? 0 : request.DwellFrames);
    }

    /// <summary>
    /// The start frame for the object's slot: the earliest start has it <see cref="MaxHeadStart"/> through its
    /// on-screen time on frame 0; the latest lets it be seen for half a second before the clip ends.
    /// </summary>
    protected int StartFrame(ObjectPath path, ObjectRequest request, double? dwellAt)
    {
        (double first, double last) = VisibleSpan(path, request.Width, request.Height);
        double enter = first / request.Speed;
        double leave = last / request.Speed;
        if (dwellAt is { } at && at <= last)
        {
            leave += request.DwellFrames;
        }

        int lo = -(int)Math.Floor(enter + (MaxHeadStart * (leave - enter)));
        int hi = Options.FrameCount - 1 - (int)Math.Ceiling(enter) - (Options.Fps / 2);
        hi = Math.Max(hi, lo);
        int start = lo + (int)Math.Floor(request.Slot * (hi - lo + 1));
        return Math.Min(start, hi);
    }

    /// <summary>The first and last arc length at which a box of this size around the path touches the frame.</summary>
    protected (double First, double Last) VisibleSpan(ObjectPath path, int width, int height)
    {
        double first = double.NaN;
        double last = 0;
        int steps = Math.Max(1, (int)Math.Ceiling(path.Length / SpanStep));
        for (int i = 0; i <= steps; i++)
        {
            double s = path.Length * i / steps;
            ScenePoint c = path.PointAt(s);
            bool visible = c.X + (width / 2.0) > 0 && c.X - (width / 2.0) < Options.Width
                && c.Y + (height / 2.0) > 0 && c.Y - (height / 2.0) < Options.Height;
            if (visible)
            {
                if (double.IsNaN(first))
                {
                    first = s;
                }

                last = s;
            }
        }

        return double.IsNaN(first) ? (0, path.Length) : (first, last);
    }

    /// <summary>How far outside the frame an object of this size starts so that it enters through an edge.</summary>
    protected static double Margin(ObjectRequest request) => (Math.Max(request.Width, request.Height) / 2.0) + 2;

    /// <summary>A straight run from <paramref name="from"/> to <paramref name="to"/> bowed sideways by <paramref name="bow"/> pixels.</summary>
    protected static PathBuilder Bowed(PathBuilder builder, ScenePoint to, double bow)
    {
        ScenePoint from = builder.Current;
        double dx = to.X - from.X;
        double dy = to.Y - from.Y;
        double length = Math.Sqrt((dx * dx) + (dy * dy));
        if (length == 0)
        {
            return builder;
        }

        ScenePoint mid = from.MidpointTo(to);
        // A quadratic curve's apex is half-way to its control point: the control sits at twice the bow.
        return builder.CurveTo(new ScenePoint(mid.X - (dy / length * 2 * bow), mid.Y + (dx / length * 2 * bow)), to);
    }
}
