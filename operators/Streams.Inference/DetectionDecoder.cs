using System.Globalization;
using Streams.Inference.Internal;

namespace Streams.Inference;

/// <summary>
/// Reads one image's detector output into candidates above their class's threshold, in the input's pixels.
/// </summary>
/// <remarks>
/// A score must be strictly above its threshold, as in Ultralytics. Thresholds come per class; a class with no
/// entry uses the default (pass +∞ to drop classes: that is how an allow-list works, after the best class is
/// chosen, as Ultralytics' <c>classes</c> filter does). An instance keeps scratch arrays: one thread at a time.
/// </remarks>
public abstract class DetectionDecoder
{
    /// <summary>Creates a decoder for <paramref name="classCount"/> classes (0 where the output does not say).</summary>
    protected DetectionDecoder(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classCount);
        ClassCount = classCount;
    }

    /// <summary>The layout decoded.</summary>
    public abstract DetectionDecoderKind Kind { get; }

    /// <summary>Classes in the output; 0 for end-to-end outputs, which carry class indices.</summary>
    public int ClassCount { get; }

    /// <summary>True when candidates still need non-maximum suppression (false for end-to-end outputs).</summary>
    public virtual bool NeedsSuppression => true;

    /// <summary>
    /// Appends the candidates of one image. <paramref name="output"/> is the image's part of the output, of
    /// <paramref name="rows"/> × <paramref name="columns"/> values (the output's dims after the batch).
    /// </summary>
    public abstract void Decode(ReadOnlySpan<float> output, int rows, int columns, ReadOnlySpan<float> classThresholds, float defaultThreshold,
        List<DetectionCandidate> candidates);

    /// <summary>
    /// Chooses the decoder for an output of <paramref name="outputShape"/> <c>[N, a, b]</c>. <see cref="DetectionDecoderKind.Auto"/>:
    /// <c>b == 6</c> is end-to-end (unless a single-class model has exactly YOLOv5's anchor count for the input size);
    /// else <c>a &lt; b</c> is YOLOv8 (C = a − 4) and <c>a &gt; b</c> YOLOv5 (C = b − 5).
    /// </summary>
    /// <param name="kind">The layout, or <see cref="DetectionDecoderKind.Auto"/>.</param>
    /// <param name="outputShape">The output's shape, batch first; its two last dims must be known.</param>
    /// <param name="inputWidth">The model's input width (for YOLOv5's anchor count).</param>
    /// <param name="inputHeight">The model's input height.</param>
    /// <param name="classCount">The number of class names known, or null; a count the output contradicts is an error.</param>
    /// <param name="model">The model's name for messages.</param>
    /// <exception cref="ModelLoadException">The shape fits no decoder (or not the one asked for).</exception>
    public static DetectionDecoder Create(DetectionDecoderKind kind, IReadOnlyList<long> outputShape, int inputWidth, int inputHeight,
        int? classCount, string model)
    {
        ArgumentNullException.ThrowIfNull(outputShape);
        string shape = TensorInfo.FormatShape(outputShape);
        const string Layouts = "YOLOv8 [N,4+C,A], YOLOv5 [N,A,5+C] or end-to-end [N,K,6]";
        if (outputShape.Count != 3 || outputShape[1] <= 0 || outputShape[2] <= 0)
        {
            throw new ModelLoadException(model, $"its output has shape {shape}, which fits no detection decoder ({Layouts})");
        }

        long a = outputShape[1];
        long b = outputShape[2];
        if (kind == DetectionDecoderKind.Auto)
        {
            kind = b == 6 && !(classCount == 1 && a == YoloV5Anchors(inputWidth, inputHeight)) ? DetectionDecoderKind.EndToEnd
                : a < b && a > 4 ? DetectionDecoderKind.YoloV8
                : a > b && b > 5 ? DetectionDecoderKind.YoloV5
                : throw new ModelLoadException(model, $"its output has shape {shape}, which fits no detection decoder ({Layouts})");
        }

        DetectionDecoder decoder = kind switch
        {
            DetectionDecoderKind.YoloV8 when a > 4 => new YoloV8Decoder((int)(a - 4)),
            DetectionDecoderKind.YoloV5 when b > 5 => new YoloV5Decoder((int)(b - 5)),
            DetectionDecoderKind.EndToEnd when b >= 6 => new EndToEndDecoder(),
            DetectionDecoderKind.YoloV8 or DetectionDecoderKind.YoloV5 or DetectionDecoderKind.EndToEnd =>
                throw new ModelLoadException(model, $"its output has shape {shape}, which does not fit the {NameOf(kind)} decoder asked for ({Layouts})"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown decoder."),
        };
        if (classCount is { } known && decoder.ClassCount != 0 && known != decoder.ClassCount)
        {
            throw new ModelLoadException(model,
                $"its output {shape} read as {NameOf(decoder.Kind)} has {decoder.ClassCount} classes, but {known} class names are given");
        }

        return decoder;
    }

    /// <summary>YOLOv5's anchor count for an input: 3 anchors per cell at strides 8, 16 and 32 (25200 at 640x640).</summary>
    public static long YoloV5Anchors(int inputWidth, int inputHeight) => 3 * YoloV8Anchors(inputWidth, inputHeight);

    /// <summary>YOLOv8's anchor count: one per cell at strides 8, 16 and 32 (8400 at 640x640).</summary>
    public static long YoloV8Anchors(int inputWidth, int inputHeight)
    {
        long count = 0;
        for (int stride = 8; stride <= 32; stride *= 2)
        {
            count += (long)((inputWidth + stride - 1) / stride) * ((inputHeight + stride - 1) / stride);
        }

        return count;
    }

    /// <summary>The decoder's name in messages and configuration: yolov8, yolov5, end2end.</summary>
    public static string NameOf(DetectionDecoderKind kind) => kind switch
    {
        DetectionDecoderKind.YoloV8 => "yolov8",
        DetectionDecoderKind.YoloV5 => "yolov5",
        DetectionDecoderKind.EndToEnd => "end2end",
        _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    /// <summary>The threshold for <paramref name="classId"/>.</summary>
    protected static float ThresholdOf(ReadOnlySpan<float> classThresholds, float defaultThreshold, int classId) =>
        (uint)classId < (uint)classThresholds.Length ? classThresholds[classId] : defaultThreshold;

    /// <summary>Checks that an image's output has the size its dims say.</summary>
    protected static void RequireSize(ReadOnlySpan<float> output, int rows, int columns)
    {
        if (rows <= 0 || columns <= 0 || output.Length < (long)rows * columns)
        {
            throw new ArgumentException($"The output holds {output.Length} values, fewer than {rows}x{columns}.", nameof(output));
        }
    }

    /// <summary>Scratch for decoders: grows once to the largest size seen.</summary>
    private protected static T[] Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            array = new T[size];
        }

        return array;
    }

    /// <summary>The arg-max across class rows, vectorised (used by YOLOv8).</summary>
    private protected static void ArgMaxRows(ReadOnlySpan<float> output, int firstRow, int classCount, int columns, Span<float> best, Span<int> bestClass) =>
        VectorArgMax.Rows(output, firstRow, classCount, columns, best, bestClass);
}
