using Microsoft.Extensions.Logging;
using Streams.Configuration;
using Streams.Runtime;
using Streams.Sources;

namespace Streams.Hosting;

/// <summary>
/// The <see cref="ISourceFactory"/> for configured ffmpeg inputs (files, <c>rtsp(s)://</c>, <c>http(s)://</c>): maps a
/// source entry of the pipeline file to <see cref="FfmpegSourceOptions"/> and has <see cref="FfmpegSourceFactory"/>
/// make the source.
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
        return FfmpegSourceFactory.Create(Map(options), loggers);
    }

    /// <summary>The ffmpeg source options for a configured source.</summary>
    public static FfmpegSourceOptions Map(SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mapped = new FfmpegSourceOptions
        {
            Uri = options.Uri,
            Live = options.Live,
            Replay = options.Replay == ReplayMode.Fast ? ReplayPacing.Fast : ReplayPacing.Realtime,
            Loop = options.Loop,
            DetectFps = options.DetectFps,
            Start = options.Start,
            Duration = options.Duration,
            RtspTransport = options.RtspTransport == RtspTransport.Udp ? RtspTransportProtocol.Udp : RtspTransportProtocol.Tcp,
            WatchdogTimeout = options.WatchdogTimeout,
            BackoffInitial = options.BackoffInitial,
            BackoffMax = options.BackoffMax,
            MaxRetries = options.MaxRetries,
            DecoderThreads = options.DecoderThreads,
        };
        mapped.Validate();
        return mapped;
    }
}
