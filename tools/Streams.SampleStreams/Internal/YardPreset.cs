namespace Streams.SampleStreams.Internal;

/// <summary>
/// A depot yard above an access road: most vehicles leave the road through the gate, drive into a free bay of the
/// loading zone, wait there for several seconds and leave again; persons walk into the yard and stand about; the
/// rest of the traffic passes by on the road.
/// </summary>
internal sealed class YardPreset : ScenePreset
{
    // Reference geometry (1280x720).
    private const double YardLeft = 260;
    private const double YardRight = 1020;
    private const double YardTop = 60;
    private const double YardBottom = 556;
    private const double GateLeft = 560;
    private const double GateRight = 720;
    private const double GateX = 640;
    private const double RoadTop = 560;
    private const double RoadBottom = 680;
    private const double EastLane = 650;
    private const double WestLane = 590;
    private const double BayY = 200;
    private const double BayTop = 120;
    private const double BayBottom = 280;
    private const double Aisle = 340;

    private static readonly double[] s_carBays = [350, 450, 550, 650];
    private static readonly double[] s_truckBays = [790, 930];

    public override string Name => "yard";

    public override string Description =>
        "A depot yard above an access road: cars and trucks turn in through the gate, park in a free bay of the " +
        "loading zone for several seconds and drive out again, persons walk in and stand about, other traffic passes " +
        "on the road; a counting line on the gate, one on the road, and the loading zone.";

    public override SceneOptions Defaults { get; } = new()
    {
        Seed = 3,
        Brightness = 0.95,
        NoiseSigma = 3,
        MinSpeed = 1,
        MaxSpeed = 8,
        Persons = 5,
        Bicycles = 2,
        Cars = 10,
        Trucks = 4,
        DwellProbability = 0.85,
        DwellMinSeconds = 3,
        DwellMaxSeconds = 7,
    };

    internal override PresetLayout CreateLayout(SceneOptions options, Prng backgroundRng)
    {
        LayoutScale k = new(options.Width, options.Height);
        List<PixelBox> marks = [];
        LayoutKit.DashedH(marks, k, 620, 0, 1280, 48, 32, 4);
        LayoutKit.SolidH(marks, k, RoadTop + 8, 0, 1280, 3);
        LayoutKit.SolidH(marks, k, RoadBottom - 8, 0, 1280, 3);
        LayoutKit.SolidH(marks, k, YardTop + 2, YardLeft, YardRight, 4);
        LayoutKit.SolidV(marks, k, YardLeft + 2, YardTop, YardBottom, 4);
        LayoutKit.SolidV(marks, k, YardRight - 2, YardTop, YardBottom, 4);
        LayoutKit.SolidH(marks, k, YardBottom - 2, YardLeft, GateLeft, 4);
        LayoutKit.SolidH(marks, k, YardBottom - 2, GateRight, YardRight, 4);
        LayoutKit.SolidH(marks, k, BayTop, 300, 1000, 3);
        foreach (double x in (double[])[300, 400, 500, 600, 700, 720, 860, 1000])
        {
            LayoutKit.SolidV(marks, k, x, BayTop, BayBottom, 3);
        }

        BackgroundLayout background = LayoutKit.Base(backgroundRng) with
        {
            Surfaces =
            [
                new(k.Rect(0, RoadTop, 1280, RoadBottom), -16),
                new(k.Rect(YardLeft, YardTop, YardRight, YardBottom), 14),
                new(k.Rect(GateLeft, YardBottom, GateRight, RoadTop), 14),
                new(k.Rect(0, RoadBottom, 1280, 720), 8),
            ],
            Patches = LayoutKit.Patches(backgroundRng, k, 8),
            Markings = marks,
        };

        CountingLine gate = new("gate", k.RoundedP(GateRight, YardBottom), k.RoundedP(GateLeft, YardBottom));
        CountingLine road = new("road", k.RoundedP(1150, RoadBottom), k.RoundedP(1150, RoadTop));
        SceneZone bays = new("loading-bay",
        [
            k.RoundedP(290, 110), k.RoundedP(1010, 110), k.RoundedP(1010, 290), k.RoundedP(290, 290),
        ]);
        return new PresetLayout(background, [gate, road], [bays], new Planner(options));
    }

    private sealed class Planner : RoutePlanner
    {
        // Seconds a bay stays reserved before arrival and after departure: the approach and the way out.
        private const double BayGuardSeconds = 1.5;

        private readonly List<(int From, int To)>[] _carBays;
        private readonly List<(int From, int To)>[] _truckBays;

        public Planner(SceneOptions options)
            : base(options)
        {
            _carBays = [.. s_carBays.Select(static _ => new List<(int, int)>())];
            _truckBays = [.. s_truckBays.Select(static _ => new List<(int, int)>())];
        }

        public override ObjectMotion Plan(ObjectRequest request, Prng rng)
        {
            LayoutScale k = Scale;
            double m = Margin(request);
            bool fromWest = rng.NextBool(0.5);
            bool toEast = rng.NextBool(0.5);
            switch (request.Class)
            {
                case ObjectClass.Person when rng.NextBool(0.75):
                    return PlanWalker(request, rng, m);

                case ObjectClass.Person:
                {
                    double y = k.Y(rng.NextDouble(692, 708));
                    return Motion(Road(y, fromWest, m, rng.NextDouble(-5, 5) * k.S), request, rng);
                }

                case ObjectClass.Bicycle:
                {
                    double y = k.Y((fromWest ? 668 : 572) + rng.NextDouble(-3, 3));
                    return Motion(Road(y, fromWest, m, rng.NextDouble(-4, 4) * k.S), request, rng);
                }

                default:
                {
                    if (request.WantsDwell && !request.Parked && request.DwellFrames > 0
                        && TryPlanBayVisit(request, rng, fromWest, toEast, m) is { } visit)
                    {
                        return visit;
                    }

                    // Passing traffic: along the road, no stop.
                    double y = k.Y((fromWest ? EastLane : WestLane) + rng.NextDouble(-5, 5));
                    ObjectRequest passing = request with { WantsDwell = false };
                    return Motion(Road(y, fromWest, m, rng.NextDouble(-6, 6) * k.S), passing, rng);
                }
            }
        }

        private ObjectMotion? TryPlanBayVisit(ObjectRequest request, Prng rng, bool fromWest, bool toEast, double m)
        {
            bool truck = request.Class == ObjectClass.Truck;
            double[] bayXs = truck ? s_truckBays : s_carBays;
            List<(int From, int To)>[] reservations = truck ? _truckBays : _carBays;
            int guard = (int)Math.Ceiling(BayGuardSeconds * Options.Fps);

            // Try the bays from a random one onwards; take the first free for the whole visit.
            int first = rng.NextInt(0, bayXs.Length - 1);
            for (int n = 0; n < bayXs.Length; n++)
            {
                int bay = (first + n) % bayXs.Length;
                (ObjectPath path, double dwellAt) = BayRoute(bayXs[bay], fromWest, toEast, m);
                int start = StartFrame(path, request, dwellAt);
                int arrive = start + (int)Math.Floor(dwellAt / request.Speed);
                (int From, int To) slot = (arrive - guard, arrive + request.DwellFrames + guard);
                if (IsFree(reservations[bay], slot))
                {
                    reservations[bay].Add(slot);
                    return new ObjectMotion(path, request.Speed, start, dwellAt, request.DwellFrames);
                }
            }

            return null;
        }

        private static bool IsFree(List<(int From, int To)> taken, (int From, int To) wanted)
        {
            foreach ((int from, int to) in taken)
            {
                if (wanted.From <= to && from <= wanted.To)
                {
                    return false;
                }
            }

            return true;
        }

        // In from the road through the gate, up the aisle into the bay, the same way back out and off along the road.
        private (ObjectPath Path, double DwellAt) BayRoute(double bayX, bool fromWest, bool toEast, double m)
        {
            LayoutScale k = Scale;
            double gx = k.X(GateX);
            double turn = 40 * k.S;
            PathBuilder b = fromWest
                ? new PathBuilder(new ScenePoint(-m, k.Y(EastLane)))
                    .LineTo(new ScenePoint(gx - turn, k.Y(EastLane)))
                    .CurveTo(new ScenePoint(gx, k.Y(EastLane)), new ScenePoint(gx, k.Y(EastLane) - turn))
                : new PathBuilder(new ScenePoint(k.Width + m, k.Y(WestLane)))
                    .LineTo(new ScenePoint(gx + turn, k.Y(WestLane)))
                    .CurveTo(new ScenePoint(gx, k.Y(WestLane)), new ScenePoint(gx, k.Y(WestLane) - turn));

            double bx = k.X(bayX);
            double mid = (gx + bx) / 2;
            b.LineTo(new ScenePoint(gx, k.Y(420)))
                .CurveTo(new ScenePoint(gx, k.Y(Aisle)), new ScenePoint(mid, k.Y(Aisle)))
                .CurveTo(new ScenePoint(bx, k.Y(Aisle)), new ScenePoint(bx, k.Y(BayBottom - 20)))
                .LineTo(new ScenePoint(bx, k.Y(BayY)));
            double dwellAt = b.Length;

            b.LineTo(new ScenePoint(bx, k.Y(BayBottom - 20)))
                .CurveTo(new ScenePoint(bx, k.Y(Aisle)), new ScenePoint(mid, k.Y(Aisle)))
                .CurveTo(new ScenePoint(gx, k.Y(Aisle)), new ScenePoint(gx, k.Y(420)));
            if (toEast)
            {
                b.LineTo(new ScenePoint(gx, k.Y(EastLane) - turn))
                    .CurveTo(new ScenePoint(gx, k.Y(EastLane)), new ScenePoint(gx + turn, k.Y(EastLane)))
                    .LineTo(new ScenePoint(k.Width + m, k.Y(EastLane)));
            }
            else
            {
                b.LineTo(new ScenePoint(gx, k.Y(WestLane) - turn))
                    .CurveTo(new ScenePoint(gx, k.Y(WestLane)), new ScenePoint(gx - turn, k.Y(WestLane)))
                    .LineTo(new ScenePoint(-m, k.Y(WestLane)));
            }

            return (b.Build(), dwellAt);
        }

        // A person comes in over the top or a side edge, walks to a spot in the yard, may stand there, and leaves.
        private ObjectMotion PlanWalker(ObjectRequest request, Prng rng, double m)
        {
            LayoutScale k = Scale;
            ScenePoint spot = k.P(rng.NextDouble(320, 980), rng.NextDouble(150, 480));
            PathBuilder b = new(EdgePoint(rng, m));
            Bowed(b, spot, rng.NextDouble(-20, 20) * k.S);
            double dwellAt = b.Length;
            Bowed(b, EdgePoint(rng, m), rng.NextDouble(-20, 20) * k.S);
            return Motion(b.Build(), request, rng, dwellAt);
        }

        private ScenePoint EdgePoint(Prng rng, double m)
        {
            LayoutScale k = Scale;
            return rng.NextInt(0, 2) switch
            {
                0 => new ScenePoint(k.X(rng.NextDouble(300, 1000)), -m),
                1 => new ScenePoint(-m, k.Y(rng.NextDouble(80, 480))),
                _ => new ScenePoint(k.Width + m, k.Y(rng.NextDouble(80, 480))),
            };
        }

        private ObjectPath Road(double y, bool east, double m, double bow)
        {
            ScenePoint west = new(-m, y);
            ScenePoint eastEnd = new(Scale.Width + m, y);
            return Bowed(new PathBuilder(east ? west : eastEnd), east ? eastEnd : west, bow).Build();
        }
    }
}
