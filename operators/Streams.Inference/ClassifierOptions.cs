namespace Streams.Inference;

/// <summary>A secondary classifier: labels crops of chosen detected classes (DeepStream's secondary GIE).</summary>
public sealed record ClassifierOptions
{
    private readonly int _minCrop = 32;
    private readonly int _topK = 1;
    private readonly float _confidence;
    private readonly int _maxBatch = 8;
    private readonly int _maxCropBatch = 32;
    private readonly TimeSpan _maxWait = TimeSpan.FromMilliseconds(10);
    private readonly int _modelIndex;

    /// <summary>The <c>.onnx</c> file (required).</summary>
    public required string ModelPath { get; init; }

    /// <summary>The stage's name in logs and metrics. Default "classifier".</summary>
    public string Name { get; init; } = "classifier";

    /// <summary>The model's position among the secondary models: <see cref="Streams.Runtime.ObjectAttribute.ModelIndex"/>. Default 0.</summary>
    public int ModelIndex
    {
        get => _modelIndex;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _modelIndex = value;
        }
    }

    /// <summary>How ONNX Runtime runs the model. Default CPU.</summary>
    public InferenceSessionOptions Session { get; init; } = InferenceSessionOptions.Default;

    /// <summary>Input width; null to read it from the model.</summary>
    public int? InputWidth { get; init; }

    /// <summary>Input height; null to read it from the model.</summary>
    public int? InputHeight { get; init; }

    /// <summary>Channel order and normalisation (crops are always stretched). Default RGB, /255 (Ultralytics' classifiers).</summary>
    public PreprocessOptions Preprocess { get; init; } = PreprocessOptions.Default with { Resize = ResizeMode.Stretch };

    /// <summary>The classifier's label names by index. Default empty: the model's <c>names</c> metadata, else numbers.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>The detector's classes (names or indices) whose objects are classified. Default empty: all.</summary>
    public IReadOnlyList<string> ApplyTo { get; init; } = [];

    /// <summary>Objects whose box is narrower or shorter than this many pixels are skipped, 1..8192. Default 32.</summary>
    public int MinCrop
    {
        get => _minCrop;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 8192);
            _minCrop = value;
        }
    }

    /// <summary>Labels attached per object, best first, 1..16. Default 1.</summary>
    public int TopK
    {
        get => _topK;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 16);
            _topK = value;
        }
    }

    /// <summary>Labels with a lower probability are not attached, 0..1. Default 0.</summary>
    public float Confidence
    {
        get => _confidence;
        init => _confidence = DetectorOptions.InRange(value, 0, 1, nameof(Confidence));
    }

    /// <summary>Whether scores are logits or probabilities. Default <see cref="ClassifierOutputKind.Auto"/>.</summary>
    public ClassifierOutputKind Output { get; init; } = ClassifierOutputKind.Auto;

    /// <summary>Most frames gathered per batch, 1..256. Default 8.</summary>
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

    /// <summary>Most crops per inference call for a dynamic-batch model, 1..1024. Default 32. A fixed-batch model uses its own size.</summary>
    public int MaxCropBatch
    {
        get => _maxCropBatch;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1024);
            _maxCropBatch = value;
        }
    }

    /// <summary>Longest a partial batch of frames waits for more. Default 10 ms.</summary>
    public TimeSpan MaxWait
    {
        get => _maxWait;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _maxWait = value;
        }
    }
}
