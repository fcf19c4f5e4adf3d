using Streams.Analytics;
using Streams.Analytics.Envelope;
using Streams.Sinks;

namespace Streams.Hosting.Composition;

/// <summary>
/// Turns an analytics event into what sinks send: its versioned JSON envelope (schemas/event-v1.schema.json), keyed by
/// stream, with its type and schema version for the headers. Used from the dispatcher's single task.
/// </summary>
internal sealed class EventEncoder(EventEnvelopeWriter writer)
{
    public OutgoingEvent Encode(AnalyticsEvent e) =>
        new(e.Id, e.Type, e.StreamId, writer.Write(e), EventEnvelopeWriter.SchemaVersion, e.WallTime);
}
