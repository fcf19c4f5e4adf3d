namespace Streams.Sinks.Tests;

[Trait("Tier", "Unit")]
public sealed class ConfigurationTests
{
    [Fact]
    public void A_refused_setting_is_reported_without_its_secret()
    {
        var options = new KafkaSinkOptions
        {
            BootstrapServers = "127.0.0.1:1",
            Settings = new Dictionary<string, string> { ["sasl.password"] = "hunter2", ["security.protocol"] = "hunter2" },
        };
        var error = Assert.Throws<ArgumentException>(() => new KafkaEventSink(options));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("security.protocol", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sasl.password", true)]
    [InlineData("ssl.key.password", true)]
    [InlineData("ssl.keystore.password", true)]
    [InlineData("sasl.jaas.config", true)]
    [InlineData("sasl.oauthbearer.client.secret", true)]
    [InlineData("ssl.key.pem", true)]
    [InlineData("sasl.username", false)]
    [InlineData("bootstrap.servers", false)]
    public void Secret_settings_are_recognised_by_name(string key, bool secret) => Assert.Equal(secret, KafkaConfigRedactor.IsSecret(key));

    [Theory]
    [InlineData("streams.events", "line.cross", "streams.events.line.cross")]
    [InlineData("streams.events", "Zone_Enter", "streams.events.zone-enter")]
    [InlineData("site", "..odd type!..", "site.odd-type-")]
    [InlineData("site", "a..b", "site.a.b")]
    public void Topics_per_event_type_follow_the_naming_rules(string prefix, string type, string topic) =>
        Assert.Equal(topic, KafkaTopicNames.ForEventType(prefix, type));

    [Fact]
    public void Illegal_names_and_bounds_are_refused_by_the_sink_naming_the_value()
    {
        static string Refused(KafkaSinkOptions options) => Assert.Throws<ArgumentException>(() => new KafkaEventSink(options)).Message;

        Assert.Contains("Topic invalid Kafka topic 'bad topic'", Refused(new KafkaSinkOptions { Topic = "bad topic" }), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => KafkaTopicNames.ForEventType("p", "..."));
        Assert.Contains("MaxInFlightEvents must be at least 1, got 0", Refused(new KafkaSinkOptions { MaxInFlightEvents = 0 }), StringComparison.Ordinal);
        Assert.Contains("SpoolMaxBytes must be at least 1048576, got 10", Refused(new KafkaSinkOptions { Spool = "/tmp/x", SpoolMaxBytes = 10 }), StringComparison.Ordinal);
        Assert.Contains("Spool must not be empty", Refused(new KafkaSinkOptions { Spool = " " }), StringComparison.Ordinal);
        Assert.Contains("SpoolMode spool_mode 'always' needs a spool directory", Refused(new KafkaSinkOptions { SpoolMode = SpoolMode.Always }), StringComparison.Ordinal);
        Assert.Contains("SpillAfter must be greater than", Refused(new KafkaSinkOptions { SpillAfter = TimeSpan.Zero }), StringComparison.Ordinal);
        Assert.Contains("Path must not be empty",
            Assert.Throws<ArgumentException>(() => new JsonLinesFileSink(new JsonLinesFileSinkOptions { Path = "" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_favour_no_loss_and_low_latency()
    {
        KafkaSinkOptions d = KafkaSinkOptions.Default;
        List<KeyValuePair<string, string>> config = KafkaEventSink.BuildConfig(d, "b:9092");
        string Get(string key) => config.Single(kv => kv.Key == key).Value;
        Assert.Equal("all", Get("acks"));
        Assert.Equal("true", Get("enable.idempotence"));
        Assert.Equal("lz4", Get("compression.type"));
        Assert.Equal("5", Get("linger.ms"));
        Assert.Equal("0", Get("message.timeout.ms"));
        Assert.Null(d.Spool);
        Assert.True(d.UsesEmbeddedBroker);
    }
}
