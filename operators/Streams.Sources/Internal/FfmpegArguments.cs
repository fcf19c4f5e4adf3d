using System.Globalization;
using System.Text;
using Streams.Runtime;

namespace Streams.Sources.Internal;

/// <summary>Builds ffmpeg's command line for a source (see PLATFORM.md, "Video through an ffmpeg child process").</summary>
internal static class FfmpegArguments
{
    /// <summary>The arguments after the program name.</summary>
    public static List<string> Build(FfmpegSourceOptions options)
    {
        var args = new List<string>(40)
        {
            "-hide_banner", "-nostats", "-nostdin",
            // Info level for showinfo's per-frame lines; every line tagged with its level to tell them apart, and
            // repeats written out: a collapsed "Last message repeated N times" line carries no level (it would be
            // taken for an error) and would hide decode errors from their count.
            "-loglevel", "repeat+level+info",
        };
        string uri = options.Uri;
        bool hidden = HidesInput(options);
        if (!hidden)
        {
            foreach ((string name, string value) in ProtocolOptions(options))
            {
                args.Add("-" + name);
                args.Add(value);
            }
        }

        bool replay = !options.IsLive;
        if (replay && options.Loop)
        {
            args.Add("-stream_loop");
            args.Add("-1");
        }

        if (replay && options.Start is { } start && start > TimeSpan.Zero)
        {
            args.Add("-ss");
            args.Add(Seconds(start));
        }

        if (replay && options.Duration is { } duration)
        {
            // An input option: counts decoded media time exactly (an output -t lets a frame or two more through).
            args.Add("-t");
            args.Add(Seconds(duration));
        }

        if (options.DecoderThreads is { } threads)
        {
            // Before the input: the decoder's threads (after it, the option would set the output's).
            args.Add("-threads");
            args.Add(threads.ToString(CultureInfo.InvariantCulture));
        }

        if (hidden)
        {
            // The URL and its protocol options come on standard input (see InputScript); only protocols a network
            // input needs may be opened through it, never local files.
            args.Add("-protocol_whitelist");
            args.Add(ProtocolWhitelist(uri));
            args.Add("-f");
            args.Add("concat");
            args.Add("-safe");
            args.Add("0");
            args.Add("-i");
            args.Add("pipe:0");
        }
        else
        {
            args.Add("-i");
            args.Add(uri);
        }

        args.Add("-map");
        args.Add("0:v:0");
        args.Add("-an");
        args.Add("-sn");
        args.Add("-dn");
        args.Add("-vf");
        args.Add(Filters(options));
        // passthrough: no frame duplicated or dropped to make a constant rate. autoscale 0: a size change mid-stream
        // reaches the output (showinfo reports it first) instead of being scaled to the first size.
        args.Add("-fps_mode");
        args.Add("passthrough");
        args.Add("-autoscale");
        args.Add("0");
        args.Add("-pix_fmt");
        args.Add(PixelFormats.FfmpegName(options.PixelFormat));
        args.Add("-f");
        args.Add("rawvideo");
        args.Add("pipe:1");
        return args;
    }

    /// <summary>
    /// Whether the input URL carries a secret (<c>user:pass@</c>, a secret query value; see <see cref="UriRedactor"/>):
    /// then it is kept off ffmpeg's command line, which any local user can read (<c>ps</c>, <c>/proc/PID/cmdline</c>),
    /// and given to ffmpeg on its standard input instead (<see cref="InputScript"/>).
    /// </summary>
    public static bool HidesInput(FfmpegSourceOptions options) =>
        !options.IsFile && !string.Equals(UriRedactor.Redact(options.Uri), options.Uri, StringComparison.Ordinal);

    /// <summary>
    /// The input for <see cref="HidesInput"/>: an ffconcat script of one file, the URL, with the protocol options
    /// (transport, socket timeout) that would otherwise be command-line input options. ffmpeg 5.1 reads no URL from a
    /// file or the environment and has no RTSP option for credentials; the concat demuxer opens the URL as if it
    /// were given with -i and passes its packets through unchanged.
    /// </summary>
    public static string InputScript(FfmpegSourceOptions options)
    {
        string uri = options.Uri;
        if (uri.AsSpan().ContainsAny('\r', '\n'))
        {
            // The script is read line by line: a line break would cut the URL.
            throw new ArgumentException($"{UriRedactor.Redact(uri)}: a URL cannot hold a line break.", nameof(options));
        }

        var script = new StringBuilder("ffconcat version 1.0\n");
        // Inside single quotes everything is literal; a quote itself ends the quoting, is escaped, and reopens it.
        script.Append("file '").Append(uri.Replace("'", @"'\''", StringComparison.Ordinal)).Append("'\n");
        foreach ((string name, string value) in ProtocolOptions(options))
        {
            script.Append("option ").Append(name).Append(' ').Append(value).Append('\n');
        }

        return script.ToString();
    }

    // The network input's own options: its transport and its socket I/O timeout.
    private static List<(string Name, string Value)> ProtocolOptions(FfmpegSourceOptions options)
    {
        string uri = options.Uri;
        bool rtsp = HasScheme(uri, "rtsp://") || HasScheme(uri, "rtsps://");
        bool http = HasScheme(uri, "http://") || HasScheme(uri, "https://");
        string ioTimeout = Microseconds(options.FirstFrameTimeout);
        if (rtsp)
        {
            // -timeout is the RTSP demuxer's socket I/O timeout in 5.1 (-stimeout and -rw_timeout do not exist for it).
            return [("rtsp_transport", options.RtspTransport == RtspTransportProtocol.Udp ? "udp" : "tcp"), ("timeout", ioTimeout)];
        }

        return http ? [("rw_timeout", ioTimeout)] : [];
    }

    // What a network input may open: its own scheme and what RTSP, HTTP and HLS build on; pipe for the script itself.
    private static string ProtocolWhitelist(string uri)
    {
        const string Network = "pipe,rtsp,rtsps,rtp,srtp,udp,tcp,tls,http,https,httpproxy,crypto,data";
        int end = uri.IndexOf("://", StringComparison.Ordinal);
        string scheme = end > 0 ? uri[..end].ToLowerInvariant() : "";
        bool plain = scheme.Length > 0 && scheme.All(static c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
        return plain && !Network.Split(',').Contains(scheme) ? Network + "," + scheme : Network;
    }

    /// <summary>
    /// The -vf chain: optional sampling first (a skipped frame is never scaled, converted or copied), optional
    /// scaling, then showinfo last so that its size is the output size and its lines are the delivered frames'.
    /// </summary>
    public static string Filters(FfmpegSourceOptions options)
    {
        string sample = options.DetectFps is { } fps ? SampleFilter(fps) + "," : "";
        return sample + Resize(options);
    }

    /// <summary>
    /// A select filter keeping at most <paramref name="fps"/> frames per second of stream time on a fixed grid
    /// (no drift): the first frame of each 1/fps slot is kept, so 5 of 30 fps keeps every sixth frame and 7 of 30
    /// alternates gaps of four and five. The first frame is kept, a timestamp going backwards starts again, and a gap
    /// in the input keeps the next frame without a burst after it. Timestamps within 1 ms of a slot's start count as in
    /// it (ffmpeg rounds them). A frame without a timestamp is kept.
    /// </summary>
    public static string SampleFilter(double fps)
    {
        string rate = fps.ToString("R", CultureInfo.InvariantCulture);
        string tolerance = (fps * 0.001).ToString("R", CultureInfo.InvariantCulture);
        string slot = $"floor(t*{rate}+{tolerance})";
        string previous = $"floor(prev_selected_t*{rate}+{tolerance})";
        // Quoted: the commas are the expression's, not the filter chain's.
        return $"select='isnan(prev_selected_t)+lt(t,prev_selected_t)+gt({slot},{previous})'";
    }

    private static string Resize(FfmpegSourceOptions options)
    {
        const string Showinfo = "showinfo=checksum=0";
        if (options.Width is null && options.Height is null)
        {
            // 4:2:0 frames need even sides: an odd-sized input loses its last row or column (crop copies nothing).
            return options.PixelFormat is PixelFormat.Yuv420p or PixelFormat.Nv12
                ? "crop=trunc(iw/2)*2:trunc(ih/2)*2," + Showinfo
                : Showinfo;
        }

        // fast_bilinear: detection input does not need the default bicubic; it is the cheapest resampler.
        string w = options.Width?.ToString(CultureInfo.InvariantCulture) ?? "-2";
        string h = options.Height?.ToString(CultureInfo.InvariantCulture) ?? "-2";
        if (options.Letterbox)
        {
            return $"scale={w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=fast_bilinear,"
                + $"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2,{Showinfo}";
        }

        return $"scale={w}:{h}:flags=fast_bilinear,{Showinfo}";
    }

    private static bool HasScheme(string uri, string scheme) => uri.StartsWith(scheme, StringComparison.OrdinalIgnoreCase);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Microseconds(TimeSpan value) => ((long)(value.Ticks / 10)).ToString(CultureInfo.InvariantCulture);
}
