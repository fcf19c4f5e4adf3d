using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Streams.Runtime;

namespace Streams.Analytics.Envelope;

/// <summary>
/// Writes an <see cref="AnalyticsEvent"/> as the versioned JSON envelope that <c>schemas/event-v1.schema.json</c>
/// describes: one shape for every event type, snake_case names in a fixed order, numbers as JSON numbers, times as
/// ISO-8601 UTC, durations in seconds.
/// </summary>
/// <remarks>
/// <para>The envelope is <c>{schema_version, id, type, time, source, object?, analytics?, pipeline}</c>. Sections that
/// do not apply to a type are left out, never written as null (<c>counts</c> has no <c>object</c>,
/// <c>object.new</c> no <c>analytics</c>), and so are optional measurements the event lacks (speed before there is a
/// past, ground positions without a ground plane, an attribute's label). The one null is <c>source.pts</c>: every
/// event has a frame, and a frame without a presentation time says so explicitly.</para>
/// <para><c>object.box_normalized</c> is the pixel box clipped to the frame, as fractions of its size, so it stays in
/// 0..1 as the schema promises; <c>object.box</c> keeps the unclipped pixels a tracker may predict past an edge.</para>
/// <para><c>object.snapshot</c> (<c>{path, width, height}</c> of a JPEG crop of the best frame) is written on
/// <c>object.end</c> when the event carries one (<see cref="AnalyticsStageOptions.Snapshots"/>).</para>
/// <para>The writer reuses one <see cref="Utf8JsonWriter"/> and one buffer, and encodes the constant
/// <c>pipeline</c> section and the stream URIs once: <see cref="Write(AnalyticsEvent)"/> allocates only the array it
/// returns, and <see cref="Write(AnalyticsEvent, IBufferWriter{byte})"/> nothing. For that it is NOT thread-safe:
/// call it from one thread at a time (one writer per sink loop, or a lock around it).</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The Utf8JsonWriter writes to managed buffers only; its Dispose would merely flush, and every call flushes.")]
public sealed class EventEnvelopeWriter
{
    /// <summary>The version of the schema the envelope follows, written as <c>schema_version</c>; it is also what
    /// the host puts in the <c>schema-version</c> Kafka header.</summary>
    public const string SchemaVersion = "1.0";

    // Most events fit; object.end with a long path or counts with many rules grow it once.
    private const int InitialBufferBytes = 2048;

    // Payloads go to Kafka and files, not into HTML, so only what JSON itself requires is escaped: a redacted URI's
    // '&' or a non-Latin zone name stays readable for consumers and for `streams events`.
    private static readonly JsonWriterOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly JsonEncodedText s_schemaVersion = JsonEncodedText.Encode(SchemaVersion);

    private readonly ArrayBufferWriter<byte> _buffer = new(InitialBufferBytes);
    private readonly Utf8JsonWriter _json;
    private readonly byte[] _pipeline;
    private readonly Dictionary<string, JsonEncodedText> _sourceUris;

    /// <summary>Creates a writer for the pipeline and streams <paramref name="context"/> describes.</summary>
    /// <exception cref="ArgumentException">The pipeline name or instance id is empty, a model has an empty id or
    /// version, or a source URI is empty.</exception>
    public EventEnvelopeWriter(EventEnvelopeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.PipelineName) || string.IsNullOrEmpty(context.InstanceId))
        {
            throw new ArgumentException("The envelope context needs a pipeline name and an instance id.", nameof(context));
        }

        ArgumentNullException.ThrowIfNull(context.Models, nameof(context));
        ArgumentNullException.ThrowIfNull(context.SourceUris, nameof(context));
        Context = context;
        _pipeline = EncodePipeline(context);
        _sourceUris = new Dictionary<string, JsonEncodedText>(context.SourceUris.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> source in context.SourceUris)
        {
            if (string.IsNullOrEmpty(source.Value))
            {
                throw new ArgumentException($"Stream '{source.Key}' has an empty source URI; leave it out instead.", nameof(context));
            }

            _sourceUris[source.Key] = JsonEncodedText.Encode(source.Value, s_options.Encoder);
        }

        _json = new Utf8JsonWriter(_buffer, s_options);
    }

    /// <summary>The pipeline and streams the envelopes describe.</summary>
    public EventEnvelopeContext Context { get; }

    /// <summary>The envelope of <paramref name="analyticsEvent"/>, as UTF-8 JSON: a new array, the call's only
    /// allocation, that the caller may keep (e.g. as an outgoing event's payload).</summary>
    /// <exception cref="NotSupportedException">The event is of a type the envelope has no mapping for.</exception>
    public byte[] Write(AnalyticsEvent analyticsEvent)
    {
        _buffer.ResetWrittenCount();
        Write(analyticsEvent, _buffer);
        return _buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends the envelope of <paramref name="analyticsEvent"/> to <paramref name="destination"/> as UTF-8
    /// JSON and returns its length in bytes. An unknown event type throws before anything is appended; any other
    /// failure (a non-finite number in a required field) may leave part of an envelope behind.</summary>
    /// <exception cref="NotSupportedException">The event is of a type the envelope has no mapping for.</exception>
    public int Write(AnalyticsEvent analyticsEvent, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(analyticsEvent);
        ArgumentNullException.ThrowIfNull(destination);

        // Decided before a byte is written, so that an unknown type leaves the destination untouched.
        JsonEncodedText type = TypeOf(analyticsEvent);
        _json.Reset(destination);
        try
        {
            WriteEnvelope(analyticsEvent, type);
            _json.Flush();
            return checked((int)_json.BytesCommitted);
        }
        finally
        {
            // Never hold on to the caller's buffer between calls.
            _json.Reset(_buffer);
        }
    }

    private static JsonEncodedText TypeOf(AnalyticsEvent e) => e switch
    {
        ObjectNewEvent => EnvelopeText.TypeObjectNew,
        ObjectUpdateEvent => EnvelopeText.TypeObjectUpdate,
        ObjectEndEvent => EnvelopeText.TypeObjectEnd,
        ZoneEnterEvent => EnvelopeText.TypeZoneEnter,
        ZoneExitEvent => EnvelopeText.TypeZoneExit,
        ZoneLoiterEvent => EnvelopeText.TypeZoneLoiter,
        LineCrossEvent => EnvelopeText.TypeLineCross,
        CountsEvent => EnvelopeText.TypeCounts,
        _ => throw new NotSupportedException(
            $"The event envelope v{SchemaVersion} has no mapping for {e.GetType().FullName} (type '{e.Type}'); add one to {nameof(EventEnvelopeWriter)} and to schemas/event-v1.schema.json."),
    };

    private void WriteEnvelope(AnalyticsEvent e, JsonEncodedText type)
    {
        Utf8JsonWriter w = _json;
        w.WriteStartObject();
        w.WriteString(EnvelopeText.SchemaVersion, s_schemaVersion);
        w.WriteString(EnvelopeText.Id, e.Id);
        w.WriteString(EnvelopeText.Type, type);
        w.WriteString(EnvelopeText.Time, e.WallTime.UtcDateTime);
        WriteSource(e);

        // Type patterns on sealed records: no boxing, no reflection.
        switch (e)
        {
            case ObjectNewEvent objectNew:
                WriteObject(objectNew.Object);
                w.WriteEndObject();
                break;

            case ObjectUpdateEvent update:
                WriteObject(update.Object);
                w.WriteEndObject();
                w.WriteStartObject(EnvelopeText.Analytics);
                w.WriteNumber(EnvelopeText.Update, update.Update);
                w.WriteEndObject();
                break;

            case ObjectEndEvent end:
                WriteObjectEnd(end);
                break;

            case ZoneEnterEvent enter:
                WriteObject(enter.Object);
                w.WriteEndObject();
                w.WriteStartObject(EnvelopeText.Analytics);
                w.WriteString(EnvelopeText.ZoneId, enter.ZoneId);
                w.WriteNumber(EnvelopeText.Visit, enter.Visit);
                w.WriteEndObject();
                break;

            case ZoneExitEvent exit:
                WriteObject(exit.Object);
                w.WriteEndObject();
                w.WriteStartObject(EnvelopeText.Analytics);
                w.WriteString(EnvelopeText.ZoneId, exit.ZoneId);
                w.WriteNumber(EnvelopeText.Visit, exit.Visit);
                w.WriteNumber(EnvelopeText.DwellSeconds, exit.DwellSeconds);
                w.WriteString(EnvelopeText.Reason, exit.Reason switch
                {
                    ZoneExitReason.Left => EnvelopeText.ReasonLeft,
                    ZoneExitReason.TrackEnded => EnvelopeText.ReasonTrackEnded,
                    _ => throw Unmapped(exit.Reason),
                });
                w.WriteEndObject();
                break;

            case ZoneLoiterEvent loiter:
                WriteObject(loiter.Object);
                w.WriteEndObject();
                w.WriteStartObject(EnvelopeText.Analytics);
                w.WriteString(EnvelopeText.ZoneId, loiter.ZoneId);
                w.WriteNumber(EnvelopeText.Visit, loiter.Visit);
                w.WriteNumber(EnvelopeText.DwellSeconds, loiter.DwellSeconds);
                w.WriteNumber(EnvelopeText.ThresholdSeconds, loiter.ThresholdSeconds);
                w.WriteEndObject();
                break;

            case LineCrossEvent cross:
                WriteObject(cross.Object);
                w.WriteEndObject();
                w.WriteStartObject(EnvelopeText.Analytics);
                w.WriteString(EnvelopeText.LineId, cross.LineId);
                w.WriteString(EnvelopeText.Direction, cross.IsIn ? EnvelopeText.DirectionIn : EnvelopeText.DirectionOut);
                w.WriteString(EnvelopeText.DirectionName, cross.Direction);
                w.WriteNumber(EnvelopeText.Crossing, cross.Crossing);
                w.WriteEndObject();
                break;

            case CountsEvent counts:
                WriteCounts(counts);
                break;

            default:
                // TypeOf has already refused every other type.
                throw new InvalidOperationException($"Unreachable: {e.GetType().FullName} passed the type check.");
        }

        w.WritePropertyName(EnvelopeText.Pipeline);
        w.WriteRawValue(_pipeline, skipInputValidation: true);
        w.WriteEndObject();
    }

    private void WriteSource(AnalyticsEvent e)
    {
        Utf8JsonWriter w = _json;
        w.WriteStartObject(EnvelopeText.Source);
        w.WriteString(EnvelopeText.StreamId, e.StreamId);
        if (_sourceUris.TryGetValue(e.StreamId, out JsonEncodedText uri))
        {
            w.WriteString(EnvelopeText.Uri, uri);
        }

        w.WriteNumber(EnvelopeText.Frame, e.Sequence);
        if (e.Pts is { } pts)
        {
            w.WriteNumber(EnvelopeText.Pts, pts.TotalSeconds);
        }
        else
        {
            w.WriteNull(EnvelopeText.Pts);
        }

        w.WriteNumber(EnvelopeText.StreamTime, e.StreamTime.TotalSeconds);
        w.WriteEndObject();
    }

    /// <summary>Writes the object's properties and leaves its section open, so that object.end can add its own.</summary>
    private void WriteObject(ObjectSnapshot o)
    {
        Utf8JsonWriter w = _json;
        w.WriteStartObject(EnvelopeText.Object);
        w.WriteNumber(EnvelopeText.TrackId, o.TrackId);
        w.WriteNumber(EnvelopeText.ClassId, o.ClassId);
        w.WriteString(EnvelopeText.Class, o.ClassName);
        w.WriteNumber(EnvelopeText.Confidence, o.Confidence);
        WriteBox(EnvelopeText.Box, o.Box);
        WriteNormalizedBox(o.NormalizedBox);
        WritePoint(EnvelopeText.Anchor, o.Anchor);
        if (o.GroundPosition is { } ground && float.IsFinite(ground.X) && float.IsFinite(ground.Y))
        {
            WritePoint(EnvelopeText.GroundPosition, ground);
        }

        if (o.SpeedPixelsPerSecond is { } pixelSpeed && double.IsFinite(pixelSpeed))
        {
            w.WriteNumber(EnvelopeText.SpeedPixelsPerSecond, pixelSpeed);
        }

        if (o.SpeedMetersPerSecond is { } groundSpeed && double.IsFinite(groundSpeed))
        {
            w.WriteNumber(EnvelopeText.SpeedMetersPerSecond, groundSpeed);
        }
    }

    private void WriteObjectEnd(ObjectEndEvent end)
    {
        Utf8JsonWriter w = _json;
        WriteObject(end.Object);
        w.WriteStartObject(EnvelopeText.Best);
        w.WriteNumber(EnvelopeText.Frame, end.BestSequence);
        w.WriteNumber(EnvelopeText.Confidence, end.BestConfidence);
        WriteBox(EnvelopeText.Box, end.BestBox);
        w.WriteEndObject();
        w.WriteStartArray(EnvelopeText.Attributes);
        IReadOnlyList<AttributeSummary> attributes = end.Attributes;
        for (int i = 0; i < attributes.Count; i++)
        {
            AttributeSummary a = attributes[i];
            w.WriteStartObject();
            w.WriteNumber(EnvelopeText.ModelIndex, a.ModelIndex);
            w.WriteNumber(EnvelopeText.ClassId, a.ClassId);
            if (a.Label is not null)
            {
                w.WriteString(EnvelopeText.Label, a.Label);
            }

            w.WriteNumber(EnvelopeText.Confidence, a.Confidence);
            w.WriteNumber(EnvelopeText.Votes, a.Votes);
            w.WriteNumber(EnvelopeText.Observations, a.Observations);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (end.Snapshot is { } snapshot)
        {
            w.WriteStartObject(EnvelopeText.Snapshot);
            w.WriteString(EnvelopeText.Path, snapshot.Path);
            w.WriteNumber(EnvelopeText.Width, snapshot.Width);
            w.WriteNumber(EnvelopeText.Height, snapshot.Height);
            w.WriteEndObject();
        }

        w.WriteEndObject();

        w.WriteStartObject(EnvelopeText.Analytics);
        w.WriteString(EnvelopeText.Reason, end.Reason switch
        {
            ObjectEndReason.Lost => EnvelopeText.ReasonLost,
            ObjectEndReason.EndOfStream => EnvelopeText.ReasonEndOfStream,
            _ => throw Unmapped(end.Reason),
        });
        WriteSighting(EnvelopeText.FirstSeen, end.FirstSequence, end.FirstSeen, end.FirstSeenWallTime);
        WriteSighting(EnvelopeText.LastSeen, end.LastSequence, end.LastSeen, end.LastSeenWallTime);
        w.WriteNumber(EnvelopeText.Sightings, end.Sightings);
        w.WriteStartArray(EnvelopeText.Path);
        IReadOnlyList<Point2D> path = end.Path;
        for (int i = 0; i < path.Count; i++)
        {
            WritePoint(path[i]);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteCounts(CountsEvent counts)
    {
        Utf8JsonWriter w = _json;
        w.WriteStartObject(EnvelopeText.Analytics);
        w.WriteNumber(EnvelopeText.Report, counts.Report);
        w.WriteBoolean(EnvelopeText.Final, counts.IsFinal);
        w.WriteStartArray(EnvelopeText.Lines);
        IReadOnlyList<LineCounts> lines = counts.Lines;
        for (int i = 0; i < lines.Count; i++)
        {
            LineCounts line = lines[i];
            w.WriteStartObject();
            w.WriteString(EnvelopeText.LineId, line.LineId);
            w.WriteString(EnvelopeText.Direction, line.IsIn ? EnvelopeText.DirectionIn : EnvelopeText.DirectionOut);
            w.WriteString(EnvelopeText.DirectionName, line.Direction);
            w.WriteNumber(EnvelopeText.Total, line.Total);
            WriteClassCounts(line.ByClass);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray(EnvelopeText.Zones);
        IReadOnlyList<ZoneOccupancy> zones = counts.Zones;
        for (int i = 0; i < zones.Count; i++)
        {
            ZoneOccupancy zone = zones[i];
            w.WriteStartObject();
            w.WriteString(EnvelopeText.ZoneId, zone.ZoneId);
            w.WriteNumber(EnvelopeText.Occupancy, zone.Occupancy);
            w.WriteNumber(EnvelopeText.Visits, zone.Visits);
            WriteClassCounts(zone.ByClass);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteClassCounts(IReadOnlyList<ClassCount> byClass)
    {
        Utf8JsonWriter w = _json;
        w.WriteStartArray(EnvelopeText.ByClass);
        for (int i = 0; i < byClass.Count; i++)
        {
            ClassCount c = byClass[i];
            w.WriteStartObject();
            w.WriteNumber(EnvelopeText.ClassId, c.ClassId);
            w.WriteString(EnvelopeText.Class, c.ClassName);
            w.WriteNumber(EnvelopeText.Count, c.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private void WriteSighting(JsonEncodedText name, long frame, TimeSpan streamTime, DateTimeOffset wallTime)
    {
        Utf8JsonWriter w = _json;
        w.WriteStartObject(name);
        w.WriteNumber(EnvelopeText.Frame, frame);
        w.WriteNumber(EnvelopeText.StreamTime, streamTime.TotalSeconds);
        w.WriteString(EnvelopeText.Time, wallTime.UtcDateTime);
        w.WriteEndObject();
    }

    private void WriteBox(JsonEncodedText name, BoxF box)
    {
        Utf8JsonWriter w = _json;
        w.WriteStartObject(name);
        w.WriteNumber(EnvelopeText.Left, box.Left);
        w.WriteNumber(EnvelopeText.Top, box.Top);
        w.WriteNumber(EnvelopeText.Width, box.Width);
        w.WriteNumber(EnvelopeText.Height, box.Height);
        w.WriteEndObject();
    }

    private void WriteNormalizedBox(BoxF box)
    {
        (float left, float width) = ClipToUnit(box.Left, box.Width);
        (float top, float height) = ClipToUnit(box.Top, box.Height);
        WriteBox(EnvelopeText.BoxNormalized, new BoxF(left, top, width, height));
    }

    /// <summary>Clips one axis of a normalised box to 0..1.</summary>
    /// <remarks>Within the frame (the usual case) the analytics' own fractions go out untouched: recomputing the
    /// size from clipped edges would change it by rounding even where nothing was clipped.</remarks>
    private static (float Start, float Size) ClipToUnit(float start, float size)
    {
        float end = start + size;
        if (start >= 0 && size >= 0 && end <= 1)
        {
            return (start, size);
        }

        float clippedStart = Math.Clamp(start, 0f, 1f);
        return (clippedStart, Math.Clamp(end, clippedStart, 1f) - clippedStart);
    }

    private void WritePoint(JsonEncodedText name, Point2D point)
    {
        _json.WritePropertyName(name);
        WritePoint(point);
    }

    private void WritePoint(Point2D point)
    {
        Utf8JsonWriter w = _json;
        w.WriteStartObject();
        w.WriteNumber(EnvelopeText.X, point.X);
        w.WriteNumber(EnvelopeText.Y, point.Y);
        w.WriteEndObject();
    }

    private static InvalidOperationException Unmapped<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        new($"The event envelope v{SchemaVersion} has no value for {typeof(TEnum).Name}.{value}; add one to {nameof(EventEnvelopeWriter)} and to schemas/event-v1.schema.json.");

    /// <summary>The constant <c>pipeline</c> section, encoded once and copied into every envelope.</summary>
    private static byte[] EncodePipeline(EventEnvelopeContext context)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            w.WriteStartObject();
            w.WriteString(EnvelopeText.Name, context.PipelineName);
            w.WriteString(EnvelopeText.InstanceId, context.InstanceId);
            w.WriteStartArray(EnvelopeText.Models);
            foreach (ModelVersion model in context.Models)
            {
                if (model is null || string.IsNullOrEmpty(model.Id) || string.IsNullOrEmpty(model.Version))
                {
                    throw new ArgumentException("Every model in the envelope context needs an id and a version.", nameof(context));
                }

                w.WriteStartObject();
                w.WriteString(EnvelopeText.Id, model.Id);
                w.WriteString(EnvelopeText.Version, model.Version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
