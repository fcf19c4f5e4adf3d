using Streams.Options;
using System.Globalization;
using System.Text.RegularExpressions;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>One entry of <c>sources:</c>: a video file, a network stream or a synthetic generator.</summary>
public sealed partial record SourceOptions : IValidatableOptions
{
    /// <summary>Highest detection rate accepted; above any camera this pipeline is built for.</summary>
    private const double MaxDetectFps = 240;

    private static readonly string[] s_liveSchemes = ["rtsp", "rtsps", "http", "https"];
    private static readonly string[] s_schemes = ["rtsp", "rtsps", "http", "https", "synthetic"];

    /// <summary>
    /// <c>id</c> (required): names the stream in events, zones and metrics; 1-64 letters, digits, '_', '.' or '-',
    /// starting with a letter or digit; unique across sources.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>
    /// <c>uri</c> (required): a local file (resolved against the pipeline file's directory, stored absolute, must
    /// exist), or an <c>rtsp://</c>, <c>rtsps://</c>, <c>http://</c>, <c>https://</c> or <c>synthetic://</c> URI.
    /// May carry credentials: never log it whole.
    /// </summary>
    [ConfigPath(AllowUri = true)]
    public required string Uri { get; init; }

    /// <summary><c>live</c>: whether the source is live (paced by the sender, reconnected when it drops). Default null:
    /// decided by the scheme, see <see cref="IsLive"/>.</summary>
    public bool? Live { get; init; }

    /// <summary><c>replay</c>: how a file is paced. Default <c>realtime</c>.</summary>
    public ReplayMode Replay { get; init; } = ReplayMode.Realtime;

    /// <summary><c>loop</c>: restart a file at its end instead of completing. Default false.</summary>
    public bool Loop { get; init; }

    /// <summary><c>detect_fps</c>: run detection at most this often per second, in (0, 240]; the frames between are
    /// dropped inside the decoder process, never copied out of it. Needs <c>watchdog_timeout</c> longer than
    /// 2 / detect_fps. Default null: every frame.</summary>
    public double? DetectFps { get; init; }

    /// <summary><c>start</c>: seek a file to this offset first, at least 0. Default null: from the beginning.</summary>
    public TimeSpan? Start { get; init; }

    /// <summary><c>duration</c>: stop after this much media time, greater than 0. Default null: until the end.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary><c>queue_policy</c>: what to do when the output queue is full. Default null: <c>drop_oldest</c> for
    /// live sources, <c>wait</c> for files; see <see cref="EffectivePolicy"/>.</summary>
    public QueuePolicy? QueuePolicy { get; init; }

    /// <summary><c>queue_capacity</c>: frames queued after this source, 1..4096. Default null: <c>runtime.queue_capacity</c>.</summary>
    public int? QueueCapacity { get; init; }

    /// <summary><c>rtsp_transport</c>: RTP transport for <c>rtsp://</c> sources. Default <c>tcp</c>.</summary>
    public RtspTransport RtspTransport { get; init; } = RtspTransport.Tcp;

    /// <summary><c>watchdog_timeout</c>: a live source delivering no frame for this long is reconnected, at least 1s.
    /// Default 10s.</summary>
    public TimeSpan WatchdogTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>backoff_initial</c>: first delay before reconnecting, doubled per failed attempt, greater than 0.
    /// Default 1s.</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>backoff_max</c>: cap on the reconnect delay, at least <c>backoff_initial</c>. Default 30s.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>max_retries</c>: reconnect attempts of a live source before its stream fails for good, at least 0.
    /// Default null: retry forever, as a camera that comes back should be picked up again.</summary>
    public int? MaxRetries { get; init; }

    /// <summary><c>decoder_threads</c>: threads ffmpeg decodes this source with, 1..64. Default null: ffmpeg's own
    /// choice (about one per core). Fewer leave cores to the model where decoding and inference share a CPU.</summary>
    public int? DecoderThreads { get; init; }

    /// <summary><c>required</c>: whether the pipeline reports ready only while this source delivers. Default true.</summary>
    public bool Required { get; init; } = true;

    /// <summary>Whether <see cref="Uri"/> is a local file path rather than a URI with a scheme.</summary>
    public bool IsFile => !Uri.Contains("://", StringComparison.Ordinal);

    /// <summary><see cref="Live"/> when set; otherwise true for <c>rtsp</c>, <c>rtsps</c>, <c>http</c> and
    /// <c>https</c>, false for files and <c>synthetic://</c>.</summary>
    public bool IsLive => Live ?? s_liveSchemes.Contains(Scheme, StringComparer.OrdinalIgnoreCase);

    /// <summary><see cref="QueuePolicy"/> when set; otherwise <c>drop_oldest</c> for live sources, <c>wait</c> for others.</summary>
    public QueuePolicy EffectivePolicy => QueuePolicy ?? (IsLive ? Configuration.QueuePolicy.DropOldest : Configuration.QueuePolicy.Wait);

    private string Scheme => IsFile ? "" : Uri[..Uri.IndexOf("://", StringComparison.Ordinal)];

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        if (Id is not null && !IdPattern().IsMatch(Id))
        {
            context.Error(nameof(Id), $"invalid id {context.Quote(nameof(Id), Id)}; use 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }

        if (Uri is not null)
        {
            ValidateUri(context);
        }

        if (DetectFps is { } fps && (fps <= 0 || fps > MaxDetectFps))
        {
            context.Error(nameof(DetectFps), $"must be greater than 0 and at most 240, got {context.Show(nameof(DetectFps), fps)}");
        }

        if (Start is { } start)
        {
            context.AtLeast(nameof(Start), start, TimeSpan.Zero);
        }

        if (Duration is { } duration)
        {
            context.Positive(nameof(Duration), duration);
        }

        if (QueueCapacity is { } capacity)
        {
            context.InRange(nameof(QueueCapacity), capacity, 1, RuntimeOptions.MaxQueueCapacity);
        }

        if (MaxRetries is { } retries)
        {
            context.AtLeast(nameof(MaxRetries), retries, 0);
        }

        if (DecoderThreads is { } threads)
        {
            context.InRange(nameof(DecoderThreads), threads, 1, 64);
        }

        context.AtLeast(nameof(WatchdogTimeout), WatchdogTimeout, TimeSpan.FromSeconds(1));
        if (DetectFps is { } rate and > 0 and <= MaxDetectFps && WatchdogTimeout <= TimeSpan.FromSeconds(2 / rate)
            && !context.IsFailed(nameof(WatchdogTimeout)))
        {
            // Sampled frames come 1/detect_fps apart: a shorter watchdog would take the gaps for stalls.
            context.Error(nameof(WatchdogTimeout), string.Create(CultureInfo.InvariantCulture,
                $"must be longer than two intervals between sampled frames (2 / detect_fps = {2 / rate:0.###} s), got {context.Show(nameof(WatchdogTimeout), WatchdogTimeout)}"));
        }

        context.Positive(nameof(BackoffInitial), BackoffInitial);
        if (BackoffMax < BackoffInitial && !context.IsFailed(nameof(BackoffInitial)))
        {
            context.Error(nameof(BackoffMax),
                $"must be at least backoff_initial ({context.Show(nameof(BackoffInitial), BackoffInitial)}), got {context.Show(nameof(BackoffMax), BackoffMax)}");
        }
    }

    private void ValidateUri(OptionsValidation context)
    {
        if (IsFile)
        {
            if (!File.Exists(Uri))
            {
                context.Error(nameof(Uri), $"file not found: {context.Show(nameof(Uri), Uri)}");
            }

            return;
        }

        // The URI is not echoed: it may carry credentials.
        if (!s_schemes.Contains(Scheme, StringComparer.OrdinalIgnoreCase))
        {
            context.Error(nameof(Uri), $"unsupported scheme '{Scheme}'; use a file path or an rtsp://, rtsps://, http://, https:// or synthetic:// URI");
        }
        else if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out _))
        {
            context.Error(nameof(Uri), "not a valid URI");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex IdPattern();
}
