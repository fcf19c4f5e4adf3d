namespace Streams.Sinks;

/// <summary>One event read back from Kafka by <see cref="EventTail"/>: where it was, its key and headers, its payload.</summary>
/// <param name="Topic">Topic it was read from.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Offset">Offset in the partition.</param>
/// <param name="Timestamp">The record's timestamp (the event's time as the sink produced it).</param>
/// <param name="StreamId">The key: the stream id (null if the record had none).</param>
/// <param name="EventId">The <c>event-id</c> header.</param>
/// <param name="EventType">The <c>event-type</c> header.</param>
/// <param name="SchemaVersion">The <c>schema-version</c> header.</param>
/// <param name="ContentType">The <c>content-type</c> header.</param>
/// <param name="Payload">The record's value: the event's JSON.</param>
public sealed record TailedEvent(
    string Topic,
    int Partition,
    long Offset,
    DateTimeOffset Timestamp,
    string? StreamId,
    string? EventId,
    string? EventType,
    string? SchemaVersion,
    string? ContentType,
    ReadOnlyMemory<byte> Payload);
