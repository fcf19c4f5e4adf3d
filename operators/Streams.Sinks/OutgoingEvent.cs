namespace Streams.Sinks;

/// <summary>
/// One event on its way out of the pipeline: the unit every <see cref="IEventSink"/> carries. The transport does not
/// look inside <see cref="Payload"/>; it only moves the bytes, with the metadata below as Kafka key and headers.
/// </summary>
/// <remarks>
/// <see cref="EventId"/> must be unique and stable: the Kafka sink delivers at least once across a crash (a replayed
/// spool may resend an event whose acknowledgement was not yet recorded), so consumers deduplicate by it.
/// The payload is not copied: the caller must not change the bytes after handing the event to a sink.
/// </remarks>
public sealed class OutgoingEvent
{
    private const int MaxTextBytes = ushort.MaxValue;

    /// <summary>Creates an event; every text field must be non-empty (schema version excepted) and at most
    /// 65535 UTF-8 bytes (the spool stores each with a 16-bit length).</summary>
    /// <param name="eventId">Unique, stable id; consumers deduplicate by it.</param>
    /// <param name="eventType">Type, e.g. <c>line.cross</c>; selects the topic when the sink uses a topic per type.</param>
    /// <param name="streamId">The stream the event belongs to; the Kafka key, so one stream's events stay in order.</param>
    /// <param name="payload">The UTF-8 JSON document, one object.</param>
    /// <param name="schemaVersion">Version of the payload's schema, carried as the <c>schema-version</c> header.</param>
    /// <param name="timestamp">When the event happened; the Kafka record's create time.</param>
    public OutgoingEvent(string eventId, string eventType, string streamId, ReadOnlyMemory<byte> payload, string schemaVersion, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(schemaVersion);
        if (payload.IsEmpty)
        {
            throw new ArgumentException("An event needs a payload.", nameof(payload));
        }

        CheckLength(eventId, nameof(eventId));
        CheckLength(eventType, nameof(eventType));
        CheckLength(streamId, nameof(streamId));
        CheckLength(schemaVersion, nameof(schemaVersion));

        EventId = eventId;
        EventType = eventType;
        StreamId = streamId;
        Payload = payload;
        SchemaVersion = schemaVersion;
        Timestamp = timestamp;
    }

    /// <summary>Unique, stable id (the <c>event-id</c> header).</summary>
    public string EventId { get; }

    /// <summary>Event type, e.g. <c>line.cross</c> (the <c>event-type</c> header).</summary>
    public string EventType { get; }

    /// <summary>Stream id: the Kafka key, which keeps one stream's events in one partition and in order.</summary>
    public string StreamId { get; }

    /// <summary>UTF-8 JSON payload; not copied, not validated by the transport.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Schema version of the payload (the <c>schema-version</c> header).</summary>
    public string SchemaVersion { get; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Rough bytes the event holds in memory: payload plus text fields; used for the sinks' byte bounds.</summary>
    public int EstimatedSize => Payload.Length + (2 * (EventId.Length + EventType.Length + StreamId.Length + SchemaVersion.Length)) + 64;

    private static void CheckLength(string value, string name)
    {
        if (value.Length > MaxTextBytes / 3 && System.Text.Encoding.UTF8.GetByteCount(value) > MaxTextBytes)
        {
            throw new ArgumentException($"{name} is longer than {MaxTextBytes} UTF-8 bytes.", name);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{EventType} {EventId} (stream {StreamId}, {Payload.Length} bytes)";
}
