using Streams.Runtime;

namespace Streams.Sources.Tests;

[Trait("Tier", "Unit")]
public sealed class FfmpegSourceOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new FfmpegSourceOptions { Uri = "clip.mp4" };
        Assert.Equal(ReplayPacing.Realtime, options.Replay);
        Assert.Equal(RtspTransportProtocol.Tcp, options.RtspTransport);
        Assert.Equal(TimeSpan.FromSeconds(10), options.WatchdogTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BackoffInitial);
        Assert.Equal(TimeSpan.FromSeconds(30), options.BackoffMax);
        Assert.Equal(PixelFormat.Yuv420p, options.PixelFormat);
        Assert.Null(options.MaxRetries);
        Assert.Null(options.DetectFps);
        Assert.False(options.Loop);
    }

    [Theory]
    [InlineData("clip.mp4", false)]
    [InlineData("/data/cam.mkv", false)]
    [InlineData("rtsp://cam/x", true)]
    [InlineData("RTSPS://cam/x", true)]
    [InlineData("http://cam/x.mjpg", true)]
    [InlineData("https://cdn/x.m3u8", true)]
    public void Network_urls_are_live_by_default(string uri, bool live)
    {
        Assert.Equal(live, new FfmpegSourceOptions { Uri = uri }.IsLive);
        Assert.False(new FfmpegSourceOptions { Uri = uri, Live = false }.IsLive);
    }

    [Theory]
    [InlineData("DetectFps", "DetectFps must be greater than 0 and at most 240, got 0")]
    [InlineData("DetectFps241", "DetectFps must be greater than 0 and at most 240, got 241")]
    [InlineData("WatchdogTimeout", "WatchdogTimeout must be at least")]
    [InlineData("Start", "Start must be at least")]
    [InlineData("Duration", "Duration must be greater than")]
    [InlineData("MaxRetries", "MaxRetries must be at least 0, got -1")]
    [InlineData("BackoffJitter", "BackoffJitter must be at least 0 and below 1, got 1")]
    [InlineData("Uri", "Uri must not be empty")]
    [InlineData("DecoderThreads", "DecoderThreads must be between 1 and 64, got 0")]
    public void A_single_bad_value_is_refused_by_the_source_naming_it(string which, string message)
    {
        var good = new FfmpegSourceOptions { Uri = "a" };
        FfmpegSourceOptions bad = which switch
        {
            "DetectFps" => good with { DetectFps = 0 },
            "DetectFps241" => good with { DetectFps = 241 },
            "WatchdogTimeout" => good with { WatchdogTimeout = TimeSpan.Zero },
            "Start" => good with { Start = TimeSpan.FromSeconds(-1) },
            "Duration" => good with { Duration = TimeSpan.Zero },
            "MaxRetries" => good with { MaxRetries = -1 },
            "BackoffJitter" => good with { BackoffJitter = 1 },
            "Uri" => good with { Uri = " " },
            "DecoderThreads" => good with { DecoderThreads = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };

        ArgumentException error = Assert.Throws<ArgumentException>(() => new FfmpegSource(bad));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void Contradicting_combinations_are_refused_by_the_source()
    {
        Assert.Throws<ArgumentException>(() => new FfmpegSource(new FfmpegSourceOptions
        {
            Uri = "a", BackoffInitial = TimeSpan.FromSeconds(10), BackoffMax = TimeSpan.FromSeconds(5),
        }));
        Assert.Throws<ArgumentException>(() => new FfmpegSource(new FfmpegSourceOptions { Uri = "a", Width = 640, Letterbox = true }));
        Assert.Throws<ArgumentException>(() => new FfmpegSource(new FfmpegSourceOptions { Uri = "a", Width = 641 }));
        // Sampled frames 2 s apart: a 4 s watchdog leaves no margin for a late one, a 9 s one does.
        Assert.Throws<ArgumentException>(() => new FfmpegSource(new FfmpegSourceOptions { Uri = "a", DetectFps = 0.5, WatchdogTimeout = TimeSpan.FromSeconds(4) }));
        using var fine = new FfmpegSource(new FfmpegSourceOptions { Uri = "a", DetectFps = 0.5, WatchdogTimeout = TimeSpan.FromSeconds(9) });
    }

    [Fact]
    public void The_factory_redacts_the_display_uri_and_picks_the_queue_policy()
    {
        StreamSpec live = FfmpegSourceFactory.CreateStream("cam", new FfmpegSourceOptions { Uri = "rtsp://u:p@cam/x" });
        StreamSpec file = FfmpegSourceFactory.CreateStream("file", new FfmpegSourceOptions { Uri = "clip.mp4" }, capacity: 4);
        Assert.Equal("rtsp://***@cam/x", live.DisplayUri);
        Assert.Equal(EdgePolicy.DropOldest, live.Edge.Policy);
        Assert.Equal((EdgePolicy.Wait, 4), (file.Edge.Policy, file.Edge.Capacity));
        Assert.IsType<FfmpegSource>(live.Source);
    }
}
