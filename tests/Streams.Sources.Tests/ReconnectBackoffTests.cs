using Streams.Sources.Internal;

namespace Streams.Sources.Tests;

[Trait("Tier", "Unit")]
public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Without_jitter_the_waits_double_up_to_the_cap()
    {
        var backoff = new ReconnectBackoff(s_second, TimeSpan.FromSeconds(30), jitter: 0, random: () => 0.5);
        double[] waits = [.. Enumerable.Range(0, 8).Select(_ => backoff.NextDelay().TotalSeconds)];
        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits);
        Assert.Equal(8, backoff.Failures);
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(0.5, 1.0)]
    [InlineData(0.999999, 1.2)]
    public void Jitter_spreads_each_wait_by_the_fraction_either_way(double random, double factor)
    {
        var backoff = new ReconnectBackoff(s_second, TimeSpan.FromSeconds(30), jitter: 0.2, random: () => random);
        Assert.Equal(1 * factor, backoff.NextDelay().TotalSeconds, 3);
        Assert.Equal(2 * factor, backoff.NextDelay().TotalSeconds, 3);
        Assert.Equal(4 * factor, backoff.NextDelay().TotalSeconds, 3);
    }

    [Fact]
    public void Jitter_never_goes_above_the_cap()
    {
        var backoff = new ReconnectBackoff(s_second, TimeSpan.FromSeconds(5), jitter: 0.5, random: () => 0.99);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(backoff.NextDelay() <= TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void A_reset_starts_again_from_the_initial_wait()
    {
        var backoff = new ReconnectBackoff(s_second, TimeSpan.FromSeconds(30), jitter: 0);
        backoff.NextDelay();
        backoff.NextDelay();
        backoff.NextDelay();
        backoff.Reset();
        Assert.Equal(0, backoff.Failures);
        Assert.Equal(s_second, backoff.NextDelay());
    }

    [Fact]
    public void Thousands_of_failures_do_not_overflow()
    {
        var backoff = new ReconnectBackoff(s_second, TimeSpan.FromSeconds(30), jitter: 0);
        TimeSpan last = default;
        for (int i = 0; i < 5000; i++)
        {
            last = backoff.NextDelay();
        }

        Assert.Equal(TimeSpan.FromSeconds(30), last);
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.Zero, s_second, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(s_second, TimeSpan.FromMilliseconds(500), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(s_second, s_second, 1.0));
    }
}
