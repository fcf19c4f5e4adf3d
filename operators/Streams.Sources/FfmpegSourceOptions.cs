using System.Globalization;
using Streams.Options;
using Streams.Runtime;

namespace Streams.Sources;

/// <summary>
/// What an <see cref="FfmpegSource"/> reads and how: the keys of a <c>sources[]</c> entry that the decoder uses (a
/// configured source inherits this record). Each default is documented with its trade-off; <see cref="Validate"/>
/// holds the rules, and the source checks them when it is made.
/// </summary>
public record FfmpegSourceOptions : IValidatableOptions
{
    /// <summary>Highest detection rate accepted; above any camera this pipeline is built for.</summary>
    public const double MaxDetectFps = 240;

    /// <summary>16384: the largest picture side H.264/H.265 levels and ffmpeg's scaler handle.</summary>
    private const int MaxSide = 16384;

    private static readonly string[] s_liveSchemes = ["rtsp://", "rtsps://", "http://", "https://"];

    /// <summary>
    /// <c>uri</c> (required): a local file path, or an <c>rtsp://</c>, <c>rtsps://</c>, <c>http://</c> or
    /// <c>https://</c> URL (anything ffmpeg opens). May carry <c>user:pass@</c>: it is only ever shown through
    /// <see cref="UriRedactor"/>. From a pipeline file a path is resolved against the file's directory.
    /// </summary>
    [ConfigPath(AllowUri = true)]
    public required string Uri { get; init; }

    /// <summary>
    /// <c>live</c>: whether the input is live: paced by its sender, reconnected when it drops or stalls, never
    /// "ended". Default null: live for <c>rtsp(s)://</c> and <c>http(s)://</c>, not for files (see <see cref="IsLive"/>).
    /// A source that is not live ends at the end of its input and fails for good on an error (files are not retried).
    /// </summary>
    public bool? Live { get; init; }

    /// <summary><c>replay</c>: pacing of a source that is not live. Default <c>realtime</c>; ignored for live ones.</summary>
    public ReplayPacing Replay { get; init; } = ReplayPacing.Realtime;

    /// <summary><c>loop</c>: restart a file at its end (<c>-stream_loop -1</c>); timestamps keep growing. Default false.
    /// Like <see cref="Start"/> and <see cref="Duration"/>, for sources that are not live only.</summary>
    public bool Loop { get; init; }

    /// <summary>
    /// <c>detect_fps</c>: pass frames on at most this often per second, by their timestamps (5 keeps every sixth frame
    /// of a 30 fps input). Every frame is still decoded; skipped ones are dropped inside ffmpeg (a select filter) before
    /// any scaling, conversion or piping. Default null: every frame. Range (0, 240]; <see cref="WatchdogTimeout"/> must
    /// be longer than two intervals between kept frames.
    /// </summary>
    public double? DetectFps { get; init; }

    /// <summary><c>start</c>: seek the input to this offset first (<c>-ss</c>), at least 0; frame timestamps still count
    /// from the input's start. Default null: from the beginning.</summary>
    public TimeSpan? Start { get; init; }

    /// <summary><c>duration</c>: read this much media time, then end (<c>-t</c>; counted over all passes when looping),
    /// greater than 0. Default null: to the end.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary><c>rtsp_transport</c>: RTP transport for <c>rtsp://</c> inputs. Default <c>tcp</c>.</summary>
    public RtspTransportProtocol RtspTransport { get; init; } = RtspTransportProtocol.Tcp;

    /// <summary>
    /// <c>watchdog_timeout</c>: a running ffmpeg that delivers no frame for this long is killed and restarted (live) or
    /// failed (not live), at least 1 s. Default 10 s: long enough for a camera's hiccup, short enough that a hung
    /// connection does not go unnoticed. Time the pipeline makes the source wait does not count.
    /// </summary>
    public TimeSpan WatchdogTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>first_frame_timeout</c>: the watchdog's allowance for the first frame of each ffmpeg run: connecting, the
    /// RTSP handshake and probing the stream (1-5 s on a healthy camera). Also ffmpeg's network I/O timeout. Greater
    /// than 0. Default 20 s.
    /// </summary>
    public TimeSpan FirstFrameTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary><c>backoff_initial</c>: first wait before reconnecting a live source; doubled after each failed
    /// attempt; greater than 0. Default 1 s.</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>backoff_max</c>: cap of the reconnect wait, at least <see cref="BackoffInitial"/>. Default 30 s.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>backoff_jitter</c>: random spread of each wait, as a fraction: 0.2 waits 80-120% of the doubled delay (never
    /// above <see cref="BackoffMax"/>), so cameras behind one failed switch do not reconnect in lockstep. Default 0.2;
    /// [0, 1).
    /// </summary>
    public double BackoffJitter { get; init; } = 0.2;

    /// <summary><c>backoff_reset_after</c>: a live run that delivered frames for this long counts as healthy: the next
    /// failure waits <see cref="BackoffInitial"/> again. Greater than 0. Default 30 s.</summary>
    public TimeSpan BackoffResetAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>max_retries</c>: failed attempts in a row after which a live source fails for good, at least 0.
    /// Default null: retry forever (cameras come back). 0 fails at the first error.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>
    /// <c>decoder_threads</c>: threads ffmpeg decodes with (<c>-threads</c> on the input), 1..64. Default null: ffmpeg's
    /// own choice, about one per core. Fewer leave cores to the model where decoding shares a CPU with inference: one
    /// 720p H.264 stream decodes at several hundred frames per second on one core.
    /// </summary>
    public int? DecoderThreads { get; init; }

    /// <summary>
    /// Layout of the frames. Default <see cref="Runtime.PixelFormat.Yuv420p"/>: what H.264 decodes to, so ffmpeg
    /// converts nothing; <see cref="Runtime.PixelFormat.Bgr24"/> costs 1.5-2x the decode time: ask for it only when a
    /// consumer needs packed colour. Not a key: the pipeline's stages take yuv420p.
    /// </summary>
    [ConfigIgnore]
    public PixelFormat PixelFormat { get; init; } = PixelFormat.Yuv420p;

    /// <summary>Scale frames to this width (1..16384); with only one of width and height, the other keeps the aspect
    /// ratio (rounded to even). Default null: the input's size (which may change mid-stream). Not a key.</summary>
    [ConfigIgnore]
    public int? Width { get; init; }

    /// <summary>Scale frames to this height (1..16384). Default null; see <see cref="Width"/>. Not a key.</summary>
    [ConfigIgnore]
    public int? Height { get; init; }

    /// <summary>With both <see cref="Width"/> and <see cref="Height"/>: keep the aspect ratio and pad with black
    /// instead of stretching. Default false. Not a key.</summary>
    [ConfigIgnore]
    public bool Letterbox { get; init; }

    /// <summary>The ffmpeg executable. Default <c>ffmpeg</c> (found on PATH). Not a key.</summary>
    [ConfigIgnore]
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>Whether <see cref="Uri"/> names a local file rather than a URL.</summary>
    public bool IsFile => !Uri.Contains("://", StringComparison.Ordinal);

    /// <summary><see cref="Live"/> when set; otherwise true for network URLs, false for files and other schemes.</summary>
    public bool IsLive => Live ?? IsNetworkUrl();

    /// <inheritdoc />
    public virtual void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        validation.NotEmpty(nameof(Uri), Uri);
        if (DetectFps is { } fps && !(fps > 0 && fps <= MaxDetectFps))
        {
            validation.Error(nameof(DetectFps), $"must be greater than 0 and at most 240, got {validation.Show(nameof(DetectFps), fps)}");
        }

        if (Start is { } start)
        {
            validation.AtLeast(nameof(Start), start, TimeSpan.Zero);
        }

        if (Duration is { } duration)
        {
            validation.Positive(nameof(Duration), duration);
        }

        if (MaxRetries is { } retries)
        {
            validation.AtLeast(nameof(MaxRetries), retries, 0);
        }

        if (DecoderThreads is { } threads)
        {
            validation.InRange(nameof(DecoderThreads), threads, 1, 64);
        }

        validation.AtLeast(nameof(WatchdogTimeout), WatchdogTimeout, TimeSpan.FromSeconds(1));
        if (DetectFps is { } rate and > 0 and <= MaxDetectFps && WatchdogTimeout <= TimeSpan.FromSeconds(2 / rate)
            && !validation.IsFailed(nameof(WatchdogTimeout)))
        {
            // Sampled frames come 1/detect_fps apart: a shorter watchdog would take the gaps for stalls.
            validation.Error(nameof(WatchdogTimeout), string.Create(CultureInfo.InvariantCulture,
                $"must be longer than two intervals between sampled frames (2 / detect_fps = {2 / rate:0.###} s), got {validation.Show(nameof(WatchdogTimeout), WatchdogTimeout)}"));
        }

        validation.Positive(nameof(FirstFrameTimeout), FirstFrameTimeout);
        validation.Positive(nameof(BackoffInitial), BackoffInitial);
        if (BackoffMax < BackoffInitial && !validation.IsFailed(nameof(BackoffInitial)))
        {
            validation.Error(nameof(BackoffMax),
                $"must be at least backoff_initial ({validation.Show(nameof(BackoffInitial), BackoffInitial)}), got {validation.Show(nameof(BackoffMax), BackoffMax)}");
        }

        if (!(BackoffJitter >= 0 && BackoffJitter < 1))
        {
            validation.Error(nameof(BackoffJitter), $"must be at least 0 and below 1, got {validation.Show(nameof(BackoffJitter), BackoffJitter)}");
        }

        validation.Positive(nameof(BackoffResetAfter), BackoffResetAfter);
        ValidateFrames(validation);
    }

    // The frame layout a caller in code may ask for.
    private void ValidateFrames(OptionsValidation validation)
    {
        validation.NotEmpty(nameof(FfmpegPath), FfmpegPath);
        if (Width is { } width)
        {
            validation.InRange(nameof(Width), width, 1, MaxSide);
        }

        if (Height is { } height)
        {
            validation.InRange(nameof(Height), height, 1, MaxSide);
        }

        if (Letterbox && (Width is null || Height is null))
        {
            validation.Error(nameof(Letterbox), "needs both Width and Height");
        }

        if (!Enum.IsDefined(PixelFormat))
        {
            validation.Error(nameof(PixelFormat), $"unknown pixel format {PixelFormat}");
        }
        else if (PixelFormat is PixelFormat.Yuv420p or PixelFormat.Nv12 && (Width % 2 == 1 || Height % 2 == 1))
        {
            validation.Error(nameof(PixelFormat), $"{PixelFormat} needs an even width and height, got {Width}x{Height}");
        }
    }

    private bool IsNetworkUrl()
    {
        foreach (string scheme in s_liveSchemes)
        {
            if (Uri.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
