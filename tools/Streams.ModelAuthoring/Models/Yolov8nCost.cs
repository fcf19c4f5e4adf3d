using Streams.ModelAuthoring.Onnx;

namespace Streams.ModelAuthoring.Models;

/// <summary>
/// A model with YOLOv8n's architecture and cost for throughput benchmarks: the Ultralytics yolov8n graph as its ONNX
/// export has it after Conv+BatchNorm fusion (Conv with bias, SiLU as x * Sigmoid(x)), with the same channel widths
/// (16-32-64-128-256), C2f depths (1-2-2-1), SPPF, the PAN neck and the decoupled head with DFL; input <c>images</c>
/// [N,3,640,640], output <c>output0</c> [N,84,8400] (cx, cy, w, h in pixels, then 80 class scores). The weights are
/// deterministic pseudo-random numbers (SplitMix64, He-style scale so activations stay near 1; the head's last 1x1
/// convolutions scaled down), and the class biases are <see cref="ClassBias"/>, so class scores stay below 0.001:
/// confidence thresholds find nothing.
/// </summary>
internal sealed class Yolov8nCost
{
    /// <summary>The model's name in the manifest.</summary>
    public const string Name = "yolov8n-cost";

    /// <summary>Input side in pixels.</summary>
    public const int InputSize = 640;

    /// <summary>Classes of the COCO head.</summary>
    public const int ClassCount = 80;

    /// <summary>DFL bins per box side.</summary>
    public const int RegMax = 16;

    /// <summary>Anchors: 80x80 + 40x40 + 20x20.</summary>
    public const int Anchors = 8400;

    /// <summary>Bias of the class logits: sigmoid(-12) = 6e-6, so scores stay far below any threshold.</summary>
    public const float ClassBias = -12f;

    /// <summary>Weight scale of the head's last 1x1 convolutions, so that their outputs stay near their biases.</summary>
    public const float HeadScale = 0.05f;

    /// <summary>Seed of the weight generator.</summary>
    public const ulong Seed = 0x5EED_0008;

    private readonly GraphBuilder _g = new(Name);
    private ulong _state = Seed;
    private int _layer;

    private Yolov8nCost()
    {
    }

    /// <summary>Multiply-accumulates of every convolution, times two (the Ultralytics GFLOPs convention).</summary>
    public long Flops { get; private set; }

    /// <summary>Builds the model and returns it with its FLOP count.</summary>
    public static (OnnxModel Model, long Flops) Build()
    {
        Yolov8nCost b = new();
        OnnxModel model = b.BuildModel();
        return (model, b.Flops);
    }

    private OnnxModel BuildModel()
    {
        Feature x = new(_g.Input("images", TensorElementType.Float, "N", 3, InputSize, InputSize), 3, InputSize, InputSize);

        // Backbone.
        x = Conv(x, 16, 3, 2);                  // 0  P1/2
        x = Conv(x, 32, 3, 2);                  // 1  P2/4
        x = C2f(x, 32, 1, shortcut: true);      // 2
        x = Conv(x, 64, 3, 2);                  // 3  P3/8
        Feature p3 = C2f(x, 64, 2, shortcut: true);   // 4
        x = Conv(p3, 128, 3, 2);                // 5  P4/16
        Feature p4 = C2f(x, 128, 2, shortcut: true);  // 6
        x = Conv(p4, 256, 3, 2);                // 7  P5/32
        x = C2f(x, 256, 1, shortcut: true);     // 8
        Feature p5 = Sppf(x, 256);              // 9

        // Neck (PAN).
        x = Concat(Upsample(p5), p4);           // 10, 11
        Feature h4 = C2f(x, 128, 1, shortcut: false);  // 12
        x = Concat(Upsample(h4), p3);           // 13, 14
        Feature out3 = C2f(x, 64, 1, shortcut: false);  // 15 (P3/8)
        x = Concat(Conv(out3, 64, 3, 2), h4);   // 16, 17
        Feature out4 = C2f(x, 128, 1, shortcut: false); // 18 (P4/16)
        x = Concat(Conv(out4, 128, 3, 2), p5);  // 19, 20
        Feature out5 = C2f(x, 256, 1, shortcut: false); // 21 (P5/32)

        // Detect head: per level a box branch (64 = 4 x 16 DFL bins) and a class branch (80), joined over anchors.
        Feature[] levels = [out3, out4, out5];
        int[] strides = [8, 16, 32];
        const int boxWidth = 64;
        const int classWidth = 80;
        List<Value> boxes = [];
        List<Value> classes = [];
        foreach (Feature level in levels)
        {
            Feature box = Conv(Conv(level, boxWidth, 3, 1), boxWidth, 3, 1);
            box = PlainConv(box, 4 * RegMax, 1, bias: 0f, scale: HeadScale);
            Feature cls = Conv(Conv(level, classWidth, 3, 1), classWidth, 3, 1);
            cls = PlainConv(cls, ClassCount, 1, bias: ClassBias, scale: HeadScale);
            boxes.Add(_g.Reshape(box.Value, 0, 4 * RegMax, -1));
            classes.Add(_g.Reshape(cls.Value, 0, ClassCount, -1));
        }

        Value boxLogits = _g.Concat(2, [.. boxes]);   // [N, 64, 8400]
        Value classLogits = _g.Concat(2, [.. classes]); // [N, 80, 8400]

        // DFL: softmax over the 16 bins of each side, expectation by a fixed 1x1 convolution with weights 0..15.
        Value bins = _g.Transpose(_g.Reshape(boxLogits, 0, 4, RegMax, Anchors), 0, 2, 1, 3); // [N, 16, 4, A]
        float[] arange = new float[RegMax];
        for (int i = 0; i < RegMax; i++)
        {
            arange[i] = i;
        }

        Value expectation = _g.Conv(_g.Softmax(bins, 1), _g.Initializer("dfl", [1, RegMax, 1, 1], arange), Value.None, kernel: 1);
        Value distances = _g.Reshape(expectation, 0, 4, Anchors);

        // dist2bbox (xywh) times the stride, with anchor points at cell centres.
        (float[] anchorXy, float[] stride) = AnchorTables(strides);
        Value anchors = _g.Initializer("anchor_points", [1, 2, Anchors], anchorXy);
        Value strideRow = _g.Initializer("anchor_strides", [1, 1, Anchors], stride);
        Value[] ltrb = _g.Split(distances, 1, 2, 2);
        Value x1y1 = _g.Sub(anchors, ltrb[0]);
        Value x2y2 = _g.Add(anchors, ltrb[1]);
        Value centre = _g.Mul(_g.Add(x1y1, x2y2), 0.5f);
        Value size = _g.Sub(x2y2, x1y1);
        Value boxXywh = _g.Mul(_g.Concat(1, centre, size), strideRow);
        Value output = _g.Named(_g.Concat(1, boxXywh, _g.Sigmoid(classLogits)), "output0");
        _g.Output(output, TensorElementType.Float, "N", 4 + ClassCount, Anchors);

        return new OnnxModel(_g.Build("YOLOv8n architecture with random weights, for throughput benchmarks."))
        {
            DocString = $"yolov8n-cost: the YOLOv8n graph (fused export form), deterministic random weights (seed {Seed:X}), {Flops / 1e9:F2} GFLOPs at 640x640.",
            Metadata =
            [
                new("names", "COCO-80 placeholder (class i is 'class_i')"),
                new("stride", "32"),
                new("imgsz", "[640, 640]"),
                new("task", "detect"),
                new("flops", Flops.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
        };
    }

    /// <summary>Conv2d (fused with BatchNorm: weights and bias) + SiLU, padding k/2.</summary>
    private Feature Conv(Feature x, int channels, int kernel, int stride)
    {
        Feature y = PlainConv(x, channels, kernel, bias: null, stride);
        return y with { Value = _g.Mul(y.Value, _g.Sigmoid(y.Value)) };
    }

    /// <summary>Conv2d with bias, no activation; <paramref name="bias"/> null draws small random biases.</summary>
    private Feature PlainConv(Feature x, int channels, int kernel, float? bias, int stride = 1, float scale = 1f)
    {
        int fanIn = x.Channels * kernel * kernel;

        // Var(w) = gain^2 / fanIn with gain 1.2 keeps SiLU activations near unit scale through the stack.
        float bound = scale * 1.2f * MathF.Sqrt(3f / fanIn);
        float[] weights = new float[channels * fanIn];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = bound * NextSigned();
        }

        float[] biases = new float[channels];
        for (int i = 0; i < channels; i++)
        {
            biases[i] = bias ?? 0.1f * NextSigned();
        }

        int id = _layer++;
        Value w = _g.Initializer($"model.{id}.weight", [channels, x.Channels, kernel, kernel], weights);
        Value b = _g.Initializer($"model.{id}.bias", [channels], biases);
        int height = ((x.Height + (2 * (kernel / 2)) - kernel) / stride) + 1;
        int width = ((x.Width + (2 * (kernel / 2)) - kernel) / stride) + 1;
        Flops += 2L * channels * height * width * fanIn;
        return new Feature(_g.Conv(x.Value, w, b, kernel, stride, kernel / 2), channels, height, width);
    }

    /// <summary>C2f: 1x1 conv to 2c, split, n bottlenecks on the last half, concat all, 1x1 conv.</summary>
    private Feature C2f(Feature x, int channels, int n, bool shortcut)
    {
        int c = channels / 2;
        Feature y = Conv(x, 2 * c, 1, 1);
        Value[] halves = _g.Split(y.Value, 1, c, c);
        List<Value> parts = [halves[0], halves[1]];
        Feature last = new(halves[1], c, y.Height, y.Width);
        for (int i = 0; i < n; i++)
        {
            Feature inner = Conv(Conv(last, c, 3, 1), c, 3, 1);
            last = shortcut ? inner with { Value = _g.Add(last.Value, inner.Value) } : inner;
            parts.Add(last.Value);
        }

        return Conv(new Feature(_g.Concat(1, [.. parts]), (2 + n) * c, y.Height, y.Width), channels, 1, 1);
    }

    /// <summary>SPPF: 1x1 conv to c/2, three chained 5x5 max pools, concat, 1x1 conv.</summary>
    private Feature Sppf(Feature x, int channels)
    {
        Feature y = Conv(x, x.Channels / 2, 1, 1);
        Value p1 = _g.MaxPool(y.Value, [5, 5], [1, 1], [2, 2, 2, 2]);
        Value p2 = _g.MaxPool(p1, [5, 5], [1, 1], [2, 2, 2, 2]);
        Value p3 = _g.MaxPool(p2, [5, 5], [1, 1], [2, 2, 2, 2]);
        return Conv(new Feature(_g.Concat(1, y.Value, p1, p2, p3), y.Channels * 4, y.Height, y.Width), channels, 1, 1);
    }

    private Feature Upsample(Feature x) => new(_g.Upsample(x.Value, 2f), x.Channels, x.Height * 2, x.Width * 2);

    private Feature Concat(Feature a, Feature b) => new(_g.Concat(1, a.Value, b.Value), a.Channels + b.Channels, a.Height, a.Width);

    /// <summary>Anchor points (cell centres in grid units, x row then y row) and the stride of every anchor.</summary>
    private static (float[] Points, float[] Strides) AnchorTables(int[] strides)
    {
        float[] points = new float[2 * Anchors];
        float[] stride = new float[Anchors];
        int a = 0;
        foreach (int s in strides)
        {
            int side = InputSize / s;
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++, a++)
                {
                    points[a] = x + 0.5f;
                    points[Anchors + a] = y + 0.5f;
                    stride[a] = s;
                }
            }
        }

        return (points, stride);
    }

    /// <summary>A uniform number in [-1, 1) from SplitMix64.</summary>
    private float NextSigned()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (float)(((z >> 40) / (double)(1UL << 24)) * 2.0 - 1.0);
    }

    /// <summary>A tensor with its static channel count and spatial size (batch is dynamic).</summary>
    private readonly record struct Feature(Value Value, int Channels, int Height, int Width);
}
