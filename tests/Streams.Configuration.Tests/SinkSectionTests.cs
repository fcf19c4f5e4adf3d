using Microsoft.Extensions.Logging.Abstractions;
using Streams.Sinks;

namespace Streams.Configuration.Tests;

/// <summary>Each <c>sinks:</c> entry binds to the record its sink takes, and that record's rules are placed in the file.</summary>
[Trait("Tier", "Unit")]
public sealed class SinkSectionTests : ConfigTestBase
{
    [Fact]
    public void A_kafka_entry_binds_to_the_record_the_kafka_sink_takes()
    {
        var options = Load("""
            sinks:
              - type: kafka
                bootstrap: broker1:9092,broker2:9092
                topic: site.events
                spool: spool
                spool_max_bytes: 2097152
                spool_mode: always
                spool_fsync: never
            """);

        KafkaSinkOptions kafka = Assert.IsType<KafkaSinkOptions>(Assert.Single(options.Sinks));
        Assert.Equal(KafkaSinkOptions.Default with
        {
            BootstrapServers = "broker1:9092,broker2:9092",
            Topic = "site.events",
            Settings = kafka.Settings,
            Spool = Path.Combine(Dir.Path, "spool"),
            SpoolMaxBytes = 2L << 20,
            SpoolMode = SpoolMode.Always,
            SpoolFsync = FsyncPolicy.Never,
        }, kafka);
        Assert.Empty(kafka.Settings);
    }

    [Fact]
    public void A_kafka_entry_left_to_its_defaults_is_the_records_defaults()
    {
        var options = Load("sinks:\n  - type: kafka\n");

        KafkaSinkOptions kafka = Assert.IsType<KafkaSinkOptions>(Assert.Single(options.Sinks));
        Assert.Equal(KafkaSinkOptions.Default with { Settings = kafka.Settings }, kafka);
        Assert.True(kafka.UsesEmbeddedBroker);
    }

    [Fact]
    public async Task The_jsonl_and_stdout_entries_bind_to_the_records_their_sinks_take_and_open_them()
    {
        var options = Load("sinks:\n  - { type: jsonl, id: file, path: out/events.jsonl }\n  - { type: stdout, pretty: true }\n");

        Assert.Equal(new JsonLinesFileSinkOptions { Id = "file", Path = Path.Combine(Dir.Path, "out", "events.jsonl") }, options.Sinks[0]);
        Assert.Equal(new ConsoleEventSinkOptions { Pretty = true }, options.Sinks[1]);
        foreach (SinkOptions sink in options.Sinks)
        {
            await using IEventSink opened = sink.CreateSink(NullLoggerFactory.Instance);
        }
    }

    [Theory]
    [InlineData("spool_max_bytes: 1000", 3, 22, "sinks[0].spool_max_bytes", "must be at least 1048576, got 1000")]
    [InlineData("spool_mode: always", 3, 17, "sinks[0].spool_mode", "spool_mode 'always' needs a spool directory: set 'spool'")]
    [InlineData("bootstrap: ' '", 3, 16, "sinks[0].bootstrap", "must not be empty")]
    [InlineData("topic: '..'", 3, 12, "sinks[0].topic", "invalid Kafka topic '..'")]
    public void A_rule_of_the_kafka_sinks_record_is_reported_at_its_value(string line, int row, int column, string keyPath, string message)
    {
        ConfigError only = SingleError($"sinks:\n  - type: kafka\n    {line}\n");

        Assert.Equal((row, column, keyPath), (only.Line, only.Column, only.KeyPath));
        Assert.Contains(message, only.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type: kafka", "max_in_flight_events")]
    [InlineData("type: kafka", "spool_segment_bytes")]
    [InlineData("type: kafka", "linger")]
    [InlineData("type: jsonl\n    path: e.jsonl", "append")]
    public void A_setting_only_code_sets_is_no_key_of_the_entry(string entry, string key)
    {
        ConfigError only = SingleError($"sinks:\n  - {entry}\n    {key}: 1\n");
        Assert.Contains($"unknown key '{key}'", only.Message, StringComparison.Ordinal);
    }
}
