using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>
/// The <c>annotate:</c> section: an annotated video per stream (boxes, track ids, classes, zones, lines, counts),
/// encoded with ffmpeg. Meant for demos and debugging: it costs an H.264 encode per stream.
/// </summary>
public sealed record AnnotateOptions : IValidatableOptions
{
    /// <summary>The defaults.</summary>
    public static AnnotateOptions Default { get; } = new();

    /// <summary><c>directory</c>: where <c>&lt;stream&gt;.mp4</c> files go, resolved against the pipeline file's
    /// directory. Default null: no annotated video.</summary>
    [ConfigPath]
    public string? Directory { get; init; }

    /// <summary><c>max_width</c>: wider frames are scaled down to this width, 16..8192. Default 960.</summary>
    public int MaxWidth { get; init; } = 960;

    /// <summary><c>frame_rate</c>: the videos' playback rate (frames are written as they come: with <c>detect_fps</c>,
    /// set it to that rate), greater than 0. Default 30.</summary>
    public double FrameRate { get; init; } = 30;

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        context.InRange(nameof(MaxWidth), MaxWidth, 16, 8192);
        context.InRange(nameof(FrameRate), FrameRate, 0.1, 1000.0);
    }
}
