using System.Buffers;
using System.Text;
using System.Text.Json;
using Streams.Sinks.Internal;

namespace Streams.Sinks;

/// <summary>Prints a <see cref="TailedEvent"/> as pretty JSON or as one JSONL line; never throws on a bad payload.</summary>
public static class EventFormatter
{
    private static readonly JsonWriterOptions s_pretty = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions s_compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The event's payload; with <paramref name="includeMetadata"/>, an envelope
    /// <c>{"topic","partition","offset","timestamp","stream","eventId","eventType","schemaVersion","payload"}</c>.
    /// A payload that is not JSON is shown as a JSON string. No trailing newline.
    /// </summary>
    public static string Format(TailedEvent tailed, EventFormat format, bool includeMetadata = false)
    {
        ArgumentNullException.ThrowIfNull(tailed);
        bool pretty = format == EventFormat.Pretty;
        var output = new ArrayBufferWriter<byte>(tailed.Payload.Length + 256);
        if (!includeMetadata)
        {
            if (JsonText.TryWrite(tailed.Payload.Span, pretty, output))
            {
                return Encoding.UTF8.GetString(output.WrittenSpan);
            }

            output.ResetWrittenCount();
            using var fallback = new Utf8JsonWriter(output, pretty ? s_pretty : s_compact);
            fallback.WriteStringValue(Encoding.UTF8.GetString(tailed.Payload.Span));
            fallback.Flush();
            return Encoding.UTF8.GetString(output.WrittenSpan);
        }

        using (var writer = new Utf8JsonWriter(output, pretty ? s_pretty : s_compact))
        {
            writer.WriteStartObject();
            writer.WriteString("topic", tailed.Topic);
            writer.WriteNumber("partition", tailed.Partition);
            writer.WriteNumber("offset", tailed.Offset);
            writer.WriteString("timestamp", tailed.Timestamp);
            writer.WriteString("stream", tailed.StreamId);
            writer.WriteString("eventId", tailed.EventId);
            writer.WriteString("eventType", tailed.EventType);
            writer.WriteString("schemaVersion", tailed.SchemaVersion);
            writer.WritePropertyName("payload");
            try
            {
                var reader = new Utf8JsonReader(tailed.Payload.Span);
                using JsonDocument document = JsonDocument.ParseValue(ref reader);
                document.WriteTo(writer);
            }
            catch (JsonException)
            {
                writer.WriteStringValue(Encoding.UTF8.GetString(tailed.Payload.Span));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
