using System.Runtime.InteropServices;

namespace Streams.Sinks.Interop;

/// <summary>
/// The slice of librdkafka's C API (rdkafka.h, rdkafka_mock.h) the embedded broker uses, bound to the very file
/// Confluent.Kafka loaded (librdkafka.redist 2.16.0; <see cref="KafkaLibrary"/> resolves <see cref="KafkaLibrary.ImportName"/>).
/// Every function here is exported by 2.16.0 (<c>nm -D</c>) with these signatures; the variadic
/// <c>rd_kafka_mock_push_request_errors</c> is reached through its <c>_array</c> twin.
/// </summary>
internal static unsafe partial class LibRdKafka
{
    private const string Library = KafkaLibrary.ImportName;

    // Runs before any import here binds: the resolver is in place and Confluent.Kafka has chosen the file.
    static LibRdKafka() => KafkaLibrary.EnsureLoaded();

    /// <summary>rd_kafka_type_t RD_KAFKA_PRODUCER.</summary>
    public const int ProducerType = 0;

    /// <summary>rd_kafka_conf_res_t RD_KAFKA_CONF_OK.</summary>
    public const int ConfOk = 0;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    public static partial nint ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(nint conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(KafkaConfHandle conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_log_cb")]
    public static partial void ConfSetLogCallback(KafkaConfHandle conf, delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void> callback);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_opaque")]
    public static partial void ConfSetOpaque(KafkaConfHandle conf, nint opaque);

    [LibraryImport(Library, EntryPoint = "rd_kafka_opaque")]
    public static partial nint Opaque(nint rk);

    /// <summary>Takes ownership of <paramref name="conf"/> on success only.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    public static partial nint New(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    public static partial nint MockClusterNew(KafkaClientHandle rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    public static partial void MockClusterDestroy(nint mcluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial nint MockClusterBootstraps(MockClusterHandle mcluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    public static partial void MockPushRequestErrorsArray(MockClusterHandle mcluster, short apiKey, nuint count, int* errors);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_clear_request_errors")]
    public static partial void MockClearRequestErrors(MockClusterHandle mcluster, short apiKey);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_set_error", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void MockTopicSetError(MockClusterHandle mcluster, string topic, int error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockTopicCreate(MockClusterHandle mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_partition_set_leader", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockPartitionSetLeader(MockClusterHandle mcluster, string topic, int partition, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    public static partial int MockBrokerSetDown(MockClusterHandle mcluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    public static partial int MockBrokerSetUp(MockClusterHandle mcluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_rtt")]
    public static partial int MockBrokerSetRtt(MockClusterHandle mcluster, int brokerId, int rttMs);
}
