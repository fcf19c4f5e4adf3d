namespace Streams.Sinks.Internal;

/// <summary>
/// The Kafka sink's record of one event between the pump and the broker. Memory-only events (direct sends) have a
/// <see cref="Sequence"/> and no spool record; events read from or copied to the spool have a <see cref="Spool"/> record.
/// Only the pump touches it, apart from the delivery callback which only reads <see cref="Generation"/>.
/// </summary>
internal sealed class InFlightEvent(OutgoingEvent e, long sequence, int size)
{
    public OutgoingEvent Event { get; } = e;

    /// <summary>Arrival order of a memory-only event (-1 for one read from the spool).</summary>
    public long Sequence { get; } = sequence;

    public int Size { get; } = size;

    /// <summary>Its spool record, once it has one.</summary>
    public SpoolRef? Spool { get; set; }

    /// <summary>Handed to the producer and no delivery report yet.</summary>
    public bool InFlight { get; set; }

    /// <summary>Acknowledged or dropped.</summary>
    public bool Settled { get; set; }

    /// <summary>Stopwatch timestamp of the last produce call.</summary>
    public long ProducedAt { get; set; }

    /// <summary>The producer generation it was produced on (the producer is recreated after a fatal error).</summary>
    public int Generation { get; set; }
}

/// <summary>A delivery report as the pump needs it, taken off the client's callback thread.</summary>
internal readonly record struct DeliveryOutcome(InFlightEvent Entry, Confluent.Kafka.ErrorCode Code, bool IsFatal, string Reason, long ReportedAt, int Generation);

/// <summary>
/// An item of the Kafka sink's intake: an event, or a flush marker. In write-ahead mode an event carries
/// <paramref name="Durable"/>, completed once the event is in the spool (and synced as the fsync policy says).
/// </summary>
internal readonly record struct IntakeItem(OutgoingEvent? Event, FlushRequest? Flush, TaskCompletionSource? Durable = null);

/// <summary>A waiting <see cref="IEventSink.FlushAsync"/>: done when everything before its marker is settled.</summary>
internal sealed class FlushRequest
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Memory-only events up to this sequence must be settled.</summary>
    public long MemoryLimit { get; set; } = -1;

    /// <summary>Spool records before this position must be settled.</summary>
    public SpoolPosition? SpoolLimit { get; set; }
}
