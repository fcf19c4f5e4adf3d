using Streams.Tracking;

namespace Streams.Configuration.Tests;

/// <summary>The <c>tracker:</c> section binds to the tracker's own options record, ByteTrack's keys and the stage's alike.</summary>
[Trait("Tier", "Unit")]
public sealed class TrackerSectionTests
{
    [Fact]
    public void The_section_binds_to_the_record_the_tracker_stage_takes()
    {
        PipelineOptions options = PipelineConfigLoader.LoadFromString(
            "tracker:\n  track_buffer: 90\n  keep_untracked_detections: true\n  frame_rate: 25\n  past_frames: true\n", "p.yaml", "/tmp");

        Assert.Equal(TrackerOptions.Default with { TrackBuffer = 90, KeepUntrackedDetections = true, FrameRate = 25, PastFrames = true }, options.Tracker);
        _ = new TrackerStage(options.Tracker);
    }

    [Theory]
    [InlineData("track_buffer: 0", 2, 17, "tracker.track_buffer", "must be at least 1, got 0")]
    [InlineData("gap_reach: 101", 2, 14, "tracker.gap_reach", "must be between 0 and 100, got 101")]
    [InlineData("frame_rate: 0", 2, 15, "tracker.frame_rate", "must be greater than 0 and at most 1000, got 0")]
    public void A_rule_of_the_trackers_record_is_reported_at_its_value(string line, int row, int column, string keyPath, string message)
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadFromString(
            $"tracker:\n  {line}\n", "p.yaml", "/tmp"));

        ConfigError only = Assert.Single(error.Errors);
        Assert.Equal((row, column, keyPath), (only.Line, only.Column, only.KeyPath));
        Assert.Contains(message, only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_only_code_sets_is_no_key_of_the_section()
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadFromString(
            "tracker:\n  detection_interval: 3\n", "p.yaml", "/tmp"));

        Assert.Contains("unknown key 'detection_interval'", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }
}
