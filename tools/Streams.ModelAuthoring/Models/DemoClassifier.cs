using Streams.ModelAuthoring.Onnx;

namespace Streams.ModelAuthoring.Models;

/// <summary>
/// The synthetic-world <c>marked</c> classifier for car and truck crops, written as a fixed ONNX graph: input
/// <c>images</c> [N,3,64,64] RGB 0..1 (the object's box stretched to 64x64), output <c>output0</c> [N,2] softmax
/// probabilities for [unmarked, marked] (the Ultralytics classification layout).
/// <para>
/// A marked vehicle carries a near-white square (each channel at least 235 before brightness 0.85..1.15) centred in
/// its box, 30-40% of the box height on a side: in the stretched crop at least 19 px tall and 5 px wide around the
/// centre. The graph scores each pixel's whiteness (darkest channel high, channel spread low, both as steep
/// sigmoids), averages it over every mark-sized window, takes the best window in the crop's interior (a box cut by the
/// frame's edge no longer centres the mark) and maps that white share to two logits around <see cref="Threshold"/>.
/// </para>
/// </summary>
internal static class DemoClassifier
{
    /// <summary>The model's name in the manifest.</summary>
    public const string Name = "demo-classifier";

    /// <summary>Input side in pixels.</summary>
    public const int InputSize = 64;

    /// <summary>Class names in output order.</summary>
    public static readonly string[] ClassNames = ["unmarked", "marked"];

    /// <summary>Darkest channel of a mark pixel: 235 x 0.85 = 200 at the dimmest brightness, less a margin for blur.</summary>
    public const float WhiteLevel = 0.68f;

    /// <summary>Largest channel spread of a mark pixel (a car or truck pixel spreads by 85 or more).</summary>
    public const float GreySpread = 0.16f;

    /// <summary>Sigmoid steepness of the pixel tests (per unit of 0..1 intensity).</summary>
    public const float Steepness = 60f;

    /// <summary>Window width in pixels: the narrowest mark in a stretched crop is about 5 px wide.</summary>
    public const int WindowWidth = 4;

    /// <summary>Window height in pixels: every mark is at least 19 px tall in a stretched crop.</summary>
    public const int WindowHeight = 12;

    /// <summary>Windows starting within this many pixels of the crop's edge are skipped (a loose box may show lane markings there).</summary>
    public const int Margin = 3;

    /// <summary>How far (px) around a window its surroundings are compared.</summary>
    public const int Surround = 4;

    /// <summary>White share of the window at which both classes are equally likely.</summary>
    public const float Threshold = 0.5f;

    /// <summary>Logit gain per unit of white share: a share of 1 (or 0) gives probabilities of about 0.9999.</summary>
    public const float Gain = 20f;

    /// <summary>Builds the model.</summary>
    public static OnnxModel Build()
    {
        GraphBuilder g = new(Name);
        Value images = g.Input("images", TensorElementType.Float, "N", 3, InputSize, InputSize);

        Value[] rgb = g.Split(images, 1, 1, 1, 1);
        Value lo = g.Min(rgb);
        Value spread = g.Sub(g.Max(rgb), lo);
        Value bright = g.Sigmoid(g.Mul(g.Sub(lo, WhiteLevel), Steepness));
        Value grey = g.Sigmoid(g.Mul(g.Sub(GreySpread, spread), Steepness));
        Value white = g.Mul(bright, grey);

        // The white share of every mark-sized window (AveragePool), then its maximum over the crop's interior: the mark
        // is centred in the object's full box, which a box cut by the frame's edge no longer centres.
        Value local = g.AveragePool(white, [WindowHeight, WindowWidth], [1, 1]);

        // A window counts only where the crop's own vehicle colour (the more common of car blue and truck orange in
        // the crop) surrounds it at least as much as the other: a marked car on top of an unmarked truck brings its
        // mark, wrapped in blue, into the truck's box.
        Value tests = g.Conv(images, g.Initializer("vehicle_hue_tests", [4, 3, 1, 1], DemoDetector.VehicleHueTests), Value.None, kernel: 1);
        Value hue = g.ReduceMin(g.Reshape(tests, -1, 2, 2, InputSize, InputSize), [2], keepDims: false);
        Value vehicles = g.ToFloat(g.And(g.Greater(hue, 0f), g.Greater(spread, DemoDetector.SaturationThreshold)));
        Value[] carTruck = g.Split(vehicles, 1, 1, 1);
        Value[] shares = g.Split(g.ReduceMean(vehicles, [2, 3]), 1, 1, 1);
        Value carOwn = g.GreaterOrEqual(g.Sub(shares[0], shares[1]), 0f);
        Value own = g.Where(carOwn, carTruck[0], carTruck[1]);
        Value other = g.Where(carOwn, carTruck[1], carTruck[0]);
        long[] around = [WindowHeight + (2 * Surround), WindowWidth + (2 * Surround)];
        long[] pads = [Surround, Surround, Surround, Surround];
        Value ownAround = g.Op("AveragePool", [own], OnnxAttribute.Ints("kernel_shape", around), OnnxAttribute.Ints("strides", 1, 1), OnnxAttribute.Ints("pads", pads));
        Value otherAround = g.Op("AveragePool", [other], OnnxAttribute.Ints("kernel_shape", around), OnnxAttribute.Ints("strides", 1, 1), OnnxAttribute.Ints("pads", pads));
        Value surrounded = g.ToFloat(g.GreaterOrEqual(g.Sub(ownAround, otherAround), 0f));
        Value inner = g.Slice(g.Mul(local, surrounded), [Margin, Margin], [InputSize - WindowHeight + 1 - Margin, InputSize - WindowWidth + 1 - Margin], [2, 3]);
        Value share = g.ReduceMax(inner, [2, 3]);
        Value logits = g.Conv(
            share,
            g.Initializer("logit_weights", [2, 1, 1, 1], [-Gain, Gain]),
            g.Initializer("logit_bias", [2], [Gain * Threshold, -Gain * Threshold]),
            kernel: 1);
        Value probabilities = g.Named(g.Softmax(g.Op("Flatten", [logits], OnnxAttribute.Int("axis", 1)), 1), "output0");
        g.Output(probabilities, TensorElementType.Float, "N", ClassNames.Length);

        return new OnnxModel(g.Build("Synthetic-world marked/unmarked classifier for car and truck crops."))
        {
            DocString = "demo-classifier: white share of the crop's centre; no learned weights.",
            Metadata =
            [
                new("names", "{0: 'unmarked', 1: 'marked'}"),
                new("imgsz", "[64, 64]"),
                new("task", "classify"),
            ],
        };
    }
}
