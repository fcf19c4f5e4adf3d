using Streams.Options;

namespace Streams.Snapshots.Tests;

/// <summary>The rules of <see cref="SnapshotOptions"/> hold when the store is built in code.</summary>
[Trait("Tier", "Unit")]
public sealed class SnapshotOptionsTests
{
    [Fact]
    public void The_defaults_break_no_rule()
    {
        Assert.Empty(OptionsValidator.Errors(SnapshotOptions.Default));
        Assert.Null(SnapshotOptions.Default.Directory);
    }

    [Fact]
    public void The_store_throws_for_a_broken_rule_naming_each()
    {
        var options = SnapshotOptions.Default with { Directory = Path.GetTempPath(), Quality = 0, MaxSide = 4, MinImprovement = 2, QueueCapacity = 0 };

        ArgumentException e = Assert.Throws<ArgumentException>(() => new SnapshotStore(options));

        Assert.Equal("options", e.ParamName);
        Assert.Contains("SnapshotOptions: Quality must be between 1 and 100, got 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxSide must be between 16 and 8192, got 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("MinImprovement must be between 0 and 1, got 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("QueueCapacity must be at least 1, got 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_needs_a_directory()
    {
        Assert.ThrowsAny<ArgumentException>(() => new SnapshotStore(SnapshotOptions.Default));
    }
}
