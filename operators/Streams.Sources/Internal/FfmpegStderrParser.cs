using System.Buffers.Text;

namespace Streams.Sources.Internal;

/// <summary>
/// Reads ffmpeg's stderr lines, as bytes and without allocating: <c>[context @ 0x...] [level] message</c>
/// (<c>-loglevel repeat+level+info</c>), showinfo's per-frame lines and its time base.
/// </summary>
internal static class FfmpegStderrParser
{
    private static ReadOnlySpan<byte> ShowinfoContext => "Parsed_showinfo"u8;

    private static ReadOnlySpan<byte> TimeBasePrefix => "config in time_base:"u8;

    private static ReadOnlySpan<byte> FrameRatePrefix => "frame_rate:"u8;

    /// <summary>Frame rates outside these bounds are taken for a clock rate or a placeholder, not a video's rate.</summary>
    private const double MinFrameRate = 0.1, MaxFrameRate = 1000;

    /// <summary>
    /// Splits a line into its context (empty when none), level and message. A context may be nested (a child logs
    /// with its parent's: <c>[RTSP demuxer @ 0x1] [Eval @ 0x2] [error] ...</c>): the outermost one is the context,
    /// and the level is the first tag that is one.
    /// </summary>
    public static FfmpegLogLevel Split(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> context, out ReadOnlySpan<byte> message)
    {
        const int MaxContexts = 4;
        context = default;
        message = line;
        int from = 0;
        for (int i = 0; i <= MaxContexts && TryFindBracket(line, from, out int start, out int length, out int next); i++)
        {
            FfmpegLogLevel level = LevelOf(line.Slice(start, length));
            if (level != FfmpegLogLevel.Untagged)
            {
                message = line[next..];
                return level;
            }

            if (i == 0)
            {
                context = line.Slice(start, length);
            }

            from = next;
        }

        context = default;
        return FfmpegLogLevel.Untagged;
    }

    /// <summary>
    /// The level a line is logged at: its tag, or for an untagged line the level of the tagged line before it (ffmpeg
    /// tags only the first line of a message; the lines after it belong to it). Untagged before any tagged line
    /// (setpriv's own errors) stays untagged.
    /// </summary>
    public static FfmpegLogLevel LevelOfLine(FfmpegLogLevel tagged, FfmpegLogLevel previous) =>
        tagged == FfmpegLogLevel.Untagged ? previous : tagged;

    /// <summary>
    /// Whether the line reports a frame lost or marred by its decoder, one line per frame whatever the codec: ffmpeg's
    /// own <c>Error while decoding stream #0:0: ...</c> (the decoder gave up on a packet; its frame is lost) or
    /// <c>corrupt decoded frame in stream 0</c> (a frame came out with errors concealed). The decoder's own lines
    /// about the same packet (<c>Invalid NAL unit size</c>, ...) are not counted again.
    /// </summary>
    public static bool IsDecodeError(ReadOnlySpan<byte> context, ReadOnlySpan<byte> message) =>
        context.IsEmpty && (message.StartsWith("Error while decoding stream"u8) || message.IndexOf("corrupt decoded frame in stream"u8) >= 0);

    /// <summary>
    /// Whether a demuxer says the file ends before its own index or header does: MP4/MOV's <c>partial file</c>,
    /// Matroska's <c>File ended prematurely</c>.
    /// </summary>
    public static bool IsTruncation(ReadOnlySpan<byte> message) =>
        message.EndsWith("partial file"u8) || message.StartsWith("File ended prematurely"u8);

    /// <summary>Whether ffmpeg says the input's duration is a guess from its bitrate (and not to be held against it).</summary>
    public static bool IsEstimatedDuration(ReadOnlySpan<byte> message) => message.StartsWith("Estimating duration from bitrate"u8);

    /// <summary>
    /// Parses the input's <c>  Duration: 00:00:20.00, start: 0.000000, bitrate: 1038 kb/s</c>; false for
    /// <c>Duration: N/A</c> (a live input) and for any other line.
    /// </summary>
    public static bool TryParseDuration(ReadOnlySpan<byte> message, out TimeSpan duration)
    {
        duration = default;
        message = message.TrimStart((byte)' ');
        if (!message.StartsWith("Duration: "u8))
        {
            return false;
        }

        ReadOnlySpan<byte> value = message["Duration: "u8.Length..];
        if (!Utf8Parser.TryParse(value, out int hours, out int consumed) || consumed >= value.Length || value[consumed] != (byte)':')
        {
            return false;
        }

        value = value[(consumed + 1)..];
        if (!Utf8Parser.TryParse(value, out int minutes, out consumed) || consumed >= value.Length || value[consumed] != (byte)':')
        {
            return false;
        }

        value = value[(consumed + 1)..];
        if (!Utf8Parser.TryParse(value, out double seconds, out _) || hours < 0 || minutes is < 0 or > 59 || seconds is < 0 or >= 60)
        {
            return false;
        }

        duration = TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Whether <paramref name="context"/> is a showinfo filter's.</summary>
    public static bool IsShowinfo(ReadOnlySpan<byte> context) => context.StartsWith(ShowinfoContext);

    /// <summary>
    /// Parses showinfo's frame line: <c>n:  28 pts:  84000 pts_time:0.933333 pos: ... s:320x240 ...</c>.
    /// <paramref name="pts"/> is null for <c>NOPTS</c>; <paramref name="ptsTime"/> is the rounded seconds.
    /// </summary>
    public static bool TryParseFrame(ReadOnlySpan<byte> message, out long? pts, out double? ptsTime, out int width, out int height)
    {
        pts = null;
        ptsTime = null;
        width = 0;
        height = 0;
        if (!message.StartsWith("n:"u8))
        {
            return false;
        }

        ReadOnlySpan<byte> value = ValueAfter(message, "pts:"u8);
        if (Utf8Parser.TryParse(value, out long p, out _))
        {
            pts = p;
        }

        value = ValueAfter(message, "pts_time:"u8);
        if (Utf8Parser.TryParse(value, out double seconds, out _))
        {
            ptsTime = seconds;
        }

        value = ValueAfter(message, " s:"u8);
        if (!Utf8Parser.TryParse(value, out width, out int consumed) || consumed >= value.Length || value[consumed] != (byte)'x'
            || !Utf8Parser.TryParse(value[(consumed + 1)..], out height, out _))
        {
            return false;
        }

        return width > 0 && height > 0;
    }

    /// <summary>
    /// Parses showinfo's <c>config in time_base: 1/90000, frame_rate: 30/1</c>. <paramref name="frameRate"/> is the
    /// link's frame rate, which sampling with select leaves as the input's; 0 when absent or implausible (ffmpeg
    /// writes 0/1 for an unknown rate, and a few RTSP servers announce their 90 kHz clock as one).
    /// </summary>
    public static bool TryParseTimeBase(ReadOnlySpan<byte> message, out long numerator, out long denominator, out double frameRate)
    {
        numerator = 0;
        denominator = 0;
        frameRate = 0;
        if (!message.StartsWith(TimeBasePrefix))
        {
            return false;
        }

        ReadOnlySpan<byte> value = message[TimeBasePrefix.Length..].TrimStart((byte)' ');
        if (!(TryParseRatio(value, out numerator, out denominator) && numerator > 0 && denominator > 0))
        {
            return false;
        }

        ReadOnlySpan<byte> rate = ValueAfter(message, FrameRatePrefix);
        if (TryParseRatio(rate, out long rateNumerator, out long rateDenominator) && rateNumerator > 0 && rateDenominator > 0)
        {
            double fps = (double)rateNumerator / rateDenominator;
            frameRate = fps is >= MinFrameRate and <= MaxFrameRate ? fps : 0;
        }

        return true;
    }

    // "n/d" at the start of value, up to any trailing separator.
    private static bool TryParseRatio(ReadOnlySpan<byte> value, out long numerator, out long denominator)
    {
        denominator = 0;
        return Utf8Parser.TryParse(value, out numerator, out int consumed) && consumed < value.Length && value[consumed] == (byte)'/'
            && Utf8Parser.TryParse(value[(consumed + 1)..], out denominator, out _);
    }

    /// <summary>The presentation time of <paramref name="pts"/> in a <paramref name="numerator"/>/<paramref name="denominator"/>
    /// time base, exact to the tick.</summary>
    public static TimeSpan ToTime(long pts, long numerator, long denominator) =>
        TimeSpan.FromTicks((long)((Int128)pts * numerator * TimeSpan.TicksPerSecond / denominator));

    // "[text] rest" at from: the bracket's content and where the rest starts (past "] ").
    private static bool TryFindBracket(ReadOnlySpan<byte> line, int from, out int start, out int length, out int next)
    {
        start = length = next = 0;
        if (from >= line.Length || line[from] != (byte)'[')
        {
            return false;
        }

        int close = line[from..].IndexOf((byte)']');
        if (close < 0)
        {
            return false;
        }

        start = from + 1;
        length = close - 1;
        next = from + close + 1;
        if (next < line.Length && line[next] == (byte)' ')
        {
            next++;
        }

        return true;
    }

    private static FfmpegLogLevel LevelOf(ReadOnlySpan<byte> tag) => tag switch
    {
        _ when tag.SequenceEqual("info"u8) => FfmpegLogLevel.Info,
        _ when tag.SequenceEqual("warning"u8) => FfmpegLogLevel.Warning,
        _ when tag.SequenceEqual("error"u8) => FfmpegLogLevel.Error,
        _ when tag.SequenceEqual("fatal"u8) => FfmpegLogLevel.Fatal,
        _ when tag.SequenceEqual("panic"u8) => FfmpegLogLevel.Panic,
        _ when tag.SequenceEqual("verbose"u8) => FfmpegLogLevel.Verbose,
        _ when tag.SequenceEqual("debug"u8) => FfmpegLogLevel.Debug,
        _ when tag.SequenceEqual("trace"u8) => FfmpegLogLevel.Trace,
        _ => FfmpegLogLevel.Untagged,
    };

    // The token after "key" (spaces skipped), up to the next space.
    private static ReadOnlySpan<byte> ValueAfter(ReadOnlySpan<byte> message, ReadOnlySpan<byte> key)
    {
        int at = message.IndexOf(key);
        if (at < 0)
        {
            return default;
        }

        ReadOnlySpan<byte> value = message[(at + key.Length)..].TrimStart((byte)' ');
        int end = value.IndexOf((byte)' ');
        return end < 0 ? value : value[..end];
    }
}
