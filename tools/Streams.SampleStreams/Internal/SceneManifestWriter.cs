using System.Text.Json;

namespace Streams.SampleStreams.Internal;

/// <summary>Writes <c>&lt;name&gt;.scene.json</c>: the scene's parameters, lines and zones with their ground truth.</summary>
internal static class SceneManifestWriter
{
    public const string ZoneConvention =
        "An object is inside a zone when the bottom-centre point of its true (unclipped) box is inside the polygon. " +
        "enterFrame is the first frame inside (1-based); exitFrame the first frame no longer inside (it left or " +
        "disappeared), null when still inside on the last frame.";

    public static byte[] Write(Scene scene, SceneTruth truth, string command, string videoFile, string groundTruthFile, string attributesFile)
    {
        using MemoryStream stream = new();
        using (Utf8JsonWriter json = new(stream, new JsonWriterOptions { Indented = true }))
        {
            SceneOptions o = scene.Options;
            json.WriteStartObject();
            json.WriteString("name", scene.Name);
            if (ScenePreset.Find(scene.Name) is { } preset)
            {
                json.WriteString("description", preset.Description);
            }

            json.WriteString("command", command);
            json.WriteNumber("width", o.Width);
            json.WriteNumber("height", o.Height);
            json.WriteNumber("fps", o.Fps);
            json.WriteNumber("frameCount", o.FrameCount);
            json.WriteNumber("seed", o.Seed);
            json.WriteString("coordinates", "pixels of the rendered frame, 0-based, x to the right, y down; frames are 1-based");

            json.WriteStartObject("files");
            json.WriteString("video", videoFile);
            json.WriteString("groundTruth", groundTruthFile);
            json.WriteString("attributes", attributesFile);
            json.WriteEndObject();

            json.WriteStartObject("options");
            json.WriteNumber("durationSeconds", o.DurationSeconds);
            json.WriteNumber("brightness", o.Brightness);
            json.WriteNumber("noiseSigma", o.NoiseSigma);
            json.WriteNumber("minSpeed", o.MinSpeed);
            json.WriteNumber("maxSpeed", o.MaxSpeed);
            json.WriteNumber("persons", o.Persons);
            json.WriteNumber("bicycles", o.Bicycles);
            json.WriteNumber("cars", o.Cars);
            json.WriteNumber("trucks", o.Trucks);
            json.WriteNumber("dwellProbability", o.DwellProbability);
            json.WriteNumber("dwellMinSeconds", o.DwellMinSeconds);
            json.WriteNumber("dwellMaxSeconds", o.DwellMaxSeconds);
            json.WriteNumber("markedProbability", o.MarkedProbability);
            json.WriteEndObject();

            json.WriteStartArray("classes");
            foreach (ObjectClassInfo info in ObjectClassInfo.All)
            {
                json.WriteStartObject();
                json.WriteNumber("id", (int)info.Class);
                json.WriteString("name", info.Name);
                json.WriteNumber("motClass", info.MotClass);
                json.WriteNumber("objects", CountObjects(truth, info.Class));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("objectCount", truth.Attributes.Count);
            json.WriteNumber("groundTruthRows", truth.Rows.Count);

            json.WriteString("directionConvention", CountingLine.DirectionConvention);
            json.WriteStartArray("lines");
            foreach (CountingLine line in scene.Lines)
            {
                json.WriteStartObject();
                json.WriteString("id", line.Id);
                WritePoint(json, "a", line.A);
                WritePoint(json, "b", line.B);
                json.WriteStartObject("counts");
                WriteCounts(json, "in", truth, line.Id, CrossingDirection.In);
                WriteCounts(json, "out", truth, line.Id, CrossingDirection.Out);
                json.WriteEndObject();
                json.WriteStartArray("crossings");
                foreach (LineCrossing c in truth.Crossings)
                {
                    if (c.LineId != line.Id)
                    {
                        continue;
                    }

                    json.WriteStartObject();
                    json.WriteNumber("frame", c.Frame);
                    json.WriteNumber("id", c.ObjectId);
                    json.WriteString("class", ObjectClassInfo.Of(c.Class).Name);
                    json.WriteString("direction", c.Direction == CrossingDirection.In ? "in" : "out");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteString("zoneConvention", ZoneConvention);
            json.WriteStartArray("zones");
            foreach (SceneZone zone in scene.Zones)
            {
                json.WriteStartObject();
                json.WriteString("id", zone.Id);
                json.WriteStartArray("points");
                foreach (ScenePoint p in zone.Points)
                {
                    WritePointValue(json, p);
                }

                json.WriteEndArray();
                json.WriteStartArray("visits");
                foreach (ZoneVisit v in truth.ZoneVisits)
                {
                    if (v.ZoneId != zone.Id)
                    {
                        continue;
                    }

                    json.WriteStartObject();
                    json.WriteNumber("id", v.ObjectId);
                    json.WriteString("class", ObjectClassInfo.Of(v.Class).Name);
                    json.WriteNumber("enterFrame", v.EnterFrame);
                    if (v.ExitFrame is { } exit)
                    {
                        json.WriteNumber("exitFrame", exit);
                    }
                    else
                    {
                        json.WriteNull("exitFrame");
                    }

                    json.WriteNumber("seconds", Math.Round(v.FramesInside(o.FrameCount) / (double)o.Fps, 3));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static int CountObjects(SceneTruth truth, ObjectClass objectClass)
    {
        int count = 0;
        foreach (ObjectAttributes a in truth.Attributes)
        {
            if (a.Class == objectClass)
            {
                count++;
            }
        }

        return count;
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, SceneTruth truth, string lineId, CrossingDirection direction)
    {
        json.WriteStartObject(name);
        foreach (ObjectClassInfo info in ObjectClassInfo.All)
        {
            json.WriteNumber(info.Name, truth.CountCrossings(lineId, direction, info.Class));
        }

        json.WriteNumber("total", truth.CountCrossings(lineId, direction));
        json.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter json, string name, ScenePoint point)
    {
        json.WritePropertyName(name);
        WritePointValue(json, point);
    }

    private static void WritePointValue(Utf8JsonWriter json, ScenePoint point)
    {
        json.WriteStartArray();
        json.WriteNumberValue(point.X);
        json.WriteNumberValue(point.Y);
        json.WriteEndArray();
    }
}
