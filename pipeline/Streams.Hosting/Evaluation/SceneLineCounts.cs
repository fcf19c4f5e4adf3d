using System.Text.Json;
using Streams.Evaluation;

namespace Streams.Hosting.Evaluation;

/// <summary>
/// Reads the ground truth's own line counts from a clip's scene file (<c>&lt;clip&gt;.scene.json</c>, as the sample
/// stream contract writes it): <c>lines[].id</c> and <c>lines[].counts.{in,out}.{class}</c>.
/// </summary>
public static class SceneLineCounts
{
    /// <summary>The scene file next to <paramref name="clip"/>, or null when there is none.</summary>
    public static string? FileFor(string clip)
    {
        string path = Path.ChangeExtension(clip, ".scene.json");
        return File.Exists(path) ? path : null;
    }

    /// <summary>Counts per (line, direction, class) for the lines in <paramref name="lineIds"/>; totals are skipped.</summary>
    /// <exception cref="InvalidDataException">The file is not a scene file.</exception>
    public static Dictionary<LineCountKey, long> Read(string path, IReadOnlyCollection<string> lineIds)
    {
        var counts = new Dictionary<LineCountKey, long>();
        try
        {
            using JsonDocument scene = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!scene.RootElement.TryGetProperty("lines", out JsonElement lines))
            {
                return counts;
            }

            foreach (JsonElement line in lines.EnumerateArray())
            {
                string id = line.GetProperty("id").GetString() ?? "";
                if (!lineIds.Contains(id) || !line.TryGetProperty("counts", out JsonElement byDirection))
                {
                    continue;
                }

                foreach (JsonProperty direction in byDirection.EnumerateObject())
                {
                    foreach (JsonProperty perClass in direction.Value.EnumerateObject())
                    {
                        if (perClass.Name != "total" && perClass.Value.GetInt64() > 0)
                        {
                            counts[new LineCountKey(id, direction.Name, perClass.Name)] = perClass.Value.GetInt64();
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a scene file with line counts ({ex.Message})", ex);
        }

        return counts;
    }
}
