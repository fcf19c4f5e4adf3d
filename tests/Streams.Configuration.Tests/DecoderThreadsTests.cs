using Streams.Configuration;

namespace Streams.Configuration.Tests;

[Trait("Tier", "Unit")]
public sealed class DecoderThreadsTests
{
    [Fact]
    public void Decoder_threads_default_to_ffmpegs_choice_and_bind_when_given()
    {
        PipelineOptions options = PipelineConfigLoader.LoadFromString(
            "sources:\n  - id: a\n    uri: rtsp://cam/1\n  - id: b\n    uri: rtsp://cam/2\n    decoder_threads: 1\n", "p.yaml", "/tmp");

        Assert.Null(options.Sources[0].DecoderThreads);
        Assert.Equal(1, options.Sources[1].DecoderThreads);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    public void Decoder_threads_outside_one_to_sixty_four_are_reported_at_their_value(string threads)
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadFromString(
            $"sources:\n  - id: a\n    uri: rtsp://cam/1\n    decoder_threads: {threads}\n", "p.yaml", "/tmp"));

        ConfigError only = Assert.Single(error.Errors);
        Assert.Equal((4, 22, "sources[0].decoder_threads"), (only.Line, only.Column, only.KeyPath));
    }
}
