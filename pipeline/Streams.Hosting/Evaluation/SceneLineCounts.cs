using System.Text.Json;
using Streams.Evaluation;

namespace Streams.Hosting.Evaluation;

/// <summary>
/// Reads the ground truth's own line counts from a clip's scene file (<c>&lt;clip&gt;.scene.json</c>, as the sample
/// stream contract writes it): <c>frameCount</c>, <c>lines[].id</c>, <c>lines[].counts.{in,out}.{class}</c> (whole-clip
/// totals) and <c>lines[].crossings[]</c> (each with its 1-based <c>frame</c>, <c>class</c> and <c>direction</c>).
/// </summary>
public static class SceneLineCounts
{
    /// <summary>The scene file next to <paramref name="clip"/>, or null when there is none.</summary>
    public static string? FileFor(string clip)
    {
        string path = Path.ChangeExtension(clip, ".scene.json");
        return File.Exists(path) ? path : null;
    }

    /// <summary>Whole-clip counts per (line, direction, class) for the lines in <paramref name="lineIds"/>; totals are skipped.</summary>
    /// <exception cref="InvalidDataException">The file is not a scene file.</exception>
    public static Dictionary<LineCountKey, long> Read(string path, IReadOnlyCollection<string> lineIds)
    {
        var counts = new Dictionary<LineCountKey, long>();
        Parse(path, scene =>
        {
            foreach (JsonElement line in Lines(scene, lineIds))
            {
                if (!line.TryGetProperty("counts", out JsonElement byDirection))
                {
                    continue;
                }

                foreach (JsonProperty direction in byDirection.EnumerateObject())
                {
                    foreach (JsonProperty perClass in direction.Value.EnumerateObject())
                    {
                        if (perClass.Name != "total" && perClass.Value.GetInt64() > 0)
                        {
                            counts[new LineCountKey(LineId(line), direction.Name, perClass.Name)] = perClass.Value.GetInt64();
                        }
                    }
                }
            }
        });
        return counts;
    }

    /// <summary>
    /// Counts per (line, direction, class) of the crossings of frames 1 to <paramref name="lastFrame"/>, for the lines
    /// in <paramref name="lineIds"/>: what a replay that stopped after that frame should have counted. A
    /// <paramref name="lastFrame"/> past the clip's <c>frameCount</c> is a looped replay: every whole pass counts
    /// every crossing once more.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastFrame"/> is negative.</exception>
    /// <exception cref="InvalidDataException">The file is not a scene file with crossings.</exception>
    public static Dictionary<LineCountKey, long> ReadUpTo(string path, IReadOnlyCollection<string> lineIds, int lastFrame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastFrame);
        var counts = new Dictionary<LineCountKey, long>();
        Parse(path, scene =>
        {
            int passes = 0;
            int rest = lastFrame;
            if (FrameCount(scene) is { } clipFrames && clipFrames > 0)
            {
                passes = lastFrame / clipFrames;
                rest = lastFrame % clipFrames;
            }

            foreach (JsonElement line in Lines(scene, lineIds))
            {
                if (!line.TryGetProperty("crossings", out JsonElement crossings))
                {
                    continue;
                }

                foreach (JsonElement crossing in crossings.EnumerateArray())
                {
                    long times = passes + (crossing.GetProperty("frame").GetInt32() <= rest ? 1 : 0);
                    if (times > 0)
                    {
                        var key = new LineCountKey(LineId(line), crossing.GetProperty("direction").GetString() ?? "",
                            crossing.GetProperty("class").GetString() ?? "");
                        counts[key] = counts.GetValueOrDefault(key) + times;
                    }
                }
            }
        });
        return counts;
    }

    /// <summary>The clip's length in frames as the scene file states it (<c>frameCount</c>); null when it does not.</summary>
    /// <exception cref="InvalidDataException">The file is not a scene file.</exception>
    public static int? ReadFrameCount(string path)
    {
        int? frames = null;
        Parse(path, scene => frames = FrameCount(scene));
        return frames;
    }

    private static void Parse(string path, Action<JsonElement> read)
    {
        try
        {
            using JsonDocument scene = JsonDocument.Parse(File.ReadAllBytes(path));
            read(scene.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a scene file with line counts ({ex.Message})", ex);
        }
    }

    private static int? FrameCount(JsonElement scene) =>
        scene.TryGetProperty("frameCount", out JsonElement frames) ? frames.GetInt32() : null;

    private static IEnumerable<JsonElement> Lines(JsonElement scene, IReadOnlyCollection<string> lineIds)
    {
        if (!scene.TryGetProperty("lines", out JsonElement lines))
        {
            yield break;
        }

        foreach (JsonElement line in lines.EnumerateArray())
        {
            if (lineIds.Contains(LineId(line)))
            {
                yield return line;
            }
        }
    }

    private static string LineId(JsonElement line) => line.GetProperty("id").GetString() ?? "";
}
