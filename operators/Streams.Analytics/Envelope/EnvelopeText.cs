using System.Text.Json;

namespace Streams.Analytics.Envelope;

/// <summary>
/// The envelope's property names and fixed values, encoded once: writing a <see cref="JsonEncodedText"/> copies
/// bytes, where a string would be transcoded and escaped on every event. The names are the contract of
/// <c>schemas/event-v1.schema.json</c>; change them only with it.
/// </summary>
internal static class EnvelopeText
{
    // Envelope.
    public static readonly JsonEncodedText SchemaVersion = JsonEncodedText.Encode("schema_version");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    public static readonly JsonEncodedText Object = JsonEncodedText.Encode("object");
    public static readonly JsonEncodedText Analytics = JsonEncodedText.Encode("analytics");
    public static readonly JsonEncodedText Pipeline = JsonEncodedText.Encode("pipeline");

    // Source, and the sightings of object.end.
    public static readonly JsonEncodedText StreamId = JsonEncodedText.Encode("stream_id");
    public static readonly JsonEncodedText Uri = JsonEncodedText.Encode("uri");
    public static readonly JsonEncodedText Frame = JsonEncodedText.Encode("frame");
    public static readonly JsonEncodedText Pts = JsonEncodedText.Encode("pts");
    public static readonly JsonEncodedText StreamTime = JsonEncodedText.Encode("stream_time");

    // Object.
    public static readonly JsonEncodedText TrackId = JsonEncodedText.Encode("track_id");
    public static readonly JsonEncodedText ClassId = JsonEncodedText.Encode("class_id");
    public static readonly JsonEncodedText Class = JsonEncodedText.Encode("class");
    public static readonly JsonEncodedText Confidence = JsonEncodedText.Encode("confidence");
    public static readonly JsonEncodedText Box = JsonEncodedText.Encode("box");
    public static readonly JsonEncodedText BoxNormalized = JsonEncodedText.Encode("box_normalized");
    public static readonly JsonEncodedText Anchor = JsonEncodedText.Encode("anchor");
    public static readonly JsonEncodedText GroundPosition = JsonEncodedText.Encode("ground_position");
    public static readonly JsonEncodedText SpeedPixelsPerSecond = JsonEncodedText.Encode("speed_px_per_s");
    public static readonly JsonEncodedText SpeedMetersPerSecond = JsonEncodedText.Encode("speed_m_per_s");
    public static readonly JsonEncodedText Best = JsonEncodedText.Encode("best");
    public static readonly JsonEncodedText Attributes = JsonEncodedText.Encode("attributes");
    public static readonly JsonEncodedText Left = JsonEncodedText.Encode("left");
    public static readonly JsonEncodedText Top = JsonEncodedText.Encode("top");
    public static readonly JsonEncodedText Width = JsonEncodedText.Encode("width");
    public static readonly JsonEncodedText Height = JsonEncodedText.Encode("height");
    public static readonly JsonEncodedText X = JsonEncodedText.Encode("x");
    public static readonly JsonEncodedText Y = JsonEncodedText.Encode("y");
    public static readonly JsonEncodedText ModelIndex = JsonEncodedText.Encode("model_index");
    public static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    public static readonly JsonEncodedText Votes = JsonEncodedText.Encode("votes");
    public static readonly JsonEncodedText Observations = JsonEncodedText.Encode("observations");
    public static readonly JsonEncodedText Snapshot = JsonEncodedText.Encode("snapshot");

    // Analytics.
    public static readonly JsonEncodedText Update = JsonEncodedText.Encode("update");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText FirstSeen = JsonEncodedText.Encode("first_seen");
    public static readonly JsonEncodedText LastSeen = JsonEncodedText.Encode("last_seen");
    public static readonly JsonEncodedText Sightings = JsonEncodedText.Encode("sightings");
    public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
    public static readonly JsonEncodedText ZoneId = JsonEncodedText.Encode("zone_id");
    public static readonly JsonEncodedText Visit = JsonEncodedText.Encode("visit");
    public static readonly JsonEncodedText DwellSeconds = JsonEncodedText.Encode("dwell_seconds");
    public static readonly JsonEncodedText ThresholdSeconds = JsonEncodedText.Encode("threshold_seconds");
    public static readonly JsonEncodedText LineId = JsonEncodedText.Encode("line_id");
    public static readonly JsonEncodedText Direction = JsonEncodedText.Encode("direction");
    public static readonly JsonEncodedText DirectionName = JsonEncodedText.Encode("direction_name");
    public static readonly JsonEncodedText Crossing = JsonEncodedText.Encode("crossing");
    public static readonly JsonEncodedText Report = JsonEncodedText.Encode("report");
    public static readonly JsonEncodedText Final = JsonEncodedText.Encode("final");
    public static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
    public static readonly JsonEncodedText Zones = JsonEncodedText.Encode("zones");
    public static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
    public static readonly JsonEncodedText ByClass = JsonEncodedText.Encode("by_class");
    public static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");
    public static readonly JsonEncodedText Occupancy = JsonEncodedText.Encode("occupancy");
    public static readonly JsonEncodedText Visits = JsonEncodedText.Encode("visits");

    // Pipeline.
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    public static readonly JsonEncodedText InstanceId = JsonEncodedText.Encode("instance_id");
    public static readonly JsonEncodedText Models = JsonEncodedText.Encode("models");
    public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");

    // Values: event types (EventTypes), directions, and the reasons' snake_case names.
    public static readonly JsonEncodedText TypeObjectNew = JsonEncodedText.Encode(EventTypes.ObjectNew);
    public static readonly JsonEncodedText TypeObjectUpdate = JsonEncodedText.Encode(EventTypes.ObjectUpdate);
    public static readonly JsonEncodedText TypeObjectEnd = JsonEncodedText.Encode(EventTypes.ObjectEnd);
    public static readonly JsonEncodedText TypeZoneEnter = JsonEncodedText.Encode(EventTypes.ZoneEnter);
    public static readonly JsonEncodedText TypeZoneExit = JsonEncodedText.Encode(EventTypes.ZoneExit);
    public static readonly JsonEncodedText TypeZoneLoiter = JsonEncodedText.Encode(EventTypes.ZoneLoiter);
    public static readonly JsonEncodedText TypeLineCross = JsonEncodedText.Encode(EventTypes.LineCross);
    public static readonly JsonEncodedText TypeCounts = JsonEncodedText.Encode(EventTypes.Counts);
    public static readonly JsonEncodedText DirectionIn = JsonEncodedText.Encode("in");
    public static readonly JsonEncodedText DirectionOut = JsonEncodedText.Encode("out");
    public static readonly JsonEncodedText ReasonLost = JsonEncodedText.Encode("lost");
    public static readonly JsonEncodedText ReasonEndOfStream = JsonEncodedText.Encode("end_of_stream");
    public static readonly JsonEncodedText ReasonLeft = JsonEncodedText.Encode("left");
    public static readonly JsonEncodedText ReasonTrackEnded = JsonEncodedText.Encode("track_ended");
}
