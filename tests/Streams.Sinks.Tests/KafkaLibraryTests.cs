using Confluent.Kafka;
using Streams.Runtime;
using Streams.Sinks.Tests.Support;

namespace Streams.Sinks.Tests;

[Trait("Tier", "Integration")]
public sealed class KafkaLibraryTests
{
    [Fact]
    public void Confluent_Kafka_runs_on_the_packaged_librdkafka_2_16()
    {
        string version = KafkaLibrary.EnsureLoaded();

        Assert.Equal("2.16.0", version);
        Assert.Equal(Library.VersionString, KafkaLibrary.Version);
        Assert.True(File.Exists(KafkaLibrary.NativePath), KafkaLibrary.NativePath);
        // librdkafka.redist's folder next to the tests, never the operating system's library.
        Assert.Contains(Path.Combine("runtimes", "linux-x64", "native"), KafkaLibrary.NativePath, StringComparison.Ordinal);
        Assert.StartsWith(AppContext.BaseDirectory, KafkaLibrary.NativePath, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packaged_build_refuses_SASL_GSSAPI_at_start_with_its_reason()
    {
        // centos8-librdkafka.so has no libsasl2, hence no Kerberos; PLAIN, SCRAM and OAUTHBEARER are built in.
        var options = new KafkaSinkOptions
        {
            BootstrapServers = "127.0.0.1:1",
            Settings = new Dictionary<string, string> { ["security.protocol"] = "sasl_plaintext", ["sasl.mechanism"] = "GSSAPI" },
        };

        ArgumentException refused = Assert.Throws<ArgumentException>(() => new KafkaEventSink(options));
        Assert.Contains("GSSAPI", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_broker_and_the_clients_share_one_librdkafka_file()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers }))
        {
            await sink.WriteAsync(TestEvents.Make("cam", 0));
            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
        }

        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "streams.events");
        Assert.Single(all);

        // A producer, a consumer and the mock cluster all ran: exactly one librdkafka is mapped, the one KafkaLibrary names.
        List<string> mapped = LoadedNativeLibraries.MappedFiles()
            .FindAll(static f => Path.GetFileName(f).Contains("rdkafka", StringComparison.Ordinal));
        Assert.Equal([KafkaLibrary.NativePath], mapped);
    }
}
