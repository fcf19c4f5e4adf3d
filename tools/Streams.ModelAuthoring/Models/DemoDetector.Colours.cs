using Streams.ModelAuthoring.Onnx;

namespace Streams.ModelAuthoring.Models;

/// <summary>Stage 1 of the detector: class masks, mark filling, the label and foreground planes, colour steps.</summary>
internal static partial class DemoDetector
{
    /// <summary>The detector's per-cell planes ([N,4,G,G] for the mask, [N,1,G,G] for the rest).</summary>
    private readonly record struct ColourPlanes(Value Mask, Value Label, Value Foreground, Value Edge, Value StepsX, Value StepsY, Value Natural);

    private static ColourPlanes Colours(GraphBuilder g, Value images)
    {
        // 1. Colour tests on the 2x2-averaged image.
        Value p = g.AveragePool(images, [Cell, Cell], [Cell, Cell]);
        Value[] rgb = g.Split(p, 1, 1, 1, 1);
        Value hi = g.Max(rgb);
        Value lo = g.Min(rgb);
        Value saturated = g.Greater(g.Sub(hi, lo), SaturationThreshold);
        Value tests = g.Conv(p, g.Initializer("hue_tests", [8, 3, 1, 1], s_hueTests), Value.None, kernel: 1);
        Value hueMin = g.ReduceMin(g.Reshape(tests, -1, 4, 2, Grid, Grid), [2], keepDims: false);
        // A cell joins a class only when it is mostly covered: its saturation is at least CoverShare of the strongest
        // in its 3x3 neighbourhood (a half-covered edge or a one-cell gap between two objects has about half).
        Value spread = g.Sub(hi, lo);
        Value covered = g.GreaterOrEqual(g.Sub(spread, g.Mul(g.MaxPool(spread, [3, 3], pads: [1, 1, 1, 1]), CoverShare)), 0f);
        Value mask0 = g.ToFloat(g.And(g.And(g.Greater(hueMin, 0f), saturated), covered));

        // 2. Fill the marks of cars and trucks (channels 2 and 3): a bright cell is filled when its vehicle class lies
        // within reach on at least three sides and coloured cells of any class on all four (another object may cover
        // part of the mark's surroundings); a cell enclosed by both stays a car.
        // The frame's edge (the image border, or the letterbox's exact grey 114) counts as enclosing: a mark may touch it.
        Value vehicles = g.Channels(mask0, 2, 4);
        Value edge = g.ToFloat(g.And(
            g.LessOrEqual(g.Op("Abs", [g.Sub(hi, LetterboxGrey)]), LetterboxTolerance),
            g.LessOrEqual(g.Op("Abs", [g.Sub(lo, LetterboxGrey)]), LetterboxTolerance)));
        Value around = g.Max(g.Concat(1, vehicles, g.ToFloat(saturated)), edge);
        long k = HoleReach;
        Value[] sides =
        [
            g.MaxPool(g.Pad(around, [0, 0, 0, k, 0, 0, 0, 0], 1f), [1, k + 1]),
            g.MaxPool(g.Pad(around, [0, 0, 0, 0, 0, 0, 0, k], 1f), [1, k + 1]),
            g.MaxPool(g.Pad(around, [0, 0, k, 0, 0, 0, 0, 0], 1f), [k + 1, 1]),
            g.MaxPool(g.Pad(around, [0, 0, 0, 0, 0, 0, k, 0], 1f), [k + 1, 1]),
        ];
        Value classSides = g.Channels(sides[0], 0, 2);
        Value anySides = g.Channels(sides[0], 2, 3);
        for (int i = 1; i < sides.Length; i++)
        {
            classSides = g.Add(classSides, g.Channels(sides[i], 0, 2));
            anySides = g.Mul(anySides, g.Channels(sides[i], 2, 3));
        }

        Value white = g.ToFloat(g.Greater(lo, WhiteThreshold));
        Value enclosed = g.Mul(g.ToFloat(g.GreaterOrEqual(classSides, 3f)), g.Mul(anySides, white));
        Value car = g.Max(g.Channels(vehicles, 0, 1), g.Channels(enclosed, 0, 1));
        Value truck = g.Max(g.Channels(vehicles, 1, 2), g.Mul(g.Channels(enclosed, 1, 2), g.Sub(1f, car)));

        // Small holes (the half-white ring around a mark, a noisy cell): a cell with its class within SmallHoleReach
        // cells on all four sides joins it, unless it already has a class.
        // Two passes: the first closes the outer cells of a long hole, the second the rest.
        // Vehicles only (the marks); persons and bicycles keep their cells.
        Value[] classes0 = g.Split(mask0, 1, 1, 1, 1, 1);
        Value others = g.Add(classes0[0], classes0[1]);
        Value fill = g.Concat(1, car, truck);
        for (int pass = 0; pass < 2; pass++)
        {
            long s = SmallHoleReach;
            Value enclosedSmall = g.Mul(
                g.Mul(g.MaxPool(fill, [1, s + 1], pads: [0, s, 0, 0]), g.MaxPool(fill, [1, s + 1], pads: [0, 0, 0, s])),
                g.Mul(g.MaxPool(fill, [s + 1, 1], pads: [s, 0, 0, 0]), g.MaxPool(fill, [s + 1, 1], pads: [0, 0, s, 0])));
            Value[] vehicle = g.Split(fill, 1, 1, 1);
            Value[] gain = g.Split(enclosedSmall, 1, 1, 1);
            Value unclaimed = g.Sub(1f, g.Add(others, g.Add(vehicle[0], vehicle[1])));
            Value carNext = g.Max(vehicle[0], g.Mul(gain[0], unclaimed));
            Value truckNext = g.Max(vehicle[1], g.Mul(g.Mul(gain[1], unclaimed), g.Sub(1f, carNext)));
            fill = g.Concat(1, carNext, truckNext);
        }

        Value mask = g.Concat(1, classes0[0], classes0[1], fill);

        // 3. The label map (0 background, class id + 1) and the foreground (any saturated or class cell).
        Value label = g.Conv(mask, g.Initializer("label_weights", [1, 4, 1, 1], [1f, 2f, 3f, 4f]), Value.None, kernel: 1);
        // A one-cell seam between two objects can blend to grey (orange + blue): close such seams in the foreground.
        Value coloured = g.Min(label, g.Scalar(1f));
        Value foreground = g.Max(coloured, g.Max(Sandwiched(g, coloured, horizontal: true), Sandwiched(g, coloured, horizontal: false)));

        // The colour is compared as a hue direction: (RGB - grey mean) / (max - min), which blending with the grey
        // background or the white mark (and the darker outline) leaves unchanged.
        Value mean = g.Mul(g.Add(g.Add(rgb[0], rgb[1]), rgb[2]), 1f / 3f);
        Value chroma = g.Div(g.Sub(p, mean), g.Add(spread, 1e-3f));

        // Only between interior cells (the cell and its four neighbours natural class cells, i.e. covered and not
        // filled): edge cells blend with the background and the cells around a mark with white.
        Value natural = g.Add(g.Add(classes0[0], classes0[1]), g.Add(classes0[2], classes0[3]));
        natural = g.Mul(
            g.Mul(natural, g.Mul(ShiftIn(g, natural, true, true, 0f), ShiftIn(g, natural, true, false, 0f))),
            g.Mul(ShiftIn(g, natural, false, true, 0f), ShiftIn(g, natural, false, false, 0f)));
        Value colourStepsX = ColourSteps(g, chroma, natural, horizontal: true);
        Value colourStepsY = ColourSteps(g, chroma, natural, horizontal: false);
        return new ColourPlanes(mask, label, foreground, edge, colourStepsX, colourStepsY, natural);
    }

    /// <summary>Cells whose two neighbours along one axis are both set.</summary>
    private static Value Sandwiched(GraphBuilder g, Value x, bool horizontal)
    {
        long axis = horizontal ? 3 : 2;
        long[] before = horizontal ? [0, 0, 0, 1, 0, 0, 0, 0] : [0, 0, 1, 0, 0, 0, 0, 0];
        long[] after = horizontal ? [0, 0, 0, 0, 0, 0, 0, 1] : [0, 0, 0, 0, 0, 0, 1, 0];
        Value previous = g.Pad(g.Slice(x, [0], [Grid - 1], [axis]), before);
        Value next = g.Pad(g.Slice(x, [1], [Grid], [axis]), after);
        return g.Mul(previous, next);
    }
}
