using System.Globalization;
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
            // Info level for showinfo's per-frame lines; every line tagged with its level to tell them apart.
            "-loglevel", "level+info",
        };
        string uri = options.Uri;
        bool rtsp = HasScheme(uri, "rtsp://") || HasScheme(uri, "rtsps://");
        bool http = HasScheme(uri, "http://") || HasScheme(uri, "https://");
        string ioTimeout = Microseconds(options.FirstFrameTimeout);
        if (rtsp)
        {
            args.Add("-rtsp_transport");
            args.Add(options.RtspTransport == RtspTransportProtocol.Udp ? "udp" : "tcp");
            // Socket I/O timeout of the RTSP demuxer in 5.1 (-stimeout and -rw_timeout do not exist for it).
            args.Add("-timeout");
            args.Add(ioTimeout);
        }
        else if (http)
        {
            args.Add("-rw_timeout");
            args.Add(ioTimeout);
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

        args.Add("-i");
        args.Add(uri);
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
