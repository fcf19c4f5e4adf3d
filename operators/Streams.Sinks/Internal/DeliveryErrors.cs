using Confluent.Kafka;

namespace Streams.Sinks.Internal;

/// <summary>Sorts delivery errors into "send it again" and "it will never go".</summary>
internal static class DeliveryErrors
{
    /// <summary>
    /// True when the event may succeed if produced again: timeouts, transport trouble, purges, fatal producer state (the
    /// producer is recreated), and broker errors that librdkafka itself retries until a timeout. Local_DestroyBroker
    /// (librdkafka 2.10 and later) fails the requests of a broker connection dropped because the broker left the cluster
    /// metadata: the partition has another leader to send to.
    /// </summary>
    public static bool IsRetriable(ErrorCode code, bool fatal) => fatal || NeedsNewProducer(code) || code switch
    {
        ErrorCode.Local_MsgTimedOut or ErrorCode.Local_TimedOut or ErrorCode.Local_Transport
            or ErrorCode.Local_AllBrokersDown or ErrorCode.Local_PurgeQueue or ErrorCode.Local_PurgeInflight
            or ErrorCode.Local_Destroy or ErrorCode.Local_DestroyBroker or ErrorCode.Local_Fatal or ErrorCode.Local_QueueFull
            or ErrorCode.Local_TimedOutQueue or ErrorCode.Local_Retry => true,
        ErrorCode.RequestTimedOut or ErrorCode.NotLeaderForPartition or ErrorCode.LeaderNotAvailable
            or ErrorCode.NotEnoughReplicas or ErrorCode.NotEnoughReplicasAfterAppend or ErrorCode.NetworkException
            or ErrorCode.KafkaStorageError or ErrorCode.BrokerNotAvailable or ErrorCode.NotController
            or ErrorCode.OutOfOrderSequenceNumber or ErrorCode.UnknownProducerId => true,
        _ => false,
    };

    /// <summary>
    /// True when the producer's identity is spent (fenced, stale epoch) or it stopped rather than leave a gap in the
    /// sequence: only a new producer can send again. librdkafka reports some of these per message without raising a
    /// fatal error for an idempotent (non-transactional) producer.
    /// </summary>
    public static bool NeedsNewProducer(ErrorCode code) =>
        code is ErrorCode.InvalidProducerEpoch or ErrorCode.ProducerFenced or ErrorCode.Local_Fatal or ErrorCode.Local_GaplessGuarantee;
}
