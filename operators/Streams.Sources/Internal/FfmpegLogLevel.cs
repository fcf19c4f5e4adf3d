namespace Streams.Sources.Internal;

/// <summary>ffmpeg's log levels, as <c>-loglevel level+...</c> tags each line with them. Lower is more severe.</summary>
internal enum FfmpegLogLevel
{
    /// <summary>A line without a level tag (not from av_log: setpriv, a crash message).</summary>
    Untagged,
    Panic,
    Fatal,
    Error,
    Warning,
    Info,
    Verbose,
    Debug,
    Trace,
}
