namespace Streams.SampleStreams.Internal;

/// <summary>
/// One horizontal two-lane street with pavements and a zebra crossing: a few cars, a truck and bicycles drive along
/// it both ways, persons walk the pavements or use the crossing.
/// </summary>
internal sealed class QuietStreetPreset : ScenePreset
{
    // Reference geometry (1280x720).
    private const double RoadTop = 250;
    private const double RoadBottom = 470;
    private const double EastLane = 410;
    private const double WestLane = 310;
    private const double EastBikeLane = 448;
    private const double WestBikeLane = 272;
    private const double CrossingLeft = 560;
    private const double CrossingRight = 640;

    public override string Name => "quiet-street";

    public override string Description =>
        "A two-lane street seen from above with pavements and a zebra crossing: a few cars, one truck and two bicycles " +
        "drive along it in both directions, persons walk the pavements or cross at the zebra; one counting line across " +
        "the street and a zone on the crossing.";

    public override SceneOptions Defaults { get; } = new()
    {
        Seed = 1,
        Brightness = 1.0,
        NoiseSigma = 3,
        MinSpeed = 1,
        MaxSpeed = 8,
        Persons = 6,
        Bicycles = 2,
        Cars = 7,
        Trucks = 1,
        DwellProbability = 0.1,
        DwellMinSeconds = 1,
        DwellMaxSeconds = 3,
    };

    internal override PresetLayout CreateLayout(SceneOptions options, Prng backgroundRng)
    {
        LayoutScale k = new(options.Width, options.Height);
        List<PixelBox> marks = [];
        LayoutKit.SolidH(marks, k, RoadTop + 12, 0, 1280, 3);
        LayoutKit.SolidH(marks, k, RoadBottom - 12, 0, 1280, 3);
        LayoutKit.DashedH(marks, k, 360, 0, CrossingLeft - 10, 48, 32, 4);
        LayoutKit.DashedH(marks, k, 360, CrossingRight + 10, 1280, 48, 32, 4);
        LayoutKit.ZebraRows(marks, k, CrossingLeft + 5, CrossingRight - 5, RoadTop + 24, RoadBottom - 24, 16);

        BackgroundLayout background = LayoutKit.Base(backgroundRng) with
        {
            Surfaces =
            [
                new(k.Rect(0, RoadTop, 1280, RoadBottom), -16),
                new(k.Rect(0, 205, 1280, RoadTop), 12),
                new(k.Rect(0, RoadBottom, 1280, 515), 12),
            ],
            Patches = LayoutKit.Patches(backgroundRng, k, 7),
            Markings = marks,
        };

        CountingLine street = new("street", k.RoundedP(1000, RoadBottom), k.RoundedP(1000, RoadTop));
        SceneZone crossing = new("crossing",
        [
            k.RoundedP(CrossingLeft, RoadTop), k.RoundedP(CrossingRight, RoadTop),
            k.RoundedP(CrossingRight, RoadBottom), k.RoundedP(CrossingLeft, RoadBottom),
        ]);
        return new PresetLayout(background, [street], [crossing], new Planner(options));
    }

    private sealed class Planner(SceneOptions options) : RoutePlanner(options)
    {
        public override ObjectMotion Plan(ObjectRequest request, Prng rng)
        {
            LayoutScale k = Scale;
            double m = Margin(request);
            bool east = rng.NextBool(0.5);
            switch (request.Class)
            {
                case ObjectClass.Person when rng.NextBool(0.35):
                {
                    // Over the zebra, top to bottom or back.
                    double x = k.X(rng.NextDouble(CrossingLeft + 12, CrossingRight - 12));
                    bool down = rng.NextBool(0.5);
                    ScenePoint from = new(x, down ? -m : k.Height + m);
                    ScenePoint to = new(x + (rng.NextDouble(-8, 8) * k.Sx), down ? k.Height + m : -m);
                    return Motion(Bowed(new PathBuilder(from), to, rng.NextDouble(-6, 6) * k.S).Build(), request, rng);
                }

                case ObjectClass.Person:
                {
                    double y = rng.NextBool(0.5) ? rng.NextDouble(214, 241) : rng.NextDouble(479, 506);
                    return Motion(Along(k.Y(y), east, m, rng.NextDouble(-12, 12) * k.S), request, rng);
                }

                case ObjectClass.Bicycle:
                {
                    double y = (east ? EastBikeLane : WestBikeLane) + rng.NextDouble(-4, 4);
                    return Motion(Along(k.Y(y), east, m, rng.NextDouble(-6, 6) * k.S), request, rng);
                }

                default:
                {
                    double y = (east ? EastLane : WestLane) + rng.NextDouble(-6, 6);
                    return Motion(Along(k.Y(y), east, m, rng.NextDouble(-8, 8) * k.S), request, rng);
                }
            }
        }

        private ObjectPath Along(double y, bool east, double margin, double bow)
        {
            ScenePoint left = new(-margin, y);
            ScenePoint right = new(Scale.Width + margin, y);
            return Bowed(new PathBuilder(east ? left : right), east ? right : left, bow).Build();
        }
    }
}
