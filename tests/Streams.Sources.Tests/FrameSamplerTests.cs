using Streams.Sources.Internal;

namespace Streams.Sources.Tests;

public sealed class FrameSamplerTests
{
    private static List<int> Kept(FrameSampler sampler, IEnumerable<double> seconds)
    {
        var kept = new List<int>();
        int i = 0;
        foreach (double s in seconds)
        {
            if (sampler.ShouldKeep(TimeSpan.FromSeconds(s)))
            {
                kept.Add(i);
            }

            i++;
        }

        return kept;
    }

    [Fact]
    public void Five_of_thirty_keeps_every_sixth_frame()
    {
        List<int> kept = Kept(new FrameSampler(5), Enumerable.Range(0, 60).Select(i => i / 30.0));
        Assert.Equal([0, 6, 12, 18, 24, 30, 36, 42, 48, 54], kept);
    }

    [Fact]
    public void A_rate_that_does_not_divide_the_input_stays_on_its_grid_without_drift()
    {
        // 7 of 30 over 10 s: 70 frames, never two closer than one input frame apart.
        List<int> kept = Kept(new FrameSampler(7), Enumerable.Range(0, 300).Select(i => i / 30.0));
        Assert.Equal(70, kept.Count);
    }

    [Fact]
    public void Timestamps_printed_a_little_early_still_count_as_on_time()
    {
        List<int> kept = Kept(new FrameSampler(5), [0, 0.1, 0.1999999, 0.3, 0.3999999]);
        Assert.Equal([0, 2, 4], kept);
    }

    [Fact]
    public void A_timestamp_going_backwards_starts_a_new_grid()
    {
        // A reconnect: the camera's clock starts again near zero.
        List<int> kept = Kept(new FrameSampler(5), [10.0, 10.1, 10.2, 0.05, 0.15, 0.25]);
        Assert.Equal([0, 2, 3, 5], kept);
    }

    [Fact]
    public void A_gap_longer_than_an_interval_keeps_one_frame_not_a_burst()
    {
        List<int> kept = Kept(new FrameSampler(5), [0, 0.2, 5.0, 5.1, 5.2]);
        Assert.Equal([0, 1, 2, 4], kept);
    }

    [Fact]
    public void Without_a_rate_every_frame_is_kept()
    {
        var sampler = new FrameSampler(null);
        Assert.True(sampler.KeepsAll);
        Assert.Equal(5, Kept(sampler, [0, 0, 0.01, 0.02, 0.03]).Count);
    }
}
