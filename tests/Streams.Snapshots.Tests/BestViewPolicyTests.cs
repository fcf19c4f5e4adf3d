namespace Streams.Snapshots.Tests;

[Trait("Tier", "Unit")]
public sealed class BestViewPolicyTests
{
    private static readonly BestViewPolicy s_policy = new(new SnapshotOptions
    {
        Directory = "unused",
        MinImprovement = 0.05f,
        MinInterval = TimeSpan.FromSeconds(1),
        MaxEncodesPerTrack = 3,
    });

    private static readonly BestView s_encoded = new(0.6f, 1000, TimeSpan.FromSeconds(10));

    [Fact]
    public void A_track_without_a_snapshot_takes_its_first_sighting() =>
        Assert.True(s_policy.ShouldEncode(null, 0, new BestView(0.1f, 1, TimeSpan.Zero)));

    [Fact]
    public void A_clearly_more_confident_sighting_replaces_the_snapshot() =>
        Assert.True(s_policy.ShouldEncode(s_encoded, 1, new BestView(0.7f, 500, TimeSpan.FromSeconds(12))));

    [Theory]
    [InlineData(0.5f, 5000)]
    [InlineData(0.62f, 5000)]
    [InlineData(0.6f, 1000)]
    [InlineData(0.6f, 900)]
    public void A_worse_or_barely_better_sighting_does_not(float confidence, float area) =>
        Assert.False(s_policy.ShouldEncode(s_encoded, 1, new BestView(confidence, area, TimeSpan.FromSeconds(12))));

    [Fact]
    public void An_equally_confident_sighting_with_a_larger_box_wins_the_tie() =>
        Assert.True(s_policy.ShouldEncode(s_encoded, 1, new BestView(0.6f, 1200, TimeSpan.FromSeconds(12))));

    [Fact]
    public void A_better_sighting_within_the_min_interval_waits() =>
        Assert.False(s_policy.ShouldEncode(s_encoded, 1, new BestView(0.9f, 1000, TimeSpan.FromSeconds(10.5))));

    [Fact]
    public void A_clock_that_went_backwards_does_not_hold_the_track_back() =>
        Assert.True(s_policy.ShouldEncode(s_encoded, 1, new BestView(0.9f, 1000, TimeSpan.FromSeconds(2))));

    [Fact]
    public void A_track_stops_encoding_after_its_budget() =>
        Assert.False(s_policy.ShouldEncode(s_encoded, 3, new BestView(0.99f, 1000, TimeSpan.FromSeconds(60))));
}
