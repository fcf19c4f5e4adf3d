using System.Diagnostics;
using Streams.Sources.Internal;

namespace Streams.Sources.Tests;

[Trait("Tier", "Unit")]
public sealed class LogRateLimiterTests
{
    private static long At(double seconds) => (long)(seconds * Stopwatch.Frequency);

    [Fact]
    public void A_repeated_message_is_logged_once_per_window_and_the_rest_counted()
    {
        var limiter = new LogRateLimiter(TimeSpan.FromSeconds(10), budget: 20);
        Assert.True(limiter.ShouldLog("error while decoding MB 3 7", At(0)));
        Assert.False(limiter.ShouldLog("error while decoding MB 9 1", At(1)));
        Assert.False(limiter.ShouldLog("error while decoding MB 12 40", At(2)));
        Assert.True(limiter.ShouldLog("another problem", At(3)));
        Assert.Equal(2, limiter.TakeSuppressed());
        Assert.True(limiter.ShouldLog("error while decoding MB 1 1", At(11)));
        Assert.Equal(0, limiter.TakeSuppressed());
    }

    [Fact]
    public void Distinct_messages_are_capped_by_the_budget_per_window()
    {
        var limiter = new LogRateLimiter(TimeSpan.FromSeconds(10), budget: 3);
        string[] words = ["alpha", "beta", "gamma", "delta", "epsilon"];
        bool[] passed = [.. words.Select((w, i) => limiter.ShouldLog(w, At(i * 0.1)))];
        Assert.Equal([true, true, true, false, false], passed);
        Assert.True(limiter.ShouldLog("zeta", At(10.5)));
    }

    [Fact]
    public void Addresses_and_numbers_do_not_make_repeats_look_different()
    {
        Assert.Equal(LogRateLimiter.Shape("h264 @ 0x55d1ab: MB 3 7"), LogRateLimiter.Shape("h264 @ 0x7f00ff: MB 41 9"));
        Assert.NotEqual(LogRateLimiter.Shape("missing picture"), LogRateLimiter.Shape("missing reference"));
    }
}
