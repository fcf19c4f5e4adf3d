namespace Streams.SampleStreams.Internal;

/// <summary>
/// Two two-lane roads crossing in the middle of the frame, with pavements and zebras on every arm: many vehicles go
/// straight or turn, bicycles ride the road edges, persons walk the pavements and cross; objects overlap in the
/// junction and both counting lines are crossed both ways.
/// </summary>
internal sealed class BusyCrossingPreset : ScenePreset
{
    // Reference geometry (1280x720): the horizontal road spans y 260..460, the vertical one x 520..760.
    private const double HTop = 260;
    private const double HBottom = 460;
    private const double VLeft = 520;
    private const double VRight = 760;
    private const double Walk = 40;

    public override string Name => "busy-crossing";

    public override string Description =>
        "Two roads crossing with pavements and zebras: many cars, trucks and bicycles go straight or turn in all four " +
        "directions, persons walk and cross; objects overlap in the junction, both counting lines (one on the west arm, " +
        "one on the north arm) are crossed in both directions, and some vehicles wait at the stop lines.";

    public override SceneOptions Defaults { get; } = new()
    {
        Seed = 2,
        Brightness = 1.05,
        NoiseSigma = 3,
        MinSpeed = 1,
        MaxSpeed = 9,
        Persons = 12,
        Bicycles = 5,
        Cars = 22,
        Trucks = 4,
        DwellProbability = 0.2,
        DwellMinSeconds = 1,
        DwellMaxSeconds = 3,
    };

    internal override PresetLayout CreateLayout(SceneOptions options, Prng backgroundRng)
    {
        LayoutScale k = new(options.Width, options.Height);
        const double pave = 12;
        const double road = -16;
        List<BackgroundSurface> surfaces =
        [
            new(k.Rect(0, HTop, 1280, HBottom), road),
            new(k.Rect(VLeft, 0, VRight, HTop), road),
            new(k.Rect(VLeft, HBottom, VRight, 720), road),
            new(k.Rect(0, HTop - Walk, VLeft, HTop), pave),
            new(k.Rect(VRight, HTop - Walk, 1280, HTop), pave),
            new(k.Rect(0, HBottom, VLeft, HBottom + Walk), pave),
            new(k.Rect(VRight, HBottom, 1280, HBottom + Walk), pave),
            new(k.Rect(VLeft - Walk, 0, VLeft, HTop - Walk), pave),
            new(k.Rect(VRight, 0, VRight + Walk, HTop - Walk), pave),
            new(k.Rect(VLeft - Walk, HBottom + Walk, VLeft, 720), pave),
            new(k.Rect(VRight, HBottom + Walk, VRight + Walk, 720), pave),
        ];

        List<PixelBox> marks = [];
        LayoutKit.DashedH(marks, k, 360, 0, VLeft - Walk - 8, 48, 32, 4);
        LayoutKit.DashedH(marks, k, 360, VRight + Walk + 8, 1280, 48, 32, 4);
        LayoutKit.DashedV(marks, k, 640, 0, HTop - Walk - 8, 40, 30, 4);
        LayoutKit.DashedV(marks, k, 640, HBottom + Walk + 8, 720, 40, 30, 4);
        LayoutKit.ZebraRows(marks, k, VLeft - Walk + 6, VLeft - 6, HTop + 10, HBottom - 10, 16);
        LayoutKit.ZebraRows(marks, k, VRight + 6, VRight + Walk - 6, HTop + 10, HBottom - 10, 16);
        LayoutKit.ZebraColumns(marks, k, HTop - Walk + 6, HTop - 6, VLeft + 10, VRight - 10, 16);
        LayoutKit.ZebraColumns(marks, k, HBottom + 6, HBottom + Walk - 6, VLeft + 10, VRight - 10, 16);

        BackgroundLayout background = LayoutKit.Base(backgroundRng) with
        {
            Surfaces = surfaces,
            Patches = LayoutKit.Patches(backgroundRng, k, 9),
            Markings = marks,
        };

        CountingLine west = new("west-arm", k.RoundedP(260, HBottom + Walk), k.RoundedP(260, HTop - Walk));
        CountingLine north = new("north-arm", k.RoundedP(VLeft - Walk, 130), k.RoundedP(VRight + Walk, 130));
        SceneZone junction = new("junction",
        [
            k.RoundedP(VLeft, HTop), k.RoundedP(VRight, HTop), k.RoundedP(VRight, HBottom), k.RoundedP(VLeft, HBottom),
        ]);
        return new PresetLayout(background, [west, north], [junction], new Planner(options));
    }

    private sealed class Planner(SceneOptions options) : RoutePlanner(options)
    {
        // Arms by the direction of travel when entering: 0 east-bound (from the west), 1 west-bound, 2 south-bound,
        // 3 north-bound. Unit vectors on the image (y down).
        private static readonly (double X, double Y)[] s_directions = [(1, 0), (-1, 0), (0, 1), (0, -1)];

        // The lane (reference y for horizontal travel, x for vertical) of cars and of bicycles per direction.
        private static readonly double[] s_carLanes = [410, 310, 580, 700];
        private static readonly double[] s_bikeLanes = [445, 275, 540, 740];

        public override ObjectMotion Plan(ObjectRequest request, Prng rng)
        {
            LayoutScale k = Scale;
            double m = Margin(request);
            if (request.Class == ObjectClass.Person)
            {
                // Pavements, full length, crossing the other road on its zebra.
                bool horizontal = rng.NextBool(0.5);
                bool forward = rng.NextBool(0.5);
                if (horizontal)
                {
                    double y = k.Y((rng.NextBool(0.5) ? HTop - (Walk / 2) : HBottom + (Walk / 2)) + rng.NextDouble(-8, 8));
                    ScenePoint a = new(-m, y);
                    ScenePoint b = new(k.Width + m, y);
                    return Motion(Bowed(new PathBuilder(forward ? a : b), forward ? b : a, rng.NextDouble(-5, 5) * k.S).Build(), request, rng);
                }
                else
                {
                    double x = k.X((rng.NextBool(0.5) ? VLeft - (Walk / 2) : VRight + (Walk / 2)) + rng.NextDouble(-8, 8));
                    ScenePoint a = new(x, -m);
                    ScenePoint b = new(x, k.Height + m);
                    return Motion(Bowed(new PathBuilder(forward ? a : b), forward ? b : a, rng.NextDouble(-5, 5) * k.S).Build(), request, rng);
                }
            }

            int arm = rng.NextInt(0, 3);
            bool bike = request.Class == ObjectClass.Bicycle;
            double[] lanes = bike ? s_bikeLanes : s_carLanes;
            int exit = arm;
            double turn = bike ? 1 : rng.NextDouble();
            if (turn < 0.15)
            {
                exit = RightOf(arm);
            }
            else if (turn < 0.3)
            {
                exit = LeftOf(arm);
            }

            ScenePoint entry = Entry(arm, lanes[arm], m);
            ScenePoint leave = Exit(exit, lanes[exit], m);
            PathBuilder builder = new(entry);
            if (exit == arm)
            {
                Bowed(builder, leave, rng.NextDouble(-6, 6) * k.S);
            }
            else
            {
                (double dx, double dy) = s_directions[arm];
                (double ex, double ey) = s_directions[exit];
                ScenePoint corner = dx != 0
                    ? new ScenePoint(k.X(lanes[exit]), k.Y(lanes[arm]))
                    : new ScenePoint(k.X(lanes[arm]), k.Y(lanes[exit]));
                // Radius of the turn: tighter for a right turn, which keeps to the near lane.
                double r = (exit == RightOf(arm) ? 45 : 70) * k.S;
                builder.LineTo(new ScenePoint(corner.X - (dx * r), corner.Y - (dy * r)))
                    .CurveTo(corner, new ScenePoint(corner.X + (ex * r), corner.Y + (ey * r)))
                    .LineTo(leave);
            }

            ObjectPath path = builder.Build();
            double? stop = request.WantsDwell ? StopLine(path, arm, request) : null;
            return Motion(path, request, rng, stop);
        }

        private static int RightOf(int arm) => arm switch { 0 => 2, 1 => 3, 2 => 1, _ => 0 };

        private static int LeftOf(int arm) => arm switch { 0 => 3, 1 => 2, 2 => 0, _ => 1 };

        private ScenePoint Entry(int arm, double lane, double m) => arm switch
        {
            0 => new ScenePoint(-m, Scale.Y(lane)),
            1 => new ScenePoint(Scale.Width + m, Scale.Y(lane)),
            2 => new ScenePoint(Scale.X(lane), -m),
            _ => new ScenePoint(Scale.X(lane), Scale.Height + m),
        };

        private ScenePoint Exit(int direction, double lane, double m) => direction switch
        {
            0 => new ScenePoint(Scale.Width + m, Scale.Y(lane)),
            1 => new ScenePoint(-m, Scale.Y(lane)),
            2 => new ScenePoint(Scale.X(lane), Scale.Height + m),
            _ => new ScenePoint(Scale.X(lane), -m),
        };

        // The arc length at which the object's front reaches the zebra before the junction.
        private double StopLine(ObjectPath path, int arm, ObjectRequest request)
        {
            LayoutScale k = Scale;
            double halfW = request.Width / 2.0;
            double halfH = request.Height / 2.0;
            return arm switch
            {
                0 => LayoutKit.ArcWhere(path, p => p.X + halfW >= k.X(VLeft - Walk)),
                1 => LayoutKit.ArcWhere(path, p => p.X - halfW <= k.X(VRight + Walk)),
                2 => LayoutKit.ArcWhere(path, p => p.Y + halfH >= k.Y(HTop - Walk)),
                _ => LayoutKit.ArcWhere(path, p => p.Y - halfH <= k.Y(HBottom + Walk)),
            };
        }
    }
}
