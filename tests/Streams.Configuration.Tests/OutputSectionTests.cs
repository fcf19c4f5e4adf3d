using Streams.Snapshots;
using Streams.Video;

namespace Streams.Configuration.Tests;

/// <summary>
/// The <c>snapshots:</c> and <c>annotate:</c> sections bind to the records the snapshot store and the annotated-video
/// stage take.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class OutputSectionTests
{
    [Fact]
    public void The_snapshots_section_binds_to_the_record_the_snapshot_store_takes()
    {
        PipelineOptions options = PipelineConfigLoader.LoadFromString(
            "snapshots:\n  directory: crops\n  quality: 70\n  max_side: 320\n", "p.yaml", "/tmp");

        Assert.Equal(SnapshotOptions.Default with { Directory = "/tmp/crops", Quality = 70, MaxSide = 320 }, options.Snapshots);
        Assert.Empty(Streams.Options.OptionsValidator.Errors(options.Snapshots));
    }

    [Fact]
    public void The_annotate_section_binds_to_the_record_the_annotated_video_stage_takes()
    {
        PipelineOptions options = PipelineConfigLoader.LoadFromString(
            "annotate:\n  directory: video\n  max_width: 640\n  frame_rate: 10\n", "p.yaml", "/tmp");

        Assert.Equal(AnnotatedVideoOptions.Default with { Directory = "/tmp/video", MaxWidth = 640, FrameRate = 10 }, options.Annotate);
        Assert.Empty(Streams.Options.OptionsValidator.Errors(options.Annotate));
    }

    [Theory]
    [InlineData("snapshots:\n  quality: 0", 2, 12, "snapshots.quality", "must be between 1 and 100, got 0")]
    [InlineData("snapshots:\n  max_side: 8", 2, 13, "snapshots.max_side", "must be between 16 and 8192, got 8")]
    [InlineData("annotate:\n  max_width: 9000", 2, 14, "annotate.max_width", "must be between 16 and 8192, got 9000")]
    [InlineData("annotate:\n  frame_rate: 0", 2, 15, "annotate.frame_rate", "must be between 0.1 and 1000, got 0")]
    public void A_rule_of_the_operators_record_is_reported_at_its_value(string yaml, int row, int column, string keyPath, string message)
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadFromString(
            yaml + "\n", "p.yaml", "/tmp"));

        ConfigError only = Assert.Single(error.Errors);
        Assert.Equal((row, column, keyPath), (only.Line, only.Column, only.KeyPath));
        Assert.Contains(message, only.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("snapshots:\n  queue_capacity: 8")]
    [InlineData("snapshots:\n  min_interval: 2s")]
    [InlineData("annotate:\n  crf: 20")]
    [InlineData("annotate:\n  ffmpeg_path: /usr/bin/ffmpeg")]
    public void A_setting_only_code_makes_is_no_key_of_the_section(string yaml)
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadFromString(
            yaml + "\n", "p.yaml", "/tmp"));

        Assert.Contains("unknown key", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }
}
