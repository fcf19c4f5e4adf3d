using Streams.Tracking.Internal;

namespace Streams.Tracking.Tests;

[Trait("Tier", "Unit")]
public sealed class FrameClockTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Frames_count_by_pts_so_frames_dropped_upstream_leave_gaps()
    {
        var clock = new FrameClock(null);
        long[] frames =
        [
            clock.Next(0, Ms(0)), clock.Next(1, Ms(33.4)), clock.Next(2, Ms(66.6)),
            clock.Next(3, Ms(200)), clock.Next(4, Ms(233.3)),
        ];

        Assert.Equal([0, 1, 2, 6, 7], frames);
        Assert.Equal(30, clock.FrameRate, 0);
    }

    [Fact]
    public void Without_pts_frames_count_by_sequence()
    {
        var clock = new FrameClock(null);
        Assert.Equal(0, clock.Next(10, null));
        Assert.Equal(1, clock.Next(11, null));
        Assert.Equal(7, clock.Next(17, null));
        Assert.Equal(30, clock.FrameRate);
    }

    [Fact]
    public void A_configured_rate_wins_and_pts_that_go_back_count_as_the_next_frame()
    {
        var clock = new FrameClock(25);
        Assert.Equal(0, clock.Next(0, Ms(1000)));
        Assert.Equal(2, clock.Next(1, Ms(1080)));
        Assert.Equal(3, clock.Next(2, Ms(0)));
        Assert.Equal(25, clock.FrameRate);
    }

    [Fact]
    public void Sampled_frames_count_in_the_sources_own_frames()
    {
        // 10 of 30 fps kept by the decoder: the PTS gaps alone would say the stream runs at 10 fps.
        var clock = new FrameClock(null);
        long[] frames = [clock.Next(0, Ms(0), 30), clock.Next(1, Ms(100), 30), clock.Next(2, Ms(200), 30), clock.Next(3, Ms(400), 30)];
        Assert.Equal([0, 3, 6, 12], frames);
        Assert.Equal(30, clock.FrameRate);

        var measured = new FrameClock(null);
        long[] unaware = [measured.Next(0, Ms(0)), measured.Next(1, Ms(100)), measured.Next(2, Ms(200))];
        Assert.Equal([0, 1, 2], unaware);
    }

    [Fact]
    public void Reset_starts_counting_again()
    {
        var clock = new FrameClock(null);
        clock.Next(0, Ms(0));
        clock.Next(1, Ms(40));
        clock.Reset();
        Assert.Equal(0, clock.Next(0, Ms(5000)));
    }
}
