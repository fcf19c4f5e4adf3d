using Streams.Options;

namespace Streams.Video.Tests;

/// <summary>The rules of <see cref="AnnotatedVideoOptions"/> hold when the stage is built in code.</summary>
[Trait("Tier", "Unit")]
public sealed class AnnotatedVideoOptionsTests
{
    [Fact]
    public void The_defaults_break_no_rule()
    {
        Assert.Empty(OptionsValidator.Errors(AnnotatedVideoOptions.Default));
        Assert.Null(AnnotatedVideoOptions.Default.Directory);
    }

    [Fact]
    public void The_stage_throws_for_a_broken_rule_naming_each()
    {
        var options = AnnotatedVideoOptions.Default with { Directory = Path.GetTempPath(), MaxWidth = 8, Crf = 60, StallTimeout = TimeSpan.Zero };

        ArgumentException e = Assert.Throws<ArgumentException>(() => new AnnotatedVideoStage(options));

        Assert.Equal("options", e.ParamName);
        Assert.Contains("AnnotatedVideoOptions: MaxWidth must be between 16 and 8192, got 8", e.Message, StringComparison.Ordinal);
        Assert.Contains("Crf must be between 0 and 51, got 60", e.Message, StringComparison.Ordinal);
        Assert.Contains("StallTimeout must be greater than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stage_needs_a_directory()
    {
        Assert.ThrowsAny<ArgumentException>(() => new AnnotatedVideoStage(AnnotatedVideoOptions.Default));
    }
}
