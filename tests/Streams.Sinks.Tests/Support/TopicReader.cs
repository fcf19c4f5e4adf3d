using System.Text;
using Confluent.Kafka;

namespace Streams.Sinks.Tests.Support;

/// <summary>
/// Reads everything a topic holds, deterministically: each partition up to the high watermark queried first, so the
/// result is the topic's whole content at that moment (duplicates included), in partition order.
/// </summary>
internal static class TopicReader
{
    public static Task<List<TailedEvent>> ReadAllAsync(string bootstrap, params string[] topics) =>
        Task.Run(() => ReadAll(bootstrap, topics));

    private static List<TailedEvent> ReadAll(string bootstrap, string[] topics)
    {
        KafkaLibrary.EnsureLoaded();
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = false,
        };
        using IConsumer<byte[], byte[]> consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        using IAdminClient admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        DateTime deadline = DateTime.UtcNow + TestTimeouts.Wait;
        var ends = new Dictionary<TopicPartition, long>();
        foreach (string topic in topics)
        {
            Metadata metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
            foreach (PartitionMetadata partition in metadata.Topics[0].Partitions)
            {
                var tp = new TopicPartition(topic, partition.PartitionId);
                WatermarkOffsets marks = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10));
                if (marks.High.Value > marks.Low.Value)
                {
                    ends[tp] = marks.High.Value;
                }
            }
        }

        var result = new List<TailedEvent>();
        if (ends.Count == 0)
        {
            return result;
        }

        consumer.Assign(ends.Keys.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var remaining = new HashSet<TopicPartition>(ends.Keys);
        while (remaining.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out reading {string.Join(',', topics)}");
            ConsumeResult<byte[], byte[]>? r = consumer.Consume(200);
            if (r?.Message is not { } m)
            {
                continue;
            }

            result.Add(new TailedEvent(r.Topic, r.Partition.Value, r.Offset.Value, m.Timestamp.UtcDateTime,
                m.Key is null ? null : Encoding.UTF8.GetString(m.Key), Header(m, "event-id"), Header(m, "event-type"),
                Header(m, "schema-version"), Header(m, "content-type"), m.Value));
            if (r.Offset.Value + 1 >= ends[r.TopicPartition])
            {
                remaining.Remove(r.TopicPartition);
            }
        }

        consumer.Close();
        return result;
    }

    private static string? Header(Message<byte[], byte[]> m, string name) =>
        m.Headers.TryGetLastBytes(name, out byte[] value) ? Encoding.UTF8.GetString(value) : null;
}
