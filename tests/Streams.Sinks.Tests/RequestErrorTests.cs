using Confluent.Kafka;
using Streams.Sinks.Tests.Support;

namespace Streams.Sinks.Tests;

[Trait("Tier", "Integration")]
public sealed class RequestErrorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Injected_produce_errors_are_retried_with_nothing_lost_and_nothing_duplicated()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        cluster.CreateTopic("err.events", partitions: 1);
        var expected = new List<string>();
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers, Topic = "err.events" },
            new LogCapture<KafkaEventSink>(output)))
        {
            // Warm up: the producer has its id and connection before the faults.
            await WriteAsync(sink, expected, 0, 10);
            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);

            cluster.PushRequestErrors(KafkaRequestType.Produce,
                ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotLeaderForPartition,
                ErrorCode.RequestTimedOut, ErrorCode.Local_Transport, ErrorCode.NotEnoughReplicas);
            await WriteAsync(sink, expected, 10, 100);
            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);

            EventSinkStatistics stats = sink.GetStatistics();
            output.WriteLine(stats.ToString());
            Assert.Equal(110, stats.Acknowledged);
            Assert.Equal(0, stats.TotalDropped);
        }

        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "err.events");
        TestEvents.AssertExactlyOnce(expected, all);
        TestEvents.AssertPerStreamOrder(all);
    }

    [Fact]
    public async Task A_partition_leader_moving_mid_stream_loses_nothing_and_keeps_order()
    {
        using var cluster = EmbeddedKafkaBroker.Start(brokers: 3);
        cluster.CreateTopic("lead.events", partitions: 1, replicationFactor: 3);
        cluster.SetPartitionLeader("lead.events", 0, 1);
        var expected = new List<string>();
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers, Topic = "lead.events" },
            new LogCapture<KafkaEventSink>(output)))
        {
            await WriteAsync(sink, expected, 0, 40);
            cluster.SetPartitionLeader("lead.events", 0, 2);
            await WriteAsync(sink, expected, 40, 40);
            cluster.SetPartitionLeader("lead.events", 0, 3);
            await WriteAsync(sink, expected, 80, 40);
            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            Assert.Equal(120, sink.GetStatistics().Acknowledged);
        }

        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "lead.events");
        TestEvents.AssertExactlyOnce(expected, all);
        TestEvents.AssertPerStreamOrder(all);
    }

    [Theory]
    [InlineData(ErrorCode.OutOfOrderSequenceNumber)] // librdkafka raises a fatal error
    [InlineData(ErrorCode.InvalidProducerEpoch)] // reported per message; the producer's identity is spent
    public async Task A_producer_that_can_no_longer_send_is_recreated_and_nothing_is_lost_or_duplicated(ErrorCode error)
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        cluster.CreateTopic("fatal.events", partitions: 1);
        var log = new LogCapture<KafkaEventSink>(output);
        var expected = new List<string>();
        // The injected error fails one request. A real broker also refuses every batch behind a failed one (its sequence
        // has a gap), but the mock cluster writes them, so the events after the fault must travel in that one request:
        // a linger longer than writing them takes puts them in one batch.
        var options = new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            Topic = "fatal.events",
            Linger = TimeSpan.FromSeconds(1),
        };
        await using (var sink = new KafkaEventSink(options, log))
        {
            await WriteAsync(sink, expected, 0, 5);
            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            cluster.PushRequestErrors(KafkaRequestType.Produce, error);
            await WriteAsync(sink, expected, 5, 45);
            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            EventSinkStatistics stats = sink.GetStatistics();
            Assert.Equal(50, stats.Acknowledged);
            Assert.Equal(0, stats.TotalDropped);
            Assert.True(stats.Retried > 0);
        }

        Assert.Equal(1, log.Count(SinkLogEvents.ProducerRestarted));
        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "fatal.events");
        TestEvents.AssertExactlyOnce(expected, all);
        TestEvents.AssertPerStreamOrder(all);
    }

    private static async Task WriteAsync(KafkaEventSink sink, List<string> expected, int from, int count)
    {
        for (int i = from; i < from + count; i++)
        {
            OutgoingEvent e = TestEvents.Make($"cam{i % 3}", i);
            expected.Add(e.EventId);
            await sink.WriteAsync(e);
        }
    }
}
