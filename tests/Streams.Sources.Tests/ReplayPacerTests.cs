using System.Diagnostics;
using Streams.Sources.Internal;

namespace Streams.Sources.Tests;

[Trait("Tier", "Unit")]
public sealed class ReplayPacerTests
{
    private static long At(double seconds) => (long)(seconds * Stopwatch.Frequency);

    private static double Ms(TimeSpan t) => Math.Round(t.TotalMilliseconds, 3);

    [Fact]
    public void Each_frame_waits_for_its_own_time_after_the_first()
    {
        var pacer = new ReplayPacer();
        Assert.Equal(0, Ms(pacer.Delay(TimeSpan.FromSeconds(5), At(100))));
        Assert.Equal(100, Ms(pacer.Delay(TimeSpan.FromSeconds(5.1), At(100))));
        // Late by 30 ms for the next one: it waits that much less; the schedule does not drift.
        Assert.Equal(70, Ms(pacer.Delay(TimeSpan.FromSeconds(5.2), At(100.13))));
    }

    [Fact]
    public void Falling_far_behind_re_anchors_instead_of_bursting()
    {
        var pacer = new ReplayPacer();
        pacer.Delay(TimeSpan.Zero, At(0));
        Assert.True(pacer.Delay(TimeSpan.FromSeconds(1), At(3)) < TimeSpan.Zero);
        Assert.Equal(100, Ms(pacer.Delay(TimeSpan.FromSeconds(1.1), At(3))));
    }

    [Fact]
    public void A_timestamp_going_back_or_jumping_ahead_re_anchors()
    {
        var pacer = new ReplayPacer();
        pacer.Observe(TimeSpan.FromSeconds(10));
        pacer.Delay(TimeSpan.FromSeconds(10), At(0));
        pacer.Observe(TimeSpan.FromSeconds(0.5));
        Assert.True(pacer.Delay(TimeSpan.FromSeconds(0.5), Stopwatch.GetTimestamp()) <= TimeSpan.Zero);
        pacer.Observe(TimeSpan.FromSeconds(600));
        Assert.True(pacer.Delay(TimeSpan.FromSeconds(600), Stopwatch.GetTimestamp()) <= TimeSpan.Zero);
    }

    [Fact]
    public void Sampled_frames_seconds_apart_are_paced_not_taken_for_a_discontinuity()
    {
        // detect_fps 0.25: a frame every 4 s; with no interval given, 4 s would be a jump and re-anchor.
        var pacer = new ReplayPacer(TimeSpan.FromSeconds(4));
        pacer.Observe(TimeSpan.Zero);
        pacer.Delay(TimeSpan.Zero, At(0));
        pacer.Observe(TimeSpan.FromSeconds(4));
        Assert.Equal(3000, Ms(pacer.Delay(TimeSpan.FromSeconds(4), At(1))));

        var unsampled = new ReplayPacer();
        unsampled.Observe(TimeSpan.Zero);
        unsampled.Delay(TimeSpan.Zero, At(0));
        unsampled.Observe(TimeSpan.FromSeconds(4));
        // Re-anchored at the jump: no longer 3 s after the first frame's anchor.
        Assert.NotEqual(3000, Ms(unsampled.Delay(TimeSpan.FromSeconds(4), At(1))));
    }
}
