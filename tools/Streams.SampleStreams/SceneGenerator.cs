using Streams.SampleStreams.Internal;

namespace Streams.SampleStreams;

/// <summary>
/// Generates a <see cref="Scene"/> from a preset and options. Pure and deterministic: the same preset, options and seed
/// give the same scene on every run and machine (own PRNG, integer and basic floating-point arithmetic only).
/// </summary>
public static class SceneGenerator
{
    // Speed bands per class as fractions of [MinSpeed, MaxSpeed]: persons walk, bicycles are in between, vehicles
    // use the upper part.
    private static readonly (double Lo, double Hi)[] s_speedBands = [(0.0, 0.35), (0.2, 0.6), (0.4, 1.0), (0.35, 0.85)];

    // Speeds (pixels per frame at 720p) below this leave the object parked for the whole clip.
    private const double ParkedBelow = 0.25;

    // Chance that an object is outlined, and the outline's darkening range (the contract allows up to 40%).
    private const double OutlineChance = 0.5;
    private const double MinDarkening = 0.15;
    private const double MaxDarkening = 0.4;

    /// <summary>Simulates <paramref name="preset"/> with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options break the contract's limits.</exception>
    public static Scene Generate(ScenePreset preset, SceneOptions options)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();

        PresetLayout layout = preset.CreateLayout(options, new Prng(options.Seed, RngStreams.Background));
        Prng rng = new(options.Seed, RngStreams.Objects);
        double s = options.Scale;

        // Draw every object's looks and timing first, so that route choices never shift these draws.
        List<Draft> drafts = [];
        foreach (ObjectClassInfo info in ObjectClassInfo.All)
        {
            int count = options.CountOf(info.Class);
            for (int i = 0; i < count; i++)
            {
                drafts.Add(Draw(info, options, s, rng, (i + rng.NextDouble()) / count, drafts.Count));
            }
        }

        // Plan in slot order, so that a preset reserving places (the yard's bays) serves objects in time order.
        drafts.Sort(static (a, b) => a.Request.Slot != b.Request.Slot ? a.Request.Slot.CompareTo(b.Request.Slot) : a.Index.CompareTo(b.Index));
        foreach (Draft draft in drafts)
        {
            draft.Motion = layout.Planner.Plan(draft.Request, rng);
        }

        // Ids follow appearance: parked objects first, then by start frame; later starters are drawn on top.
        drafts.Sort(static (a, b) =>
        {
            int byStart = StartKey(a).CompareTo(StartKey(b));
            return byStart != 0 ? byStart : a.Index.CompareTo(b.Index);
        });

        List<SceneObject> objects = new(drafts.Count);
        foreach (Draft d in drafts)
        {
            objects.Add(new SceneObject(objects.Count + 1, d.Request.Class, d.Request.Width, d.Request.Height, d.Fill, d.Motion!)
            {
                OutlineThickness = d.OutlineThickness,
                OutlineDarkening = d.OutlineDarkening,
                Marked = d.Marked,
                MarkSide = d.MarkSide,
                MarkColor = d.MarkColor,
            });
        }

        return new Scene(preset.Name, options, layout.Background, layout.Lines, layout.Zones, objects);
    }

    private static long StartKey(Draft d) => d.Motion!.IsStationary ? long.MinValue : d.Motion.StartFrame;

    private static Draft Draw(ObjectClassInfo info, SceneOptions options, double s, Prng rng, double slot, int index)
    {
        int width = rng.NextInt(Scaled(info.MinWidth, s), Scaled(info.MaxWidth, s));
        int height = rng.NextInt(Scaled(info.MinHeight, s), Scaled(info.MaxHeight, s));
        Rgb fill = new(
            Jitter(info.Color.R, rng), Jitter(info.Color.G, rng), Jitter(info.Color.B, rng));

        int outline = 0;
        double darkening = 0;
        if (rng.NextBool(OutlineChance))
        {
            outline = Math.Max(1, Scaled(rng.NextInt(1, 2), s));
            darkening = rng.NextDouble(MinDarkening, MaxDarkening);
        }

        bool marked = info.CanBeMarked && rng.NextBool(options.MarkedProbability);
        int markSide = 0;
        Rgb markColor = new(248, 248, 248);
        if (marked)
        {
            // 30-40% of the height, kept inside that band after rounding.
            int lo = (int)Math.Ceiling(0.30 * height);
            int hi = Math.Max(lo, (int)Math.Floor(0.40 * height));
            markSide = rng.NextInt(lo, hi);
            byte grey = (byte)rng.NextInt(240, 255);
            markColor = new Rgb(grey, grey, grey);
        }

        (double bandLo, double bandHi) = s_speedBands[(int)info.Class];
        double reference = options.MinSpeed + ((options.MaxSpeed - options.MinSpeed) * rng.NextDouble(bandLo, bandHi));
        bool parked = reference < ParkedBelow;

        bool dwell = rng.NextBool(options.DwellProbability);
        int dwellFrames = (int)Math.Floor((rng.NextDouble(options.DwellMinSeconds, options.DwellMaxSeconds) * options.Fps) + 0.5);

        ObjectRequest request = new(info.Class, width, height, reference * s, parked, dwell, dwellFrames, slot);
        return new Draft(request, index)
        {
            Fill = fill,
            OutlineThickness = outline,
            OutlineDarkening = darkening,
            Marked = marked,
            MarkSide = markSide,
            MarkColor = markColor,
        };
    }

    private static int Scaled(int referencePixels, double s) => Math.Max(1, (int)Math.Floor((referencePixels * s) + 0.5));

    private static byte Jitter(byte channel, Prng rng) =>
        (byte)Math.Clamp(channel + rng.NextInt(-ObjectClassInfo.MaxColorJitter, ObjectClassInfo.MaxColorJitter), 0, 255);

    private sealed class Draft(ObjectRequest request, int index)
    {
        public ObjectRequest Request { get; } = request;

        public int Index { get; } = index;

        public Rgb Fill { get; init; }

        public int OutlineThickness { get; init; }

        public double OutlineDarkening { get; init; }

        public bool Marked { get; init; }

        public int MarkSide { get; init; }

        public Rgb MarkColor { get; init; }

        public ObjectMotion? Motion { get; set; }
    }
}
