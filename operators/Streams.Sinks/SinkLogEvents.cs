using Microsoft.Extensions.Logging;

namespace Streams.Sinks;

/// <summary>Log event ids of the sinks (6xxx), unique across Streams.</summary>
public static class SinkLogEvents
{
    /// <summary>A Kafka sink started; its configuration, secrets masked.</summary>
    public static readonly EventId KafkaSinkStarted = new(6001, nameof(KafkaSinkStarted));

    /// <summary>The embedded in-memory broker started; its bootstrap address.</summary>
    public static readonly EventId EmbeddedBrokerStarted = new(6002, nameof(EmbeddedBrokerStarted));

    /// <summary>A message from librdkafka.</summary>
    public static readonly EventId ClientLog = new(6003, nameof(ClientLog));

    /// <summary>The Kafka client reported an error (broker unreachable, authentication, ...).</summary>
    public static readonly EventId ClientError = new(6004, nameof(ClientError));

    /// <summary>Events began going to the spool (the broker is slow or away); once per episode.</summary>
    public static readonly EventId SpoolingStarted = new(6005, nameof(SpoolingStarted));

    /// <summary>The spool was replayed and the sink is back to sending from memory.</summary>
    public static readonly EventId SpoolingStopped = new(6006, nameof(SpoolingStopped));

    /// <summary>The spool's disk bound was reached: events are being dropped; once per episode.</summary>
    public static readonly EventId SpoolFull = new(6007, nameof(SpoolFull));

    /// <summary>A spool record or segment is corrupt (bad CRC, truncated): file and offset.</summary>
    public static readonly EventId SpoolCorrupt = new(6008, nameof(SpoolCorrupt));

    /// <summary>Spool segments left by an earlier process were found and will be replayed.</summary>
    public static readonly EventId SpoolRecovered = new(6009, nameof(SpoolRecovered));

    /// <summary>Writing to or reading from the spool failed.</summary>
    public static readonly EventId SpoolIoFailed = new(6010, nameof(SpoolIoFailed));

    /// <summary>Events were dropped (reason in the message); once per episode.</summary>
    public static readonly EventId EventsDropped = new(6011, nameof(EventsDropped));

    /// <summary>A delivery failed; the events will be resent in order.</summary>
    public static readonly EventId DeliveryFailed = new(6012, nameof(DeliveryFailed));

    /// <summary>The producer hit a fatal error and is being recreated.</summary>
    public static readonly EventId ProducerRestarted = new(6013, nameof(ProducerRestarted));

    /// <summary>A sink stopped: what it flushed, spooled and dropped.</summary>
    public static readonly EventId SinkStopped = new(6014, nameof(SinkStopped));

    /// <summary>The sink's background loop failed.</summary>
    public static readonly EventId SinkFailed = new(6015, nameof(SinkFailed));

    /// <summary>A topic tail started or lost its broker.</summary>
    public static readonly EventId TailStatus = new(6016, nameof(TailStatus));

    /// <summary>A message from the embedded broker's librdkafka instance.</summary>
    public static readonly EventId EmbeddedBrokerLog = new(6017, nameof(EmbeddedBrokerLog));
}
