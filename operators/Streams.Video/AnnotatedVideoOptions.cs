namespace Streams.Video;

/// <summary>Settings of an <see cref="AnnotatedVideoStage"/>.</summary>
public sealed record AnnotatedVideoOptions
{
    private readonly int _maxWidth = 960;
    private readonly int _crf = 23;
    private readonly double _frameRate = 30;
    private readonly int _queueCapacity = 4;
    private readonly string _preset = "ultrafast";
    private readonly TimeSpan _closeTimeout = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _stallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Where <c>&lt;stream&gt;.mp4</c> files go; created when missing.</summary>
    public required string Directory { get; init; }

    /// <summary>Class names by class id, for labels. Default null: labels show the class id.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Zones to outline, by stream id. Default null: none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<OverlayZone>>? Zones { get; init; }

    /// <summary>Counting lines to draw, by stream id. Default null: none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<OverlayLine>>? Lines { get; init; }

    /// <summary>
    /// Lines of text for the counts box in the top-left corner, by stream id; typically filled by the host from
    /// analytics events. Called on the stage's task for every frame, so it must be thread-safe, cheap, and should
    /// return a list it keeps (not a new one per call). Default null: no counts box.
    /// </summary>
    public Func<string, IReadOnlyList<(string Label, long Count)>>? Counts { get; init; }

    /// <summary>Frames wider than this are scaled down (aspect kept) by the encoder. Default 960.</summary>
    public int MaxWidth { get => _maxWidth; init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 16); _maxWidth = value; } }

    /// <summary>libx264's constant rate factor, 0..51 (lower is better and bigger). Default 23.</summary>
    public int Crf { get => _crf; init { ArgumentOutOfRangeException.ThrowIfNegative(value); ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 51); _crf = value; } }

    /// <summary>libx264's preset. Default <c>ultrafast</c>: the encoder must keep up with the pipeline.</summary>
    public string Preset { get => _preset; init { ArgumentException.ThrowIfNullOrWhiteSpace(value); _preset = value; } }

    /// <summary>
    /// The rate written into the file. Frames are encoded one after another as they come, so a sampled stream
    /// (every 3rd frame of a 30 fps camera) plays faster than real time unless this is set to its output rate.
    /// Default 30.
    /// </summary>
    public double FrameRate { get => _frameRate; init { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); _frameRate = value; } }

    /// <summary>
    /// Annotated frames held per stream between the stage and its encoder. When full the stage waits (no frame is
    /// lost; a slow encoder slows the pipeline, whose source edge then waits or drops by its own policy). Default 4.
    /// </summary>
    public int QueueCapacity { get => _queueCapacity; init { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); _queueCapacity = value; } }

    /// <summary>How long ffmpeg may take to finish a file once its input closed before it is killed. Default 30 s.</summary>
    public TimeSpan CloseTimeout { get => _closeTimeout; init { ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero); _closeTimeout = value; } }

    /// <summary>
    /// How long the stage waits for room in a stream's full queue before it decides ffmpeg hangs, kills it and stops
    /// recording that file (the pipeline goes on). Default 10 s.
    /// </summary>
    public TimeSpan StallTimeout { get => _stallTimeout; init { ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero); _stallTimeout = value; } }

    /// <summary>The ffmpeg program: a bare name looked up on PATH, or a path. Default <c>ffmpeg</c>.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";
}
