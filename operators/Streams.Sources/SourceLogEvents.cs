using Microsoft.Extensions.Logging;

namespace Streams.Sources;

/// <summary>Log event ids of the sources (3xxx), unique across Streams.</summary>
public static class SourceLogEvents
{
    /// <summary>An ffmpeg process started.</summary>
    public static readonly EventId FfmpegStarted = new(3001, nameof(FfmpegStarted));

    /// <summary>An ffmpeg process ended.</summary>
    public static readonly EventId FfmpegExited = new(3002, nameof(FfmpegExited));

    /// <summary>A warning or error line from ffmpeg (rate-limited).</summary>
    public static readonly EventId FfmpegMessage = new(3003, nameof(FfmpegMessage));

    /// <summary>No frame arrived within the watchdog timeout: ffmpeg is killed and restarted.</summary>
    public static readonly EventId WatchdogFired = new(3004, nameof(WatchdogFired));

    /// <summary>A live source lost its input and waits before trying again.</summary>
    public static readonly EventId Reconnecting = new(3005, nameof(Reconnecting));

    /// <summary>The decoded picture size changed.</summary>
    public static readonly EventId ResolutionChanged = new(3006, nameof(ResolutionChanged));

    /// <summary>ffmpeg's output ended in the middle of a frame.</summary>
    public static readonly EventId TruncatedFrame = new(3007, nameof(TruncatedFrame));

    /// <summary>Repeated ffmpeg lines were left out of the log.</summary>
    public static readonly EventId MessagesSuppressed = new(3008, nameof(MessagesSuppressed));

    /// <summary>A live source reached its retry limit and fails.</summary>
    public static readonly EventId GaveUp = new(3010, nameof(GaveUp));

    /// <summary>A file ended cut short or with frames its decoder lost or marred.</summary>
    public static readonly EventId InputDamaged = new(3011, nameof(InputDamaged));
}
