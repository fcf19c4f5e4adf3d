using System.Diagnostics.Metrics;
using Streams.Sinks.Tests.Support;

namespace Streams.Sinks.Tests;

[Trait("Tier", "Integration")]
public sealed class KafkaRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Events_arrive_with_their_key_and_headers_in_per_stream_order()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        var sent = new List<OutgoingEvent>();
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers, Topic = "rt.events" },
            new LogCapture<KafkaEventSink>(output)))
        {
            for (int i = 0; i < 30; i++)
            {
                OutgoingEvent e = TestEvents.Make($"cam{i % 3}", i, i % 2 == 0 ? "line.cross" : "zone.enter");
                sent.Add(e);
                await sink.WriteAsync(e);
            }

            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            Assert.Equal(30, sink.GetStatistics().Acknowledged);
        }

        // Read back through the EventTail the CLI uses.
        var received = new List<TailedEvent>();
        using var cancel = new CancellationTokenSource(TestTimeouts.Wait);
        await foreach (TailedEvent e in EventTail.ReadAsync(new EventTailOptions { BootstrapServers = cluster.BootstrapServers, Topics = ["rt.events"] },
            cancellationToken: cancel.Token))
        {
            received.Add(e);
            if (received.Count == sent.Count)
            {
                break;
            }
        }

        TestEvents.AssertExactlyOnce(sent.Select(e => e.EventId).ToList(), received);
        TestEvents.AssertPerStreamOrder(received.OrderBy(e => e.Partition).ThenBy(e => e.Offset));
        foreach (TailedEvent e in received)
        {
            OutgoingEvent original = sent.Single(s => s.EventId == e.EventId);
            Assert.Equal(original.StreamId, e.StreamId);
            Assert.Equal(original.EventType, e.EventType);
            Assert.Equal("1", e.SchemaVersion);
            Assert.Equal("application/json", e.ContentType);
            Assert.Equal(original.Payload.ToArray(), e.Payload.ToArray());
            Assert.Equal(original.Timestamp, e.Timestamp);
        }
    }

    [Fact]
    public async Task A_topic_per_event_type_follows_the_naming_rules_and_the_tail_filters_by_type_and_stream()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers, Topic = "site1", TopicPerEventType = true }))
        {
            for (int i = 0; i < 12; i++)
            {
                await sink.WriteAsync(TestEvents.Make($"cam{i % 2}", i, i % 3 == 0 ? "Zone_Enter" : "line.cross"));
            }

            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
        }

        List<TailedEvent> zone = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "site1.zone-enter");
        List<TailedEvent> line = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "site1.line.cross");
        Assert.Equal(4, zone.Count);
        Assert.Equal(8, line.Count);

        // The tail over the prefix, only line.cross events of cam1: seq 1, 5, 7, 11.
        var filtered = new List<TailedEvent>();
        using var cancel = new CancellationTokenSource(TestTimeouts.Wait);
        var options = new EventTailOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            TopicPrefix = "site1.",
            EventTypes = new HashSet<string> { "line.cross" },
            StreamIds = new HashSet<string> { "cam1" },
        };
        await foreach (TailedEvent e in EventTail.ReadAsync(options, cancellationToken: cancel.Token))
        {
            filtered.Add(e);
            if (filtered.Count == 4)
            {
                break;
            }
        }

        Assert.Equal([1, 5, 7, 11], filtered.Select(e => TestEvents.SeqOf(e.EventId!)).Order());
        Assert.All(filtered, e => Assert.Equal("site1.line.cross", e.Topic));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("gzip")]
    [InlineData("snappy")]
    [InlineData("lz4")]
    [InlineData("zstd")]
    public async Task Every_compression_codec_of_the_packaged_librdkafka_round_trips(string codec)
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers, Compression = codec }))
        {
            for (int i = 0; i < 20; i++)
            {
                await sink.WriteAsync(TestEvents.Make("cam", i, padTo: 1024));
            }

            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            Assert.Equal(0, sink.GetStatistics().TotalDropped);
        }

        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "streams.events");
        TestEvents.AssertExactlyOnce(Enumerable.Range(0, 20).Select(i => TestEvents.Id("cam", i)).ToList(), all);
    }

    [Fact]
    public async Task Bootstrap_embedded_starts_a_broker_and_logs_the_address_a_consumer_attaches_to()
    {
        var log = new LogCapture<KafkaEventSink>(output);
        string bootstrap;
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = "embedded" }, log))
        {
            bootstrap = sink.EmbeddedBroker!.BootstrapServers;
            Assert.StartsWith("127.0.0.1:", bootstrap, StringComparison.Ordinal);
            Assert.Contains(log.Entries, e => e.Id.Id == SinkLogEvents.EmbeddedBrokerStarted.Id && e.Message.Contains(bootstrap, StringComparison.Ordinal));
            for (int i = 0; i < 5; i++)
            {
                await sink.WriteAsync(TestEvents.Make("cam", i));
            }

            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            List<TailedEvent> all = await TopicReader.ReadAllAsync(bootstrap, "streams.events");
            Assert.Equal(5, all.Count);
        }
    }

    [Fact]
    public async Task A_tail_with_a_fresh_consumer_group_reads_from_the_beginning()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        cluster.CreateTopic("grp.events", partitions: 2);
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers, Topic = "grp.events" }))
        {
            for (int i = 0; i < 6; i++)
            {
                await sink.WriteAsync(TestEvents.Make($"cam{i % 2}", i));
            }

            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
        }

        var received = new List<TailedEvent>();
        using var cancel = new CancellationTokenSource(TestTimeouts.Wait);
        await foreach (TailedEvent e in EventTail.ReadAsync(
            new EventTailOptions { BootstrapServers = cluster.BootstrapServers, Topics = ["grp.events"], UseConsumerGroup = true },
            cancellationToken: cancel.Token))
        {
            received.Add(e);
            if (received.Count == 6)
            {
                break;
            }
        }

        TestEvents.AssertExactlyOnce(Enumerable.Range(0, 6).Select(i => TestEvents.Id($"cam{i % 2}", i)).ToList(), received);
    }

    [Fact]
    public async Task Delivery_reports_drive_the_counters_and_the_latency_histogram()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        long acked = 0, sent = 0;
        var latencies = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SinkMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (!IsKafka(tags))
            {
                return;
            }

            if (instrument.Name == SinkMetrics.Acknowledged)
            {
                Interlocked.Add(ref acked, value);
            }
            else if (instrument.Name == SinkMetrics.Sent)
            {
                Interlocked.Add(ref sent, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == SinkMetrics.AckLatency && IsKafka(tags))
            {
                lock (latencies)
                {
                    latencies.Add(value);
                }
            }
        });
        listener.Start();

        // A 150 ms round trip shows up in every latency.
        cluster.SetRoundTripTime(TimeSpan.FromMilliseconds(150));
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers }))
        {
            for (int i = 0; i < 10; i++)
            {
                await sink.WriteAsync(TestEvents.Make("cam", i));
            }

            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
        }

        // Tests run one at a time, but another sink of this test class could still be stopping: count ours only (>=).
        Assert.True(Interlocked.Read(ref acked) >= 10 && Interlocked.Read(ref sent) >= 10, $"acked {acked}, sent {sent}");
        lock (latencies)
        {
            Assert.True(latencies.Count >= 10);
            Assert.True(latencies.Max() >= 140, $"max latency {latencies.Max():F0} ms with a 150 ms round trip");
        }

        static bool IsKafka(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "sink" && (string?)tag.Value == "kafka")
                {
                    return true;
                }
            }

            return false;
        }
    }
}
