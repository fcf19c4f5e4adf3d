using Streams.Configuration;

namespace Streams.Configuration.Tests;

[Trait("Tier", "Unit")]
public sealed class MaxRetriesTests
{
    [Fact]
    public void Max_retries_defaults_to_forever_and_binds_when_given()
    {
        PipelineOptions options = PipelineConfigLoader.LoadFromString(
            "sources:\n  - id: a\n    uri: rtsp://cam/1\n  - id: b\n    uri: rtsp://cam/2\n    max_retries: 5\n", "p.yaml", "/tmp");

        Assert.Null(options.Sources[0].MaxRetries);
        Assert.Equal(5, options.Sources[1].MaxRetries);
    }

    [Fact]
    public void A_negative_max_retries_is_reported_at_its_value()
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadFromString(
            "sources:\n  - id: a\n    uri: rtsp://cam/1\n    max_retries: -1\n", "p.yaml", "/tmp"));

        ConfigError only = Assert.Single(error.Errors);
        Assert.Equal((4, 18, "sources[0].max_retries"), (only.Line, only.Column, only.KeyPath));
    }
}
