using Streams.Runtime;
using Streams.Sources.Internal;

namespace Streams.Sources.Tests;

[Trait("Tier", "Unit")]
public sealed class FfmpegArgumentsTests
{
    private static string Line(FfmpegSourceOptions options) => string.Join(' ', FfmpegArguments.Build(options));

    [Fact]
    public void A_file_is_decoded_to_raw_yuv420p_with_showinfo_and_no_rate_conversion()
    {
        string line = Line(new FfmpegSourceOptions { Uri = "/v/clip.mp4" });
        Assert.StartsWith("-hide_banner -nostats -nostdin -loglevel repeat+level+info -i /v/clip.mp4 -map 0:v:0 -an -sn -dn", line, StringComparison.Ordinal);
        Assert.EndsWith("-vf crop=trunc(iw/2)*2:trunc(ih/2)*2,showinfo=checksum=0 -fps_mode passthrough -autoscale 0 -pix_fmt yuv420p -f rawvideo pipe:1", line, StringComparison.Ordinal);
        Assert.DoesNotContain("-re", line.Split(' '));
    }

    [Fact]
    public void Loop_start_and_duration_are_input_options_of_a_file()
    {
        string line = Line(new FfmpegSourceOptions
        {
            Uri = "clip.mp4", Loop = true, Start = TimeSpan.FromSeconds(1.5), Duration = TimeSpan.FromMilliseconds(2500),
        });
        Assert.Contains("-stream_loop -1 -ss 1.5 -t 2.5 -i clip.mp4", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Decoder_threads_are_an_input_option_and_absent_unless_asked_for()
    {
        Assert.Contains("-threads 1 -i clip.mp4", Line(new FfmpegSourceOptions { Uri = "clip.mp4", DecoderThreads = 1 }), StringComparison.Ordinal);
        Assert.DoesNotContain("-threads", Line(new FfmpegSourceOptions { Uri = "clip.mp4" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Rtsp_gets_its_transport_and_socket_timeout_and_no_file_options()
    {
        string line = Line(new FfmpegSourceOptions
        {
            Uri = "rtsp://cam/x", RtspTransport = RtspTransportProtocol.Udp, FirstFrameTimeout = TimeSpan.FromSeconds(5), Loop = true,
        });
        Assert.Contains("-rtsp_transport udp -timeout 5000000 -i rtsp://cam/x", line, StringComparison.Ordinal);
        Assert.DoesNotContain("-stream_loop", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_gets_a_read_write_timeout()
    {
        Assert.Contains("-rw_timeout 20000000 -i https://cdn/live.m3u8", Line(new FfmpegSourceOptions { Uri = "https://cdn/live.m3u8" }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rtsp://admin:s3cret@cam/x")]
    [InlineData("https://cdn/live.m3u8?token=s3cret")]
    public void A_url_with_a_secret_is_kept_off_the_command_line_and_read_from_standard_input(string uri)
    {
        var options = new FfmpegSourceOptions { Uri = uri, FirstFrameTimeout = TimeSpan.FromSeconds(5) };
        string line = Line(options);

        Assert.True(FfmpegArguments.HidesInput(options));
        Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal);
        Assert.Contains("-f concat -safe 0 -i pipe:0 -map 0:v:0", line, StringComparison.Ordinal);
        Assert.Contains("-protocol_whitelist pipe,rtsp,rtsps,rtp,srtp,udp,tcp,tls,http,https,httpproxy,crypto,data -f concat", line, StringComparison.Ordinal);
        Assert.StartsWith($"ffconcat version 1.0\nfile '{uri}'\n", FfmpegArguments.InputScript(options), StringComparison.Ordinal);
    }

    [Fact]
    public void The_hidden_input_carries_the_rtsp_transport_and_timeout_as_options()
    {
        var options = new FfmpegSourceOptions
        {
            Uri = "rtsp://admin:s3cret@cam/x", RtspTransport = RtspTransportProtocol.Udp, FirstFrameTimeout = TimeSpan.FromSeconds(5),
        };
        Assert.Equal("ffconcat version 1.0\nfile 'rtsp://admin:s3cret@cam/x'\noption rtsp_transport udp\noption timeout 5000000\n",
            FfmpegArguments.InputScript(options));
        Assert.DoesNotContain("-rtsp_transport", Line(options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_in_a_hidden_url_is_escaped_for_the_script()
    {
        var options = new FfmpegSourceOptions { Uri = "rtsp://admin:it's@cam/x" };
        Assert.Contains(@"file 'rtsp://admin:it'\''s@cam/x'", FfmpegArguments.InputScript(options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hidden_url_with_a_line_break_is_refused_without_showing_the_secret()
    {
        var options = new FfmpegSourceOptions { Uri = "rtsp://admin:s3cret@cam/x\nfile /etc/passwd" };
        ArgumentException error = Assert.Throws<ArgumentException>(() => FfmpegArguments.InputScript(options));
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_without_a_secret_and_a_file_stay_on_the_command_line()
    {
        Assert.False(FfmpegArguments.HidesInput(new FfmpegSourceOptions { Uri = "rtsp://cam/x" }));
        Assert.False(FfmpegArguments.HidesInput(new FfmpegSourceOptions { Uri = "/v/a:b@c.mp4" }));
    }

    [Theory]
    [InlineData(640, null, false, "scale=640:-2:flags=fast_bilinear,showinfo=checksum=0")]
    [InlineData(null, 360, false, "scale=-2:360:flags=fast_bilinear,showinfo=checksum=0")]
    [InlineData(640, 640, true, "scale=640:640:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=fast_bilinear,pad=640:640:(ow-iw)/2:(oh-ih)/2,showinfo=checksum=0")]
    public void Scaling_goes_before_showinfo(int? width, int? height, bool letterbox, string expected)
    {
        var options = new FfmpegSourceOptions { Uri = "a.mp4", Width = width, Height = height, Letterbox = letterbox, PixelFormat = PixelFormat.Bgr24 };
        Assert.Equal(expected, FfmpegArguments.Filters(options));
    }

    [Fact]
    public void Sampling_goes_first_so_that_skipped_frames_are_never_scaled_or_piped()
    {
        var options = new FfmpegSourceOptions { Uri = "a.mp4", Width = 640, DetectFps = 5, PixelFormat = PixelFormat.Bgr24 };
        Assert.Equal(
            "select='isnan(prev_selected_t)+lt(t,prev_selected_t)+gt(floor(t*5+0.005),floor(prev_selected_t*5+0.005))'," +
            "scale=640:-2:flags=fast_bilinear,showinfo=checksum=0",
            FfmpegArguments.Filters(options));
    }

    [Fact]
    public void Packed_formats_need_no_even_crop()
    {
        Assert.Equal("showinfo=checksum=0", FfmpegArguments.Filters(new FfmpegSourceOptions { Uri = "a.mp4", PixelFormat = PixelFormat.Bgr24 }));
    }
}
