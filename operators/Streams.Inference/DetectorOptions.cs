namespace Streams.Inference;

/// <summary>A primary detector: its model, how frames become its input, and which detections are kept.</summary>
public sealed record DetectorOptions
{
    private readonly float _confidence = 0.25f;
    private readonly float _iou = 0.45f;
    private readonly int _maxDetections = 300;
    private readonly int _maxBatch = 8;
    private readonly TimeSpan _maxWait = TimeSpan.FromMilliseconds(10);
    private readonly float _minBoxSize;

    /// <summary>The <c>.onnx</c> file (required).</summary>
    public required string ModelPath { get; init; }

    /// <summary>The stage's name in logs and metrics. Default "detector".</summary>
    public string Name { get; init; } = "detector";

    /// <summary>How ONNX Runtime runs the model. Default <see cref="InferenceSessionOptions.Default"/> (CPU).</summary>
    public InferenceSessionOptions Session { get; init; } = InferenceSessionOptions.Default;

    /// <summary>Input width; null to read it from the model. A value the model's fixed input contradicts is an error.</summary>
    public int? InputWidth { get; init; }

    /// <summary>Input height; null to read it from the model.</summary>
    public int? InputHeight { get; init; }

    /// <summary>Resize, channel order and normalisation. Default Ultralytics' (letterbox 114, RGB, /255).</summary>
    public PreprocessOptions Preprocess { get; init; } = PreprocessOptions.Default;

    /// <summary>The output layout. Default <see cref="DetectionDecoderKind.Auto"/>: chosen from the output's shape.</summary>
    public DetectionDecoderKind Decoder { get; init; } = DetectionDecoderKind.Auto;

    /// <summary>Class names by index. Default empty: the model's <c>names</c> metadata, else numbers.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>Detections scoring at or below this are dropped, 0..1. Default 0.25.</summary>
    public float Confidence
    {
        get => _confidence;
        init => _confidence = InRange(value, 0, 1, nameof(Confidence));
    }

    /// <summary>Per-class thresholds by class name (or index), overriding <see cref="Confidence"/>. Default none.</summary>
    public IReadOnlyDictionary<string, float> ClassConfidence { get; init; } = new Dictionary<string, float>();

    /// <summary>Only these classes (names or indices) are kept. Default empty: all.</summary>
    public IReadOnlyList<string> AllowedClasses { get; init; } = [];

    /// <summary>Suppression drops a box overlapping a better one with IoU above this, 0..1. Default 0.45.</summary>
    public float Iou
    {
        get => _iou;
        init => _iou = InRange(value, 0, 1, nameof(Iou));
    }

    /// <summary>Suppression across classes, not only within one. Default false (class-aware).</summary>
    public bool ClassAgnosticNms { get; init; }

    /// <summary>Boxes narrower or shorter than this many source pixels are dropped. Default 0.</summary>
    public float MinBoxSize
    {
        get => _minBoxSize;
        init => _minBoxSize = InRange(value, 0, float.MaxValue, nameof(MinBoxSize));
    }

    /// <summary>Most detections kept per frame, best first, 1..10000. Default 300 (Ultralytics' max_det).</summary>
    public int MaxDetections
    {
        get => _maxDetections;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10_000);
            _maxDetections = value;
        }
    }

    /// <summary>Per stream id, the region detections must stand in (bottom-centre inside). Default none.</summary>
    public IReadOnlyDictionary<string, RoiPolygon> RegionsOfInterest { get; init; } = new Dictionary<string, RoiPolygon>();

    /// <summary>Most frames, across streams, run in one call, 1..256. Default 8. A fixed-batch model runs in chunks of its size.</summary>
    public int MaxBatch
    {
        get => _maxBatch;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 256);
            _maxBatch = value;
        }
    }

    /// <summary>Longest a partial batch waits for more frames. Default 10 ms.</summary>
    public TimeSpan MaxWait
    {
        get => _maxWait;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _maxWait = value;
        }
    }

    internal static float InRange(float value, float min, float max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in {min}..{max}.");
        }

        return value;
    }
}
