using Streams.Sinks.Tests.Support;

namespace Streams.Sinks.Tests;

/// <summary>What a sink on the embedded broker logs of its configuration: the rest of the option checks run without a broker, in <see cref="ConfigurationTests"/>.</summary>
[Trait("Tier", "Integration")]
public sealed class ConfigurationLoggingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Secrets_never_reach_the_logged_configuration()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        var log = new LogCapture<KafkaEventSink>(output);
        var settings = new Dictionary<string, string>
        {
            ["sasl.username"] = "alice",
            ["sasl.password"] = "hunter2-secret-value",
            ["ssl.key.password"] = "k3y-pa55",
            ["statistics.interval.ms"] = "0",
        };
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers, Settings = settings }, log))
        {
            Assert.Contains(sink.RedactedConfig, kv => kv.Key == "sasl.password" && kv.Value == KafkaConfigRedactor.Mask);
            Assert.Contains(sink.RedactedConfig, kv => kv.Key == "sasl.username" && kv.Value == "alice");
        }

        string all = log.All;
        Assert.Contains("sasl.password=[redacted]", all, StringComparison.Ordinal);
        Assert.Contains("ssl.key.password=[redacted]", all, StringComparison.Ordinal);
        Assert.Contains("acks=all", all, StringComparison.Ordinal);
        Assert.Contains("enable.idempotence=true", all, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", all, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y-pa55", all, StringComparison.Ordinal);
    }
}
