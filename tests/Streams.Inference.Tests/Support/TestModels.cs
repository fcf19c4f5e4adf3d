namespace Streams.Inference.Tests.Support;

/// <summary>Small models with outputs that can be worked out by hand.</summary>
internal static class TestModels
{
    /// <summary>y = x, float [batch, 3].</summary>
    public static byte[] Identity(int elementType = OnnxModelBuilder.Float) => new OnnxModelBuilder()
        .Input("x", elementType, "batch", 3)
        .Output("y", elementType, "batch", 3)
        .Node("Identity", ["x"], ["y"])
        .Build();

    /// <summary>y = x + [1, 2, 3], float [2, 3].</summary>
    public static byte[] AddConstant() => new OnnxModelBuilder()
        .Input("x", OnnxModelBuilder.Float, 2, 3)
        .Output("y", OnnxModelBuilder.Float, 2, 3)
        .Initializer("c", [1f, 2f, 3f], 3)
        .Node("Add", ["x", "c"], ["y"])
        .Build();

    /// <summary>y = x · W with W = [[1,2,3],[4,5,6]], x float [batch, 2].</summary>
    public static byte[] MatMul() => new OnnxModelBuilder()
        .Input("x", OnnxModelBuilder.Float, "batch", 2)
        .Output("y", OnnxModelBuilder.Float, "batch", 3)
        .Initializer("w", [1f, 2f, 3f, 4f, 5f, 6f], 2, 3)
        .Node("MatMul", ["x", "w"], ["y"])
        .Metadata("names", "{0: 'person', 1: 'car'}")
        .Metadata("author", "tests")
        .Build();

    /// <summary>A 3x3 all-ones convolution with padding 1 over [1, 1, 4, 4]: each output is its 3x3 neighbourhood's sum.</summary>
    public static byte[] BoxSumConv() => new OnnxModelBuilder()
        .Input("x", OnnxModelBuilder.Float, 1, 1, 4, 4)
        .Output("y", OnnxModelBuilder.Float, 1, 1, 4, 4)
        .Initializer("w", Enumerable.Repeat(1f, 9).ToArray(), 1, 1, 3, 3)
        .Node("Conv", ["x", "w"], ["y"], ("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 1, 1, 1, 1 }))
        .Build();

    /// <summary>Anchors of <see cref="MeanDetector"/>: only the first one scores.</summary>
    public const int DetectorAnchors = 8;

    /// <summary>
    /// A "detector" over [batch, 3, size, size] images whose first anchor reads the image: each channel's mean m
    /// (0..1) gives cx = 8 + 40·m_r, cy = 8 + 40·m_g, w = h = 10 + 10·m_b, score of class 0 = 0.9, class 1 = 0.1.
    /// The other anchors score 0. Output [batch, 6, 8] (YOLOv8 layout, 2 classes).
    /// </summary>
    public static byte[] MeanDetector(object batch, object? size = null, string? names = "{0: 'person', 1: 'car'}", bool float16 = false)
    {
        // [b,3] · W[3,48] + B[48] reshaped to [b,6,8]: column row·8 + anchor; rows cx, cy, w, h, s0, s1.
        const int A = DetectorAnchors;
        float[] w = new float[3 * 6 * A];
        float[] b = new float[6 * A];
        w[(0 * 6 * A) + (0 * A)] = 40; // cx from red
        w[(1 * 6 * A) + (1 * A)] = 40; // cy from green
        w[(2 * 6 * A) + (2 * A)] = 10; // w from blue
        w[(2 * 6 * A) + (3 * A)] = 10; // h from blue
        b[0 * A] = 8;
        b[1 * A] = 8;
        b[2 * A] = 10;
        b[3 * A] = 10;
        b[4 * A] = 0.9f;
        b[5 * A] = 0.1f;
        int type = float16 ? OnnxModelBuilder.Float16 : OnnxModelBuilder.Float;
        OnnxModelBuilder model = new OnnxModelBuilder()
            .Input(float16 ? "images16" : "images", type, batch, 3, size ?? 64, size ?? 64)
            .Output(float16 ? "output16" : "output0", type, batch, 6, A)
            .Initializer("w", w, 3, 6 * A)
            .Initializer("b", b, 6 * A)
            .Initializer("flat", new long[] { -1, 3 }, 2)
            .Initializer("shape", new long[] { -1, 6, A }, 3)
            .Node("GlobalAveragePool", ["images"], ["pooled"])
            .Node("Reshape", ["pooled", "flat"], ["means"])
            .Node("MatMul", ["means", "w"], ["mm"])
            .Node("Add", ["mm", "b"], ["rows"])
            .Node("Reshape", ["rows", "shape"], ["output0"]);
        if (float16)
        {
            // Cast's "to": TensorProto.FLOAT = 1, FLOAT16 = 10.
            model.Node("Cast", ["images16"], ["images"], ("to", 1L)).Node("Cast", ["output0"], ["output16"], ("to", 10L));
        }

        if (names is not null)
        {
            model.Metadata("names", names);
        }

        return model.Build();
    }

    /// <summary>The box <see cref="MeanDetector"/> gives for channel means (0..1), in input pixels.</summary>
    public static Streams.Runtime.BoxF MeanDetectorBox(float r, float g, float b)
    {
        float size = 10 + (10 * b);
        return new Streams.Runtime.BoxF(8 + (40 * r) - (size / 2), 8 + (40 * g) - (size / 2), size, size);
    }

    /// <summary>A classifier over [batch, 3, size, size]: logits = [m_r, m_g, m_b] · 10 (3 classes), no softmax.</summary>
    public static byte[] MeanClassifier(object batch, int size = 32) => new OnnxModelBuilder()
        .Input("input", OnnxModelBuilder.Float, batch, 3, size, size)
        .Output("logits", OnnxModelBuilder.Float, batch, 3)
        .Initializer("flat", new long[] { -1, 3 }, 2)
        .Initializer("ten", [10f], 1)
        .Node("GlobalAveragePool", ["input"], ["pooled"])
        .Node("Reshape", ["pooled", "flat"], ["means"])
        .Node("Mul", ["means", "ten"], ["logits"])
        .Metadata("names", "{0: 'red', 1: 'green', 2: 'blue'}")
        .Build();
}
