using Confluent.Kafka;
using Streams.Sinks.Internal;

namespace Streams.Sinks.Tests;

[Trait("Tier", "Unit")]
public sealed class DeliveryErrorsTests
{
    [Theory]
    [InlineData(ErrorCode.InvalidProducerEpoch)]
    [InlineData(ErrorCode.ProducerFenced)]
    [InlineData(ErrorCode.Local_Fatal)]
    [InlineData(ErrorCode.Local_GaplessGuarantee)] // the producer stopped rather than leave a gap: resend, never drop
    public void A_spent_producer_is_replaced_and_its_events_sent_again(ErrorCode code)
    {
        Assert.True(DeliveryErrors.NeedsNewProducer(code));
        Assert.True(DeliveryErrors.IsRetriable(code, fatal: false));
    }

    [Theory]
    [InlineData(ErrorCode.Local_MsgTimedOut)]
    [InlineData(ErrorCode.NotLeaderForPartition)]
    [InlineData(ErrorCode.Local_Transport)]
    [InlineData(ErrorCode.Local_DestroyBroker)] // its broker left the cluster: the partition's new leader takes it
    public void A_passing_fault_is_retried_with_the_same_producer(ErrorCode code)
    {
        Assert.False(DeliveryErrors.NeedsNewProducer(code));
        Assert.True(DeliveryErrors.IsRetriable(code, fatal: false));
    }

    [Theory]
    [InlineData(ErrorCode.MsgSizeTooLarge)]
    [InlineData(ErrorCode.TopicAuthorizationFailed)]
    [InlineData(ErrorCode.Local_UnknownTopic)]
    public void An_event_the_broker_will_never_take_is_not_retried(ErrorCode code) =>
        Assert.False(DeliveryErrors.IsRetriable(code, fatal: false));
}
