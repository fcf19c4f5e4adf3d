using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Streams.Analytics.Envelope;
using Streams.Analytics.Tests.Support;
using Streams.Runtime;
using static Streams.Analytics.Tests.Support.Drive;

namespace Streams.Analytics.Tests;

/// <summary>
/// The JSON envelope: events of every type, raised by the real analytics, written by <see cref="EventEnvelopeWriter"/>
/// and validated against <c>schemas/event-v1.schema.json</c>, the file consumers are given.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class EventEnvelopeTests
{
    private const string RedactedUri = "rtsp://***@10.0.0.5:554/live?channel=1&token=***";

    private static readonly JsonSchemaValidator s_schema = JsonSchemaValidator.FromFile(SchemaPath());

    private static readonly EventEnvelopeContext s_context = new()
    {
        PipelineName = "traffic",
        InstanceId = "node-a",
        Models = [new ModelVersion("detector", "yolo11n-2025.1"), new ModelVersion("vehicle-color", "v3")],
        SourceUris = new Dictionary<string, string> { ["cam"] = RedactedUri },
    };

    // One run that raises every type: track 1 (a car) drives into the dock, waits there past the loitering threshold,
    // drives out and across the gate; track 2 (a person) stands with its box past the left edge of the frame.
    private static readonly List<AnalyticsEvent> s_events = RunScenario();

    [Fact]
    public void An_event_of_every_type_from_the_analytics_validates_against_the_schema()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var writer = new EventEnvelopeWriter(s_context);
        foreach (AnalyticsEvent e in s_events)
        {
            seen.Add(e.Type);
            byte[] json = writer.Write(e);
            foreach (SchemaValidationError error in s_schema.Validate(json))
            {
                failures.Add($"{e.Id}: {error}\n  {Encoding.UTF8.GetString(json)}");
            }
        }

        Assert.Equal(EventTypeConstants().Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Empty(failures);
    }

    [Fact]
    public void The_envelope_carries_the_event_s_id_time_source_object_and_pipeline()
    {
        LineCrossEvent cross = Assert.Single(OfType<LineCrossEvent>(s_events));

        byte[] json = new EventEnvelopeWriter(s_context).Write(cross);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;

        Assert.Equal((EventEnvelopeWriter.SchemaVersion, $"cam:{Epoch}:1:line.cross/gate:1", "line.cross"), (Text(root, "schema_version"), Text(root, "id"), Text(root, "type")));
        string time = Text(root, "time");
        Assert.EndsWith("Z", time, StringComparison.Ordinal);
        Assert.Equal(cross.WallTime, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture));

        JsonElement source = root.GetProperty("source");
        Assert.Equal(("cam", RedactedUri), (Text(source, "stream_id"), Text(source, "uri")));
        Assert.Contains("&token=***", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Equal(cross.Sequence, source.GetProperty("frame").GetInt64());
        Assert.Equal(cross.Pts!.Value.TotalSeconds, source.GetProperty("pts").GetDouble());
        Assert.Equal(cross.StreamTime.TotalSeconds, source.GetProperty("stream_time").GetDouble());

        JsonElement o = root.GetProperty("object");
        Assert.Equal((1L, 2, "car", 0.9f), (o.GetProperty("track_id").GetInt64(), o.GetProperty("class_id").GetInt32(), Text(o, "class"), o.GetProperty("confidence").GetSingle()));
        Assert.Equal(cross.Object.Box, Box(o.GetProperty("box")));
        Assert.Equal(cross.Object.NormalizedBox, Box(o.GetProperty("box_normalized")));
        Assert.Equal(cross.Object.Anchor, Point(o.GetProperty("anchor")));
        Assert.Equal(cross.Object.GroundPosition!.Value, Point(o.GetProperty("ground_position")));
        Assert.Equal(cross.Object.SpeedPixelsPerSecond!.Value, o.GetProperty("speed_px_per_s").GetDouble());
        Assert.Equal(cross.Object.SpeedMetersPerSecond!.Value, o.GetProperty("speed_m_per_s").GetDouble());

        JsonElement analytics = root.GetProperty("analytics");
        Assert.Equal(("gate", "in", "eastbound", 1), (Text(analytics, "line_id"), Text(analytics, "direction"), Text(analytics, "direction_name"), analytics.GetProperty("crossing").GetInt32()));

        JsonElement pipeline = root.GetProperty("pipeline");
        Assert.Equal(("traffic", "node-a"), (Text(pipeline, "name"), Text(pipeline, "instance_id")));
        Assert.Equal(
            ["detector yolo11n-2025.1", "vehicle-color v3"],
            pipeline.GetProperty("models").EnumerateArray().Select(m => $"{Text(m, "id")} {Text(m, "version")}"));
    }

    [Fact]
    public void Zone_events_carry_the_zone_visit_dwell_and_reason()
    {
        var writer = new EventEnvelopeWriter(s_context);
        ZoneLoiterEvent loiter = Assert.Single(OfType<ZoneLoiterEvent>(s_events));
        ZoneExitEvent exit = Assert.Single(OfType<ZoneExitEvent>(s_events));

        JsonElement loitering = Parse(writer.Write(loiter)).GetProperty("analytics");
        JsonElement leaving = Parse(writer.Write(exit)).GetProperty("analytics");

        Assert.Equal(("dock", 1, 1.0, 1.0), (Text(loitering, "zone_id"), loitering.GetProperty("visit").GetInt32(), loitering.GetProperty("dwell_seconds").GetDouble(), loitering.GetProperty("threshold_seconds").GetDouble()));
        Assert.Equal(("dock", 1, exit.DwellSeconds, "left"), (Text(leaving, "zone_id"), leaving.GetProperty("visit").GetInt32(), leaving.GetProperty("dwell_seconds").GetDouble(), Text(leaving, "reason")));
    }

    [Fact]
    public void Object_end_carries_the_track_summary_and_the_attributes()
    {
        ObjectEndEvent end = OfType<ObjectEndEvent>(s_events).Single(e => e.Object.TrackId == 1);

        JsonElement root = Parse(new EventEnvelopeWriter(s_context).Write(end));

        JsonElement o = root.GetProperty("object");
        JsonElement best = o.GetProperty("best");
        Assert.Equal((end.BestSequence, end.BestConfidence, end.BestBox), (best.GetProperty("frame").GetInt64(), best.GetProperty("confidence").GetSingle(), Box(best.GetProperty("box"))));
        JsonElement[] attributes = [.. o.GetProperty("attributes").EnumerateArray()];
        Assert.Equal(2, attributes.Length);
        AttributeSummary blue = end.Attributes[0];
        Assert.Equal((0, 1, "blue", blue.Confidence, 15, 15), (attributes[0].GetProperty("model_index").GetInt32(), attributes[0].GetProperty("class_id").GetInt32(), Text(attributes[0], "label"), attributes[0].GetProperty("confidence").GetSingle(), attributes[0].GetProperty("votes").GetInt32(), attributes[0].GetProperty("observations").GetInt32()));

        // A model without configured labels: the label is left out, not null.
        Assert.Equal((1, 3), (attributes[1].GetProperty("model_index").GetInt32(), attributes[1].GetProperty("class_id").GetInt32()));
        Assert.False(attributes[1].TryGetProperty("label", out _));

        JsonElement analytics = root.GetProperty("analytics");
        Assert.Equal(("end_of_stream", end.Sightings), (Text(analytics, "reason"), analytics.GetProperty("sightings").GetInt32()));
        Assert.Equal((end.FirstSequence, end.FirstSeen.TotalSeconds), (analytics.GetProperty("first_seen").GetProperty("frame").GetInt64(), analytics.GetProperty("first_seen").GetProperty("stream_time").GetDouble()));
        Assert.Equal(end.LastSeenWallTime, analytics.GetProperty("last_seen").GetProperty("time").GetDateTimeOffset());
        Assert.Equal(end.Path, analytics.GetProperty("path").EnumerateArray().Select(Point));
    }

    [Fact]
    public void Counts_carry_both_directions_of_each_line_and_each_zone_by_class()
    {
        CountsEvent final = OfType<CountsEvent>(s_events).Single(c => c.IsFinal);

        JsonElement analytics = Parse(new EventEnvelopeWriter(s_context).Write(final)).GetProperty("analytics");

        Assert.True(analytics.GetProperty("final").GetBoolean());
        Assert.Equal(final.Report, analytics.GetProperty("report").GetInt32());
        Assert.Equal(
            ["gate in eastbound 1 [2 car 1]", "gate out westbound 0 []"],
            analytics.GetProperty("lines").EnumerateArray().Select(l => $"{Text(l, "line_id")} {Text(l, "direction")} {Text(l, "direction_name")} {l.GetProperty("total").GetInt64()} [{ClassCounts(l)}]"));
        JsonElement zone = Assert.Single(analytics.GetProperty("zones").EnumerateArray());
        Assert.Equal(("dock", 0, 1L), (Text(zone, "zone_id"), zone.GetProperty("occupancy").GetInt32(), zone.GetProperty("visits").GetInt64()));
    }

    [Fact]
    public void A_box_past_the_frame_edge_is_clipped_in_normalised_coordinates_only()
    {
        ObjectNewEvent person = OfType<ObjectNewEvent>(s_events).Single(e => e.Object.TrackId == 2);
        Assert.True(person.Object.NormalizedBox.Left < 0, "the scenario should put the box past the left edge");

        JsonElement o = Parse(new EventEnvelopeWriter(s_context).Write(person)).GetProperty("object");

        Assert.Equal(person.Object.Box, Box(o.GetProperty("box")));
        BoxF normalized = Box(o.GetProperty("box_normalized"));
        Assert.Equal(0f, normalized.Left);
        Assert.Equal(person.Object.NormalizedBox.Right, normalized.Width, 6);
        Assert.Equal((person.Object.NormalizedBox.Top, person.Object.NormalizedBox.Height), (normalized.Top, normalized.Height));
    }

    [Fact]
    public void Sections_that_do_not_apply_are_absent_and_fields_come_in_a_fixed_order()
    {
        var writer = new EventEnvelopeWriter(s_context);
        foreach (AnalyticsEvent e in s_events)
        {
            JsonElement root = Parse(writer.Write(e));
            string[] expected = e switch
            {
                ObjectNewEvent => ["schema_version", "id", "type", "time", "source", "object", "pipeline"],
                CountsEvent => ["schema_version", "id", "type", "time", "source", "analytics", "pipeline"],
                _ => ["schema_version", "id", "type", "time", "source", "object", "analytics", "pipeline"],
            };
            Assert.Equal(expected, root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(["stream_id", "uri", "frame", "pts", "stream_time"], root.GetProperty("source").EnumerateObject().Select(p => p.Name));
            Assert.Empty(NullsIn(root, string.Empty));
        }

        // Before there is a past to compare, a track has no speed: the field is left out, not null.
        JsonElement first = Parse(writer.Write(s_events[0])).GetProperty("object");
        Assert.Equal(
            ["track_id", "class_id", "class", "confidence", "box", "box_normalized", "anchor", "ground_position"],
            first.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void An_object_end_with_a_snapshot_writes_object_snapshot_and_validates()
    {
        ObjectEndEvent end = OfType<ObjectEndEvent>(s_events)[0] with { Snapshot = new SnapshotReference("cam/1.jpg", 64, 48, 12) };

        byte[] json = new EventEnvelopeWriter(s_context).Write(end);

        Assert.Empty(s_schema.Validate(json));
        JsonElement snapshot = Parse(json).GetProperty("object").GetProperty("snapshot");
        Assert.Equal("cam/1.jpg", snapshot.GetProperty("path").GetString());
        Assert.Equal(64, snapshot.GetProperty("width").GetInt32());
        Assert.Equal(48, snapshot.GetProperty("height").GetInt32());
        Assert.False(Parse(new EventEnvelopeWriter(s_context).Write(end with { Snapshot = null })).GetProperty("object").TryGetProperty("snapshot", out _));
    }

    [Fact]
    public void A_frame_without_pts_and_a_stream_without_a_uri_still_validate()
    {
        ObjectNewEvent e = Assert.IsType<ObjectNewEvent>(s_events[0]) with { StreamId = "cam-2", Pts = null };

        byte[] json = new EventEnvelopeWriter(s_context).Write(e);

        Assert.Empty(s_schema.Validate(json));
        JsonElement source = Parse(json).GetProperty("source");
        Assert.Equal(JsonValueKind.Null, source.GetProperty("pts").ValueKind);
        Assert.False(source.TryGetProperty("uri", out _));
    }

    [Theory]
    [InlineData(EventTypes.ObjectNew, "remove", "/object", "")]
    [InlineData(EventTypes.ObjectNew, "set", "/type", "/type")]
    [InlineData(EventTypes.ObjectNew, "remove", "/pipeline", "")]
    [InlineData(EventTypes.ObjectNew, "set", "/extra", "/extra")]
    [InlineData(EventTypes.ObjectNew, "set", "/analytics", "/analytics")]
    [InlineData(EventTypes.ObjectNew, "set", "/schema_version", "/schema_version")]
    [InlineData(EventTypes.ObjectNew, "set", "/time", "/time")]
    [InlineData(EventTypes.ObjectNew, "set", "/object/confidence", "/object/confidence")]
    [InlineData(EventTypes.ObjectNew, "set", "/object/box_normalized/left", "/object/box_normalized/left")]
    [InlineData(EventTypes.ObjectNew, "remove", "/source/pts", "/source")]
    [InlineData(EventTypes.LineCross, "set", "/analytics/direction", "/analytics/direction")]
    [InlineData(EventTypes.LineCross, "remove", "/analytics", "")]
    [InlineData(EventTypes.ZoneExit, "set", "/analytics/reason", "/analytics/reason")]
    [InlineData(EventTypes.ZoneLoiter, "remove", "/analytics/threshold_seconds", "/analytics")]
    [InlineData(EventTypes.ObjectEnd, "remove", "/object/best", "/object")]
    [InlineData(EventTypes.ObjectEnd, "set", "/analytics/path", "/analytics/path")]
    [InlineData(EventTypes.Counts, "set", "/object", "/object")]
    [InlineData(EventTypes.Counts, "set", "/analytics/lines/0/total", "/analytics/lines/0/total")]
    public void A_broken_document_fails_validation_where_it_is_broken(string type, string change, string path, string expectedPath)
    {
        AnalyticsEvent e = s_events.First(x => x.Type == type);
        JsonObject document = JsonNode.Parse(new EventEnvelopeWriter(s_context).Write(e))!.AsObject();
        Assert.Empty(s_schema.Validate(document.ToJsonString()));

        (JsonObject parent, string name) = Locate(document, path);
        if (change == "remove")
        {
            Assert.True(parent.Remove(name), $"{path} should exist");
        }
        else
        {
            parent[name] = BrokenValue(path);
        }

        IReadOnlyList<SchemaValidationError> errors = s_schema.Validate(document.ToJsonString());

        Assert.True(errors.Any(x => x.InstancePath == expectedPath), $"{type} {change} {path}: expected an error at '{expectedPath}', got: {string.Join("; ", errors)}");
    }

    [Theory]
    [InlineData("set", "/object/track_id", "\"7\"", "/object/track_id", "type")]
    [InlineData("remove", "/id", null, "", "required")]
    [InlineData("set", "/time", "\"2025-02-30T12:00:00Z\"", "/time", "format")]
    public void A_real_event_with_a_wrong_type_a_missing_field_or_a_time_that_is_no_date_is_rejected(
        string change, string path, string? json, string expectedPath, string keyword)
    {
        JsonObject document = JsonNode.Parse(new EventEnvelopeWriter(s_context).Write(s_events[0]))!.AsObject();
        (JsonObject parent, string name) = Locate(document, path);
        if (change == "remove")
        {
            Assert.True(parent.Remove(name), $"{path} should exist");
        }
        else
        {
            Assert.True(parent.ContainsKey(name), $"{path} should exist");
            parent[name] = JsonNode.Parse(json!);
        }

        IReadOnlyList<SchemaValidationError> errors = s_schema.Validate(document.ToJsonString());

        // The time keeps the schema's pattern: only the asserted date-time format can catch February 30th.
        Assert.True(errors.Any(e => e.InstancePath == expectedPath && e.SchemaPath.EndsWith("/" + keyword, StringComparison.Ordinal)),
            $"{change} {path}: expected a '{keyword}' error at '{expectedPath}', got: {string.Join("; ", errors)}");
    }

    [Fact]
    public void The_schema_enumerates_exactly_the_event_types()
    {
        JsonElement enumerated = s_schema.Schema.GetProperty("properties").GetProperty("type").GetProperty("enum");

        Assert.Equal(
            EventTypeConstants().Order(StringComparer.Ordinal),
            enumerated.EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal));

        // And each type has its rule in allOf, so that no type escapes its per-type constraints.
        string[] ruled = [.. s_schema.Schema.GetProperty("allOf").EnumerateArray()
            .Select(rule => rule.GetProperty("if").GetProperty("properties").GetProperty("type").GetProperty("const").GetString()!)];
        Assert.Equal(EventTypeConstants().Order(StringComparer.Ordinal), ruled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_event_type_is_refused_before_anything_is_written()
    {
        var destination = new ArrayBufferWriter<byte>();
        var writer = new EventEnvelopeWriter(s_context);
        var alien = new AlienEvent { Id = "cam:0:alien:1", StreamId = "cam", Sequence = 0, StreamTime = TimeSpan.Zero, WallTime = Start };

        NotSupportedException e = Assert.Throws<NotSupportedException>(() => writer.Write(alien, destination));

        Assert.Contains(nameof(AlienEvent), e.Message, StringComparison.Ordinal);
        Assert.Contains("'alien'", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, destination.WrittenCount);

        // The writer is still good afterwards.
        Assert.Empty(s_schema.Validate(writer.Write(s_events[0])));
    }

    [Fact]
    public void A_context_without_a_pipeline_name_or_with_an_unversioned_model_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new EventEnvelopeWriter(s_context with { PipelineName = "" }));
        Assert.Throws<ArgumentException>(() => new EventEnvelopeWriter(s_context with { Models = [new ModelVersion("detector", "")] }));
        Assert.Throws<ArgumentException>(() => new EventEnvelopeWriter(s_context with { SourceUris = new Dictionary<string, string> { ["cam"] = "" } }));
    }

    [Fact]
    public void Writing_reuses_the_writer_and_allocates_only_the_returned_array()
    {
        var writer = new EventEnvelopeWriter(s_context);
        var destination = new ArrayBufferWriter<byte>(64 * 1024);
        foreach (AnalyticsEvent e in s_events)
        {
            destination.ResetWrittenCount();
            int written = writer.Write(e, destination);
            Assert.Equal(writer.Write(e), destination.WrittenSpan.ToArray());
            Assert.Equal(destination.WrittenCount, written);
        }

        // Appending to a caller's buffer allocates nothing; the byte[] overload only its result.
        AnalyticsEvent end = OfType<ObjectEndEvent>(s_events)[0];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            destination.ResetWrittenCount();
            writer.Write(end, destination);
        }

        long appended = GC.GetAllocatedBytesForCurrentThread() - before;
        int length = writer.Write(end).Length;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            writer.Write(end);
        }

        long returned = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(appended < 1024, $"100 appends allocated {appended} bytes");
        Assert.True(returned < 100 * (length + 64) + 1024, $"100 writes of {length} bytes allocated {returned} bytes");
    }

    private static List<AnalyticsEvent> RunScenario()
    {
        var options = new AnalyticsStageOptions
        {
            Zones = [new ZoneRuleOptions { Id = "dock", Polygon = [new(100, 100), new(300, 100), new(300, 300), new(100, 300)], LoiterAfter = TimeSpan.FromSeconds(1) }],
            Lines = [new LineRuleOptions { Id = "gate", Points = [new(500, 600), new(500, 100)], NameIn = "eastbound", NameOut = "westbound" }],
            ObjectUpdateInterval = TimeSpan.FromSeconds(1),
            CountsInterval = TimeSpan.FromSeconds(1),
            ClassNames = ["person", "bicycle", "car"],
            AttributeLabels = [["red", "blue"]],
            GroundPlane = new GroundPlaneOptions
            {
                ImagePoints = [new(0, 0), new(100, 0), new(100, 100), new(0, 100)],
                GroundPoints = [new(0, 0), new(10, 0), new(10, 10), new(0, 10)],
            },
        };
        var analytics = NewAnalytics(options);
        var events = new List<AnalyticsEvent>();
        for (int f = 0; f < 120; f++)
        {
            float x = f <= 20 ? 10 * f : f <= 70 ? 200 : 200 + (10 * (f - 70));
            DetectedObject[] objects = [At(x, 200, 1), At(10, 710, 2, classId: 0, width: 40, height: 60)];

            // Model 0 (labelled) and model 1 (no labels configured) on the car every 8th frame.
            ObjectAttribute[] attributes = f % 8 == 0 ? [new ObjectAttribute(0, 0, 1, 0.8f), new ObjectAttribute(0, 1, 3, 0.7f)] : [];
            analytics.Process(new AnalyticsFrame(f, PtsOf(f), Start + PtsOf(f), Width, Height), objects, attributes, events);
        }

        analytics.End(events);
        return events;
    }

    private static string SchemaPath()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
            {
                return Path.Combine(dir.FullName, "schemas", "event-v1.schema.json");
            }
        }

        throw new InvalidOperationException($"No Streams.sln above {AppContext.BaseDirectory}.");
    }

    private static string[] EventTypeConstants() =>
        [.. typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    private static JsonElement Parse(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    private static BoxF Box(JsonElement box) =>
        new(box.GetProperty("left").GetSingle(), box.GetProperty("top").GetSingle(), box.GetProperty("width").GetSingle(), box.GetProperty("height").GetSingle());

    private static Point2D Point(JsonElement point) => new(point.GetProperty("x").GetSingle(), point.GetProperty("y").GetSingle());

    private static string ClassCounts(JsonElement counts) =>
        string.Join(", ", counts.GetProperty("by_class").EnumerateArray().Select(c => $"{c.GetProperty("class_id").GetInt32()} {Text(c, "class")} {c.GetProperty("count").GetInt64()}"));

    /// <summary>JSON pointers of the nulls in <paramref name="element"/>, other than source.pts (null by contract when a frame has no PTS).</summary>
    private static List<string> NullsIn(JsonElement element, string at)
    {
        var nulls = new List<string>();
        switch (element.ValueKind)
        {
            case JsonValueKind.Null when at != "/source/pts":
                nulls.Add(at);
                break;
            case JsonValueKind.Object:
                foreach (JsonProperty p in element.EnumerateObject())
                {
                    nulls.AddRange(NullsIn(p.Value, at + "/" + p.Name));
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    nulls.AddRange(NullsIn(item, $"{at}/{i++}"));
                }

                break;
            default:
                break;
        }

        return nulls;
    }

    private static (JsonObject Parent, string Name) Locate(JsonObject document, string path)
    {
        string[] tokens = path[1..].Split('/');
        JsonNode parent = document;
        for (int i = 0; i < tokens.Length - 1; i++)
        {
            parent = int.TryParse(tokens[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) ? parent[index]! : parent[tokens[i]]!;
        }

        return (parent.AsObject(), tokens[^1]);
    }

    /// <summary>A value that breaks the schema at <paramref name="path"/>.</summary>
    private static JsonNode BrokenValue(string path) => path switch
    {
        "/type" => "object.created",
        "/extra" => 1,
        "/analytics" => new JsonObject { ["update"] = 1 },
        "/schema_version" => "2.0",
        "/time" => "2025-01-01T12:00:00+01:00",
        "/object/confidence" => 1.5,
        "/object/box_normalized/left" => -0.01,
        "/analytics/direction" => "up",
        "/analytics/reason" => "vanished",
        "/analytics/path" => new JsonArray(),
        "/object" => new JsonObject(),
        "/analytics/lines/0/total" => 1.5,
        _ => throw new ArgumentException($"No broken value for {path}.", nameof(path)),
    };

    private sealed record AlienEvent : AnalyticsEvent
    {
        public override string Type => "alien";
    }
}
