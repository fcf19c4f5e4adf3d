using Streams.Options;

namespace Streams.Video;

/// <summary>
/// The <c>annotate:</c> section, and what an <see cref="AnnotatedVideoStage"/> takes: an annotated video per stream
/// (boxes, track ids, classes, zones, lines, counts), encoded with ffmpeg. Meant for demos and debugging: it costs an
/// H.264 encode per stream. The keys of a pipeline file are the directory, width and rate; the rest is set in code
/// ([ConfigIgnore]). <see cref="Validate"/> holds the rules; the stage checks them when it is made.
/// </summary>
public sealed record AnnotatedVideoOptions : IValidatableOptions
{
    /// <summary>The defaults: no directory (a pipeline writes no annotated video), 960 px wide, 30 fps.</summary>
    public static AnnotatedVideoOptions Default { get; } = new();

    /// <summary><c>directory</c>: where <c>&lt;stream&gt;.mp4</c> files go; created when missing. From a pipeline file
    /// it is resolved against the file's directory. Default null: no annotated video (the stage needs one).</summary>
    [ConfigPath]
    public string? Directory { get; init; }

    /// <summary>Class names by class id, for labels. Default null: labels show the class id.</summary>
    [ConfigIgnore]
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Zones to outline, by stream id. Default null: none.</summary>
    [ConfigIgnore]
    public IReadOnlyDictionary<string, IReadOnlyList<OverlayZone>>? Zones { get; init; }

    /// <summary>Counting lines to draw, by stream id. Default null: none.</summary>
    [ConfigIgnore]
    public IReadOnlyDictionary<string, IReadOnlyList<OverlayLine>>? Lines { get; init; }

    /// <summary>
    /// Lines of text for the counts box in the top-left corner, by stream id; typically filled by the host from
    /// analytics events. Called on the stage's task for every frame, so it must be thread-safe, cheap, and should
    /// return a list it keeps (not a new one per call). Default null: no counts box.
    /// </summary>
    [ConfigIgnore]
    public Func<string, IReadOnlyList<(string Label, long Count)>>? Counts { get; init; }

    /// <summary><c>max_width</c>: wider frames are scaled down (aspect kept) by the encoder to this width, 16..8192.
    /// Default 960.</summary>
    public int MaxWidth { get; init; } = 960;

    /// <summary>libx264's constant rate factor, 0..51 (lower is better and bigger). Default 23.</summary>
    [ConfigIgnore]
    public int Crf { get; init; } = 23;

    /// <summary>libx264's preset. Default <c>ultrafast</c>: the encoder must keep up with the pipeline.</summary>
    [ConfigIgnore]
    public string Preset { get; init; } = "ultrafast";

    /// <summary>
    /// <c>frame_rate</c>: the rate written into the file, 0.1..1000. Frames are encoded one after another as they come,
    /// so a sampled stream (every 3rd frame of a 30 fps camera, or any <c>detect_fps</c>) plays faster than real time
    /// unless this is set to its output rate. Default 30.
    /// </summary>
    public double FrameRate { get; init; } = 30;

    /// <summary>
    /// Annotated frames held per stream between the stage and its encoder, at least 1. When full the stage waits (no
    /// frame is lost; a slow encoder slows the pipeline, whose source edge then waits or drops by its own policy).
    /// Default 4.
    /// </summary>
    [ConfigIgnore]
    public int QueueCapacity { get; init; } = 4;

    /// <summary>How long ffmpeg may take to finish a file once its input closed before it is killed, greater than 0.
    /// Default 30 s.</summary>
    [ConfigIgnore]
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the stage waits for room in a stream's full queue before it decides ffmpeg hangs, kills it and stops
    /// recording that file (the pipeline goes on), greater than 0. Default 10 s.
    /// </summary>
    [ConfigIgnore]
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The ffmpeg program: a bare name looked up on PATH, or a path. Default <c>ffmpeg</c>.</summary>
    [ConfigIgnore]
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>A width of 16..8192, a rate of 0.1..1000, a CRF of 0..51, a preset, a queue and positive timeouts.</summary>
    public void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        validation.InRange(nameof(MaxWidth), MaxWidth, 16, 8192);
        validation.InRange(nameof(FrameRate), FrameRate, 0.1, 1000.0);
        validation.InRange(nameof(Crf), Crf, 0, 51);
        validation.NotEmpty(nameof(Preset), Preset);
        validation.AtLeast(nameof(QueueCapacity), QueueCapacity, 1);
        validation.Positive(nameof(CloseTimeout), CloseTimeout);
        validation.Positive(nameof(StallTimeout), StallTimeout);
        validation.NotEmpty(nameof(FfmpegPath), FfmpegPath);
    }
}
