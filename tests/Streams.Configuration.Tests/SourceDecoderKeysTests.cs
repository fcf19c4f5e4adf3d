using Streams.Configuration;
using Streams.Sources;

namespace Streams.Configuration.Tests;

/// <summary>A source entry is the ffmpeg source's own options record: its decoder keys bind and its rules report at their values.</summary>
[Trait("Tier", "Unit")]
public sealed class SourceDecoderKeysTests
{
    [Fact]
    public void Decoder_keys_default_as_the_source_does_and_bind_when_given()
    {
        PipelineOptions options = PipelineConfigLoader.LoadFromString(
            "sources:\n  - id: a\n    uri: rtsp://cam/1\n  - id: b\n    uri: rtsp://cam/2\n    decoder_threads: 1\n"
            + "    first_frame_timeout: 5s\n    backoff_jitter: 0\n    backoff_reset_after: 1m\n", "p.yaml", "/tmp");

        var defaults = new FfmpegSourceOptions { Uri = "rtsp://cam/1" };
        Assert.Equal((defaults.DecoderThreads, defaults.FirstFrameTimeout, defaults.BackoffJitter, defaults.BackoffResetAfter),
            (options.Sources[0].DecoderThreads, options.Sources[0].FirstFrameTimeout, options.Sources[0].BackoffJitter, options.Sources[0].BackoffResetAfter));
        Assert.Equal((1, TimeSpan.FromSeconds(5), 0.0, TimeSpan.FromMinutes(1)),
            (options.Sources[1].DecoderThreads!.Value, options.Sources[1].FirstFrameTimeout, options.Sources[1].BackoffJitter, options.Sources[1].BackoffResetAfter));
        // What the pipeline file gave is what the ffmpeg source takes: no copy in between.
        FfmpegSourceOptions taken = options.Sources[1];
        Assert.Same(options.Sources[1], taken);
    }

    [Theory]
    [InlineData("decoder_threads: 0", 22, "sources[0].decoder_threads", "must be between 1 and 64, got 0")]
    [InlineData("decoder_threads: 65", 22, "sources[0].decoder_threads", "must be between 1 and 64, got 65")]
    [InlineData("backoff_jitter: 1", 21, "sources[0].backoff_jitter", "must be at least 0 and below 1, got 1")]
    [InlineData("first_frame_timeout: 0s", 26, "sources[0].first_frame_timeout", "must be greater than 0s, got 0s")]
    public void A_decoder_rule_is_reported_at_its_value(string line, int column, string keyPath, string message)
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadFromString(
            $"sources:\n  - id: a\n    uri: rtsp://cam/1\n    {line}\n", "p.yaml", "/tmp"));

        ConfigError only = Assert.Single(error.Errors);
        Assert.Equal((4, column, keyPath, message), (only.Line, only.Column, only.KeyPath, only.Message));
    }

    [Fact]
    public void Frame_layout_is_no_key_of_a_source_entry()
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadFromString(
            "sources:\n  - id: a\n    uri: rtsp://cam/1\n    pixel_format: bgr24\n", "p.yaml", "/tmp"));

        Assert.Contains("unknown key 'pixel_format'", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }
}
