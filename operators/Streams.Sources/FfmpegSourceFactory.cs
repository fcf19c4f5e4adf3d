using Microsoft.Extensions.Logging;
using Streams.Runtime;

namespace Streams.Sources;

/// <summary>
/// Creates <see cref="FfmpegSource"/>s from their <see cref="FfmpegSourceOptions"/>, and the <see cref="StreamSpec"/>s
/// that add them to a pipeline.
/// </summary>
public static class FfmpegSourceFactory
{
    /// <summary>The log category of the sources.</summary>
    public const string LogCategory = "Streams.Sources.Ffmpeg";

    /// <summary>Creates a source for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    public static FfmpegSource Create(FfmpegSourceOptions options, ILoggerFactory? loggerFactory = null) =>
        new(options, loggerFactory?.CreateLogger(LogCategory));

    /// <summary>
    /// Creates a source and the stream around it: the display URI redacted, and the stream's own queue of
    /// <paramref name="capacity"/> frames with <paramref name="policy"/>, by default
    /// <see cref="EdgePolicy.DropOldest"/> for live inputs (a camera does not wait) and <see cref="EdgePolicy.Wait"/>
    /// for files (nothing is lost).
    /// </summary>
    public static StreamSpec CreateStream(string id, FfmpegSourceOptions options, ILoggerFactory? loggerFactory = null,
        int capacity = 8, EdgePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        FfmpegSource source = Create(options, loggerFactory);
        var edge = new EdgeOptions
        {
            Capacity = capacity,
            Policy = policy ?? (options.IsLive ? EdgePolicy.DropOldest : EdgePolicy.Wait),
        };
        return new StreamSpec(id, source.DisplayUri, source, edge);
    }
}
