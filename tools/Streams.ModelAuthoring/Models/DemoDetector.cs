using Streams.ModelAuthoring.Onnx;

namespace Streams.ModelAuthoring.Models;

/// <summary>
/// The synthetic-world detector (shared/synthetic-world.md), written as a fixed ONNX graph with the Ultralytics YOLOv8
/// contract: input <c>images</c> [N,3,640,640] RGB 0..1 letterboxed with grey 114, output <c>output0</c> [N,8,25600]
/// = (cx, cy, w, h in input pixels, then one 0..1 score per class, no objectness) for anchors on a stride-4 grid.
/// Everything works on a stride-2 grid of 320x320 cells, in three stages (one partial file each):
/// <list type="number">
/// <item>Colours: 2x2 average; per class two homogeneous linear hue tests (cones in RGB, so brightness and the
/// darker outline do not matter), saturation max-min &gt; 40/255 (backgrounds stay within 30) and mostly-covered
/// cells only (saturation at least 0.6 of the 3x3 maximum). Marks are filled (bright cells enclosed by their vehicle
/// class), then small holes; the label plane (class id + 1) and the foreground (class cells, one-cell seams closed).
/// Colour steps: where the hue direction (RGB - mean) / (max - min) jumps between two interior cells of one class, the
/// boundary of two touching objects with their own jittered colours.</item>
/// <item>Runs: for every cell, where its run of equal label (also cut at colour steps) and its run of foreground
/// start and end in four directions (nearest change point by a log-step window maximum).</item>
/// <item>Boxes: at each anchor two candidates, the own-class run box (right for an object on top) and the foreground
/// run box (right for an object partly covered by another class). Running sums (CumSum) give fill, own-class share,
/// the strips just outside and inside every side: a ragged edge row is taken in, a side whose class goes on beyond
/// (not at a colour step) was cut short, a foreground box must reach its class on every side. Away from the frame's
/// edge a box must have its class's aspect ratio. Score = class x valid x (0.5 + 0.5 x centredness): every anchor of
/// an object proposes the same box with 0.5..1, class-aware NMS keeps one, everything else scores 0.</item>
/// </list>
/// Known limit: two objects of one class that overlap or touch with nearly the same colour merge into one box.
/// </summary>
internal static partial class DemoDetector
{
    /// <summary>The model's name in the manifest.</summary>
    public const string Name = "demo-detector";

    /// <summary>Input side in pixels.</summary>
    public const int InputSize = 640;

    /// <summary>Pixels per grid cell: the colour tests and runs work at half resolution.</summary>
    public const int Cell = 2;

    /// <summary>Cells per side of the working grid.</summary>
    public const int Grid = InputSize / Cell;

    /// <summary>Anchor stride in input pixels: every other grid cell.</summary>
    public const int AnchorStride = 4;

    /// <summary>Anchors per side.</summary>
    public const int AnchorGrid = InputSize / AnchorStride;

    /// <summary>Anchors per image (the output's last dimension).</summary>
    public const int Anchors = AnchorGrid * AnchorGrid;

    /// <summary>Class names in class-id order.</summary>
    public static readonly string[] ClassNames = ["person", "bicycle", "car", "truck"];

    /// <summary>Minimum max-min channel spread (0..1 units) of an object cell: backgrounds stay within 30/255.</summary>
    public const float SaturationThreshold = 40f / 255f;

    /// <summary>A class cell's saturation is at least this share of the strongest in its 3x3 neighbourhood.</summary>
    public const float CoverShare = 0.6f;

    /// <summary>
    /// Hue-direction step between touching same-class objects: (RGB - mean) / (max - min) moves by up to ~0.3 in a
    /// channel between two objects (colours jittered by up to 20 per channel), by ~0.02 with compression noise.
    /// </summary>
    public const float ColourStep = 0.04f;

    /// <summary>A mark cell's darkest channel is above this (marks are >= 235 before brightness 0.85).</summary>
    public const float WhiteThreshold = 0.55f;

    /// <summary>The letterbox padding colour, 114/255.</summary>
    public const float LetterboxGrey = 114f / 255f;

    /// <summary>A cell within this of the letterbox grey in every channel is treated as outside the frame.</summary>
    public const float LetterboxTolerance = 0.5f / 255f;

    /// <summary>How far (cells) a mark cell looks for its vehicle on each side: half the largest mark side at 1:1 aspect, with room.</summary>
    public const int HoleReach = 12;

    /// <summary>Reach (cells) of the small-hole fill on each side: holes up to 7x7 cells close.</summary>
    public const int SmallHoleReach = 4;

    /// <summary>
    /// Horizontal run window in cells: 64 (128 px). Trucks are at most 75 px wide at 16:9 and 100 px at 4:3; at 1:1
    /// (133 px) the middle anchors still see both ends.
    /// </summary>
    public const int RunWindowX = 64;

    /// <summary>Vertical run window in cells: 32 (64 px), more than the tallest truck (53 px at a 1:1 aspect).</summary>
    public const int RunWindowY = 32;

    /// <summary>A candidate box must be at least this share foreground.</summary>
    public const float MinFill = 0.9f;

    /// <summary>A candidate box must be at least this share its anchor's class (objects with visibility &gt;= 0.5 pass).</summary>
    public const float MinOwnShare = 0.4f;

    /// <summary>A foreground box's first and last rows and columns must each be at least this share its anchor's class.</summary>
    public const float MinSideShare = 0.2f;

    /// <summary>An own-class box is rejected when more than this share of the strip two cells beyond any side is its class (it was cut short).</summary>
    public const float MaxRingShare = 0.25f;

    /// <summary>A side that meets the same class beyond it stands only where at least this share of it is a colour step (a touching object).</summary>
    public const float MinStepShare = 0.5f;

    /// <summary>An own-class box takes in the row (column) beyond a side when at least this share of it is its class.</summary>
    public const float RaggedShare = 0.5f;

    /// <summary>Smallest box side in cells (4 px).</summary>
    public const float MinSideCells = 2f;

    /// <summary>
    /// The hue tests, two per class (rows of a 1x1 convolution over R, G, B). A cell belongs to the class when both are
    /// positive. Hue sectors (degrees): person (-60, 18.5), bicycle (90, 170), car (190, 260), truck (18.5, 55); the
    /// contract's colours +-20 fall in 14..14, 114..150, 208..236 and 23..47.
    /// </summary>
    private static readonly float[] s_hueTests =
    [
        // person: R > B, and G - B < 0.308 (R - B) (hue below 18.5)
        1f, 0f, -1f,
        0.308f, -1f, 0.692f,
        // bicycle: hue above 90 (R - B < 0.5 (G - B)) and below 170 (B - R < 0.833 (G - R))
        -1f, 0.5f, 0.5f,
        0.167f, 0.833f, -1f,
        // car: hue above 190 (G - R < 0.833 (B - R)) and below 260 (R - G < 0.333 (B - G))
        0.167f, -1f, 0.833f,
        -1f, 0.667f, 0.333f,
        // truck: hue above 18.5 and below 55 (G - B < 0.917 (R - B))
        -0.308f, 1f, -0.692f,
        0.917f, -1f, 0.083f,
    ];

    /// <summary>
    /// Smallest width/height per class away from the frame's edge: the contract's extremes (person 14/44 = 0.32,
    /// bicycle 26/24 = 1.08, car 50/44 = 1.14, truck 100/60 = 1.67) less room for one cell of error on each side of
    /// the smallest sizes (16:9 at 640: person 7x15, bicycle 13x8, car 25x14, truck 50x20 px).
    /// </summary>
    private static readonly float[] s_minAspect = [0.2f, 0.75f, 0.8f, 1.25f];

    /// <summary>Largest width/height per class: person 22/30 = 0.73, bicycle 40/16 = 2.5, car 80/28 = 2.86, truck 150/40 = 3.75, plus room.</summary>
    private static readonly float[] s_maxAspect = [1.0f, 3.6f, 3.8f, 5.0f];

    /// <summary>The car and truck rows of the hue tests (for the classifier).</summary>
    public static float[] VehicleHueTests => s_hueTests[12..];

    /// <summary>
    /// Builds the model. <paramref name="debugOutputs"/> adds <c>debug_masks</c> [N,10,320,320] (4 class masks,
    /// foreground, frame edge, colour steps x and y, label, natural cells) and <c>debug_anchors</c> [N,18,A] (the
    /// candidate boxes and their tests), for looking inside the model while changing it.
    /// </summary>
    public static OnnxModel Build(bool debugOutputs = false)
    {
        GraphBuilder g = new(Name);
        Value images = g.Input("images", TensorElementType.Float, "N", 3, InputSize, InputSize);
        ColourPlanes planes = Colours(g, images);
        RunEdges edges = Runs(g, planes);
        Boxes(g, planes, edges, debugOutputs);

        return new OnnxModel(g.Build("Synthetic-world detector (see shared/synthetic-world.md); YOLOv8 output layout."))
        {
            DocString = "demo-detector: colour, mark filling, run lengths and integral-image checks; no learned weights.",
            Metadata =
            [
                new("names", "{0: 'person', 1: 'bicycle', 2: 'car', 3: 'truck'}"),
                new("stride", "4"),
                new("imgsz", "[640, 640]"),
                new("task", "detect"),
            ],
        };
    }
}
