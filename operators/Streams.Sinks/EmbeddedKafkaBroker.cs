using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Sinks.Interop;

namespace Streams.Sinks;

/// <summary>
/// An in-memory Kafka-protocol broker inside this process, for demos and tests: librdkafka's own mock cluster
/// (<c>rd_kafka_mock_cluster_new</c>), listening on 127.0.0.1 on an ephemeral port per broker. Any Kafka client can
/// attach to <see cref="BootstrapServers"/>. It speaks enough of the protocol for producers (acks=all, idempotence),
/// fetching consumers and consumer groups, and it can inject faults: brokers down and up, request errors, round-trip
/// delay, partition leaders.
/// </summary>
/// <remarks>
/// <para>It is NOT a durable broker: everything lives in memory and is gone when it is disposed; each partition keeps
/// about the last 5 MB (older records roll off), so a partition holds a few thousand 1 KB events. New topics get four
/// partitions unless created with <see cref="CreateTopic"/>. Start-up takes tens of milliseconds and ~35 MB.</para>
/// <para>librdkafka marks the mock API experimental; the functions bound here all exist in librdkafka 2.16.0, the file
/// Confluent.Kafka loaded (see <see cref="KafkaLibrary"/>).</para>
/// </remarks>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    /// <summary>Pass as a broker id to address every broker.</summary>
    public const int AllBrokers = -1;

    private readonly KafkaClientHandle _host;
    private readonly MockClusterHandle _cluster;

    private EmbeddedKafkaBroker(KafkaClientHandle host, MockClusterHandle cluster, int brokers)
    {
        _host = host;
        _cluster = cluster;
        BrokerCount = brokers;
        BootstrapServers = cluster.Bootstraps();
    }

    /// <summary>The brokers' addresses for <c>bootstrap.servers</c>, e.g. <c>127.0.0.1:40243</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Brokers in the cluster; their ids run from 1 to this.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers; its librdkafka log goes to <paramref name="logger"/>.</summary>
    public static EmbeddedKafkaBroker Start(int brokers = 1, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        KafkaLibrary.EnsureLoaded();
        logger ??= NullLogger.Instance;
        KafkaClientHandle host = KafkaClientHandle.CreateProducer(
        [
            new("client.id", "streams-embedded-broker"),
            // Broker-side messages only: the host instance itself never connects anywhere.
            new("log.connection.close", "false"),
        ], logger);
        try
        {
            MockClusterHandle cluster = MockClusterHandle.Create(host, brokers);
            var embedded = new EmbeddedKafkaBroker(host, cluster, brokers);
            logger.LogInformation(SinkLogEvents.EmbeddedBrokerStarted,
                "Embedded Kafka broker (in-memory, for demos and tests) listening on {BootstrapServers}", embedded.BootstrapServers);
            return embedded;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Disconnects the broker and refuses new connections (no leader change), as if it were down.</summary>
    public void SetBrokerDown(int brokerId = AllBrokers) =>
        ForBrokers(brokerId, id => LibRdKafka.MockBrokerSetDown(_cluster, id));

    /// <summary>Accepts connections again.</summary>
    public void SetBrokerUp(int brokerId = AllBrokers) =>
        ForBrokers(brokerId, id => LibRdKafka.MockBrokerSetUp(_cluster, id));

    /// <summary>Delays every response of the broker by <paramref name="roundTrip"/>.</summary>
    public void SetRoundTripTime(TimeSpan roundTrip, int brokerId = AllBrokers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrip, TimeSpan.Zero);
        int ms = checked((int)roundTrip.TotalMilliseconds);
        ForBrokers(brokerId, id => LibRdKafka.MockBrokerSetRtt(_cluster, id, ms));
    }

    /// <summary>
    /// Makes the next <c>errors.Length</c> requests of type <paramref name="requestType"/> fail, in order, with these errors
    /// (e.g. <see cref="ErrorCode.NotLeaderForPartition"/>, <see cref="ErrorCode.RequestTimedOut"/>);
    /// <see cref="ErrorCode.Local_Transport"/> makes the broker drop the connection instead.
    /// </summary>
    public unsafe void PushRequestErrors(KafkaRequestType requestType, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Length == 0)
        {
            return;
        }

        int[] codes = new int[errors.Length];
        for (int i = 0; i < errors.Length; i++)
        {
            codes[i] = (int)errors[i];
        }

        fixed (int* p = codes)
        {
            LibRdKafka.MockPushRequestErrorsArray(_cluster, (short)requestType, (nuint)codes.Length, p);
        }
    }

    /// <summary>Forgets the errors still queued for <paramref name="requestType"/>.</summary>
    public void ClearRequestErrors(KafkaRequestType requestType) => LibRdKafka.MockClearRequestErrors(_cluster, (short)requestType);

    /// <summary>Creates a topic (the mock broker has no CreateTopics API; auto-creation gives four partitions).</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        KafkaTopicNames.Validate(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        Check(LibRdKafka.MockTopicCreate(_cluster, topic, partitions, Math.Min(replicationFactor, BrokerCount)), $"create topic {topic}");
    }

    /// <summary>Moves a partition's leadership (-1 leaves it without a leader).</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(LibRdKafka.MockPartitionSetLeader(_cluster, topic, partition, brokerId), $"set leader of {topic}[{partition}]");

    /// <summary>Makes metadata requests for <paramref name="topic"/> answer with <paramref name="error"/> (NoError clears it).</summary>
    public void SetTopicError(string topic, ErrorCode error) => LibRdKafka.MockTopicSetError(_cluster, topic, (int)error);

    /// <summary>Stops the brokers and frees everything they held.</summary>
    public void Dispose()
    {
        _cluster.Dispose();
        _host.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"embedded Kafka ({BrokerCount} broker(s)) at {BootstrapServers}";

    private void ForBrokers(int brokerId, Func<int, int> action)
    {
        // Each broker is addressed on its own (librdkafka 2.16 would also take -1), so that a failure names its broker.
        if (brokerId == AllBrokers)
        {
            for (int id = 1; id <= BrokerCount; id++)
            {
                Check(action(id), $"broker {id}");
            }
        }
        else
        {
            Check(action(brokerId), $"broker {brokerId}");
        }
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new KafkaException(new Error((ErrorCode)error, $"Embedded broker: {what} failed: {(ErrorCode)error}"));
        }
    }
}
