using Microsoft.Extensions.Logging;
using Streams.Configuration;
using Streams.Runtime;
using Streams.Sources;

namespace Streams.Hosting;

/// <summary>
/// The <see cref="ISourceFactory"/> for configured ffmpeg inputs (files, <c>rtsp(s)://</c>, <c>http(s)://</c>): a
/// source entry of the pipeline file is the <see cref="FfmpegSourceOptions"/> that <see cref="FfmpegSourceFactory"/>
/// makes the source from.
/// </summary>
public sealed class ConfiguredFfmpegSourceFactory(ILoggerFactory loggers) : ISourceFactory
{
    /// <inheritdoc />
    public bool CanCreate(SourceOptions options) =>
        options is not null && !options.Uri.StartsWith("synthetic://", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IFrameSource Create(SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FfmpegSourceFactory.Create(options, loggers);
    }
}
