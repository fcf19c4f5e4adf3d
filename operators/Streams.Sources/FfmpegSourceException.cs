namespace Streams.Sources;

/// <summary>
/// A source failed for good: a file that cannot be read, a live input past its retry limit, a missing ffmpeg. The
/// message names the input with its credentials redacted.
/// </summary>
public sealed class FfmpegSourceException : IOException
{
    /// <summary>Creates an exception without a message.</summary>
    public FfmpegSourceException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>, which must already be redacted.</summary>
    public FfmpegSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> (already redacted) and its cause.</summary>
    public FfmpegSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
