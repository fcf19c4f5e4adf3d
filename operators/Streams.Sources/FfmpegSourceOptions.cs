using Streams.Runtime;

namespace Streams.Sources;

/// <summary>
/// What an <see cref="FfmpegSource"/> reads and how. Each default is documented with its trade-off; the setters
/// validate single values, <see cref="Validate"/> the combinations (the source calls it).
/// </summary>
public sealed record FfmpegSourceOptions
{
    private static readonly string[] s_liveSchemes = ["rtsp://", "rtsps://", "http://", "https://"];

    private readonly string _uri = "";
    private readonly double? _detectFps;
    private readonly TimeSpan? _start;
    private readonly TimeSpan? _duration;
    private readonly TimeSpan _watchdogTimeout = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _firstFrameTimeout = TimeSpan.FromSeconds(20);
    private readonly TimeSpan _backoffInitial = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _backoffMax = TimeSpan.FromSeconds(30);
    private readonly double _backoffJitter = 0.2;
    private readonly TimeSpan _backoffResetAfter = TimeSpan.FromSeconds(30);
    private readonly int? _maxRetries;
    private readonly int? _decoderThreads;
    private readonly int? _width;
    private readonly int? _height;
    private readonly string _ffmpegPath = "ffmpeg";

    /// <summary>
    /// A local file path, or an <c>rtsp://</c>, <c>rtsps://</c>, <c>http://</c> or <c>https://</c> URL (anything
    /// ffmpeg opens). May carry <c>user:pass@</c>: it is only ever shown through <see cref="UriRedactor"/>.
    /// </summary>
    public required string Uri
    {
        get => _uri;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _uri = value;
        }
    }

    /// <summary>
    /// Whether the input is live: paced by its sender, reconnected when it drops or stalls, never "ended". Default
    /// null: live for <c>rtsp(s)://</c> and <c>http(s)://</c>, not for files (see <see cref="IsLive"/>). A source that
    /// is not live ends at the end of its input and fails for good on an error (files are not retried).
    /// </summary>
    public bool? Live { get; init; }

    /// <summary>Pacing of a source that is not live. Default <see cref="ReplayPacing.Realtime"/>; ignored for live ones.</summary>
    public ReplayPacing Replay { get; init; } = ReplayPacing.Realtime;

    /// <summary>Restart a file at its end (<c>-stream_loop -1</c>); timestamps keep growing. Default false. Like
    /// <see cref="Start"/> and <see cref="Duration"/>, for sources that are not live only.</summary>
    public bool Loop { get; init; }

    /// <summary>
    /// Pass frames on at most this often per second, by their timestamps (5 keeps every sixth frame of a 30 fps
    /// input). Every frame is still decoded; skipped ones are dropped inside ffmpeg (a select filter) before any
    /// scaling, conversion or piping. Default null: every frame. Range (0, 240]; <see cref="WatchdogTimeout"/> must be
    /// longer than two intervals between kept frames.
    /// </summary>
    public double? DetectFps
    {
        get => _detectFps;
        init
        {
            if (value is { } fps && (double.IsNaN(fps) || fps <= 0 || fps > 240))
            {
                throw new ArgumentOutOfRangeException(nameof(DetectFps), fps, "Must be greater than 0 and at most 240.");
            }

            _detectFps = value;
        }
    }

    /// <summary>Seek the input to this offset first (<c>-ss</c>); frame timestamps still count from the input's
    /// start. Default null: from the beginning.</summary>
    public TimeSpan? Start
    {
        get => _start;
        init
        {
            if (value < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Start), value, "Must not be negative.");
            }

            _start = value;
        }
    }

    /// <summary>Read this much media time, then end (<c>-t</c>; counted over all passes when looping). Default null:
    /// to the end.</summary>
    public TimeSpan? Duration
    {
        get => _duration;
        init
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Duration), value, "Must be positive.");
            }

            _duration = value;
        }
    }

    /// <summary>RTP transport for <c>rtsp://</c> inputs. Default <see cref="RtspTransportProtocol.Tcp"/>.</summary>
    public RtspTransportProtocol RtspTransport { get; init; } = RtspTransportProtocol.Tcp;

    /// <summary>
    /// A running ffmpeg that delivers no frame for this long is killed and restarted (live) or failed (not live).
    /// Default 10 s: long enough for a camera's hiccup, short enough that a hung connection does not go unnoticed.
    /// Time the pipeline makes the source wait does not count.
    /// </summary>
    public TimeSpan WatchdogTimeout
    {
        get => _watchdogTimeout;
        init => _watchdogTimeout = Positive(value, nameof(WatchdogTimeout));
    }

    /// <summary>
    /// The watchdog's allowance for the first frame of each ffmpeg run: connecting, the RTSP handshake and
    /// probing the stream (1-5 s on a healthy camera). Also ffmpeg's network I/O timeout. Default 20 s.
    /// </summary>
    public TimeSpan FirstFrameTimeout
    {
        get => _firstFrameTimeout;
        init => _firstFrameTimeout = Positive(value, nameof(FirstFrameTimeout));
    }

    /// <summary>First wait before reconnecting a live source; doubled after each failed attempt. Default 1 s.</summary>
    public TimeSpan BackoffInitial
    {
        get => _backoffInitial;
        init => _backoffInitial = Positive(value, nameof(BackoffInitial));
    }

    /// <summary>Cap of the reconnect wait, at least <see cref="BackoffInitial"/>. Default 30 s.</summary>
    public TimeSpan BackoffMax
    {
        get => _backoffMax;
        init => _backoffMax = Positive(value, nameof(BackoffMax));
    }

    /// <summary>
    /// Random spread of each wait, as a fraction: 0.2 waits 80-120% of the doubled delay (never above
    /// <see cref="BackoffMax"/>), so cameras behind one failed switch do not reconnect in lockstep. Default 0.2; [0, 1).
    /// </summary>
    public double BackoffJitter
    {
        get => _backoffJitter;
        init
        {
            if (double.IsNaN(value) || value < 0 || value >= 1)
            {
                throw new ArgumentOutOfRangeException(nameof(BackoffJitter), value, "Must be in [0, 1).");
            }

            _backoffJitter = value;
        }
    }

    /// <summary>A live run that delivered frames for this long counts as healthy: the next failure waits
    /// <see cref="BackoffInitial"/> again. Default 30 s.</summary>
    public TimeSpan BackoffResetAfter
    {
        get => _backoffResetAfter;
        init => _backoffResetAfter = Positive(value, nameof(BackoffResetAfter));
    }

    /// <summary>Failed attempts in a row after which a live source fails for good. Default null: retry forever
    /// (cameras come back). 0 fails at the first error.</summary>
    public int? MaxRetries
    {
        get => _maxRetries;
        init
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxRetries), value, "Must not be negative.");
            }

            _maxRetries = value;
        }
    }

    /// <summary>
    /// Threads ffmpeg decodes with (<c>-threads</c> on the input), 1..64. Default null: ffmpeg's own choice, about one
    /// per core. Fewer leave cores to the model where decoding shares a CPU with inference: one 720p H.264 stream
    /// decodes at several hundred frames per second on one core.
    /// </summary>
    public int? DecoderThreads
    {
        get => _decoderThreads;
        init
        {
            if (value is < 1 or > 64)
            {
                throw new ArgumentOutOfRangeException(nameof(DecoderThreads), value, "Must be from 1 to 64.");
            }

            _decoderThreads = value;
        }
    }

    /// <summary>
    /// Layout of the frames. Default <see cref="Runtime.PixelFormat.Yuv420p"/>: what H.264 decodes to, so ffmpeg
    /// converts nothing; <see cref="Runtime.PixelFormat.Bgr24"/> costs 1.5-2x the decode time: ask for it only
    /// when a consumer needs packed colour.
    /// </summary>
    public PixelFormat PixelFormat { get; init; } = PixelFormat.Yuv420p;

    /// <summary>Scale frames to this width; with only one of width and height, the other keeps the aspect ratio
    /// (rounded to even). Default null: the input's size (which may change mid-stream).</summary>
    public int? Width
    {
        get => _width;
        init => _width = PositiveSize(value, nameof(Width));
    }

    /// <summary>Scale frames to this height. Default null; see <see cref="Width"/>.</summary>
    public int? Height
    {
        get => _height;
        init => _height = PositiveSize(value, nameof(Height));
    }

    /// <summary>With both <see cref="Width"/> and <see cref="Height"/>: keep the aspect ratio and pad with black
    /// instead of stretching. Default false.</summary>
    public bool Letterbox { get; init; }

    /// <summary>The ffmpeg executable. Default <c>ffmpeg</c> (found on PATH).</summary>
    public string FfmpegPath
    {
        get => _ffmpegPath;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _ffmpegPath = value;
        }
    }

    /// <summary>Whether <see cref="Uri"/> names a local file rather than a URL.</summary>
    public bool IsFile => !Uri.Contains("://", StringComparison.Ordinal);

    /// <summary><see cref="Live"/> when set; otherwise true for network URLs, false for files.</summary>
    public bool IsLive => Live ?? IsNetworkUrl();

    /// <summary>Checks the combinations the setters cannot.</summary>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    public void Validate()
    {
        if (DetectFps is { } fps && WatchdogTimeout <= TimeSpan.FromSeconds(2 / fps))
        {
            throw new ArgumentException(
                $"WatchdogTimeout ({WatchdogTimeout}) must be longer than two intervals between kept frames (2 / DetectFps = {2 / fps:0.###} s).");
        }

        if (BackoffMax < BackoffInitial)
        {
            throw new ArgumentException($"BackoffMax ({BackoffMax}) must be at least BackoffInitial ({BackoffInitial}).");
        }

        if (Letterbox && (Width is null || Height is null))
        {
            throw new ArgumentException("Letterbox needs both Width and Height.");
        }

        bool subsampled = PixelFormat is PixelFormat.Yuv420p or PixelFormat.Nv12;
        if (subsampled && (Width % 2 == 1 || Height % 2 == 1))
        {
            throw new ArgumentException($"{PixelFormat} needs an even width and height, got {Width}x{Height}.");
        }

        if (!Enum.IsDefined(PixelFormat))
        {
            throw new ArgumentException($"Unknown pixel format {PixelFormat}.");
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

    private static TimeSpan Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
        }

        return value;
    }

    private static int? PositiveSize(int? value, string name)
    {
        if (value is { } v && (v <= 0 || v > 16384))
        {
            // 16384: the largest picture side H.264/H.265 levels and ffmpeg's scaler handle.
            throw new ArgumentOutOfRangeException(name, v, "Must be in 1..16384.");
        }

        return value;
    }
}
