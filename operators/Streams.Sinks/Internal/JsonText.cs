using System.Buffers;
using System.Text.Json;

namespace Streams.Sinks.Internal;

/// <summary>JSON payloads as lines: compact ones are passed through untouched; others are re-written.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions s_compact = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions s_pretty = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>True when <paramref name="json"/> is exactly one JSON value (checked without allocating).</summary>
    public static bool IsValid(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes <paramref name="payload"/> as one line (compact) or as indented JSON, without the final newline. A valid
    /// payload with no line break is copied as is; anything else is parsed and re-written. False when it is not JSON.
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<byte> payload, bool pretty, IBufferWriter<byte> output)
    {
        if (!pretty && payload.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            if (!IsValid(payload))
            {
                return false;
            }

            output.Write(payload);
            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            using var writer = new Utf8JsonWriter(output, pretty ? s_pretty : s_compact);
            document.WriteTo(writer);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
