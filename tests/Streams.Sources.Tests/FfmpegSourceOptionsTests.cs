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

    [Fact]
    public void Single_bad_values_are_refused_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FfmpegSourceOptions { Uri = "a", DetectFps = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FfmpegSourceOptions { Uri = "a", DetectFps = 241 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FfmpegSourceOptions { Uri = "a", WatchdogTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FfmpegSourceOptions { Uri = "a", Start = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FfmpegSourceOptions { Uri = "a", Duration = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FfmpegSourceOptions { Uri = "a", MaxRetries = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FfmpegSourceOptions { Uri = "a", BackoffJitter = 1 });
        Assert.Throws<ArgumentException>(() => new FfmpegSourceOptions { Uri = " " });
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
