using System.Text.Json;
using Streams.Analytics;
using Streams.Sinks;

namespace Streams.Hosting.Composition;

/// <summary>Turns an analytics event into what sinks send: its JSON document, keyed by stream, typed and versioned.</summary>
internal sealed class EventEncoder
{
    private readonly Func<AnalyticsEvent, byte[]> _payload;
    private readonly string _schemaVersion;

    public EventEncoder(Func<AnalyticsEvent, byte[]> payload, string schemaVersion)
    {
        _payload = payload;
        _schemaVersion = schemaVersion;
    }

    /// <summary>An encoder of the events' own JSON form.</summary>
    public static EventEncoder Plain() => new(static e => JsonSerializer.SerializeToUtf8Bytes(e), "0");

    public OutgoingEvent Encode(AnalyticsEvent e) => new(e.Id, e.Type, e.StreamId, _payload(e), _schemaVersion, e.WallTime);
}
