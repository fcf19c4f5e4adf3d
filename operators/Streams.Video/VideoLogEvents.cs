using Microsoft.Extensions.Logging;

namespace Streams.Video;

/// <summary>Event ids of the annotated-video stage's log lines (5100-5199).</summary>
public static class VideoLogEvents
{
    /// <summary>An encoder started for a stream.</summary>
    public static readonly EventId EncoderStarted = new(5100, nameof(EncoderStarted));

    /// <summary>A stream's file was finished.</summary>
    public static readonly EventId FileWritten = new(5101, nameof(FileWritten));

    /// <summary>ffmpeg failed or could not be started; the message carries the tail of its standard error.</summary>
    public static readonly EventId EncoderFailed = new(5102, nameof(EncoderFailed));

    /// <summary>Frames of a pixel format that cannot be annotated were not recorded.</summary>
    public static readonly EventId UnsupportedFormat = new(5103, nameof(UnsupportedFormat));

    /// <summary>A stream changed its frame size; a new file was started.</summary>
    public static readonly EventId SizeChanged = new(5104, nameof(SizeChanged));
}
