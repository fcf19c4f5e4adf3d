using Streams.Evaluation;
using Streams.Hosting.Evaluation;

namespace Streams.Hosting.Tests.Evaluation;

/// <summary>Line counts read from a scene file: the whole clip's, and those of the frames up to a given one.</summary>
[Trait("Tier", "Unit")]
public sealed class SceneLineCountsTests : IDisposable
{
    // A 100-frame clip, two lines: "gate" crossed at frames 10, 40, 40 and 95; "other" (not asked for) at 20.
    private const string Scene = """
        {
          "fps": 30,
          "frameCount": 100,
          "lines": [
            {
              "id": "gate",
              "counts": { "in": { "car": 2, "truck": 1, "total": 3 }, "out": { "car": 1, "person": 0, "total": 1 } },
              "crossings": [
                { "frame": 10, "id": 1, "class": "car", "direction": "in" },
                { "frame": 40, "id": 2, "class": "car", "direction": "out" },
                { "frame": 40, "id": 3, "class": "truck", "direction": "in" },
                { "frame": 95, "id": 4, "class": "car", "direction": "in" }
              ]
            },
            {
              "id": "other",
              "counts": { "in": { "car": 1, "total": 1 }, "out": { "total": 0 } },
              "crossings": [ { "frame": 20, "id": 5, "class": "car", "direction": "in" } ]
            }
          ]
        }
        """;

    private static readonly string[] s_gate = ["gate"];
    private readonly string _directory = Directory.CreateTempSubdirectory("streams-scene-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Counts_up_to_a_frame_are_the_crossings_at_or_before_it_of_the_lines_asked_for()
    {
        string path = Write(Scene);

        Assert.Empty(SceneLineCounts.ReadUpTo(path, s_gate, 9));
        Assert.Equal(Counts(("gate", "in", "car", 1)), SceneLineCounts.ReadUpTo(path, s_gate, 10));
        Assert.Equal(Counts(("gate", "in", "car", 1)), SceneLineCounts.ReadUpTo(path, s_gate, 39));
        Assert.Equal(Counts(("gate", "in", "car", 1), ("gate", "out", "car", 1), ("gate", "in", "truck", 1)),
            SceneLineCounts.ReadUpTo(path, s_gate, 40));
        Assert.Equal(Counts(("gate", "in", "car", 1)), SceneLineCounts.ReadUpTo(path, ["gate", "other"], 19));
        Assert.Equal(Counts(("gate", "in", "car", 1), ("other", "in", "car", 1)), SceneLineCounts.ReadUpTo(path, ["gate", "other"], 20));
    }

    [Fact]
    public void Counts_up_to_the_last_frame_are_the_whole_clips_totals()
    {
        string path = Write(Scene);

        Assert.Equal(SceneLineCounts.Read(path, s_gate), SceneLineCounts.ReadUpTo(path, s_gate, 100));
        Assert.Equal(Counts(("gate", "in", "car", 2), ("gate", "in", "truck", 1), ("gate", "out", "car", 1)),
            SceneLineCounts.ReadUpTo(path, s_gate, 100));
    }

    [Fact]
    public void A_looped_replay_counts_every_whole_pass_and_the_start_of_the_next()
    {
        string path = Write(Scene);

        // Two whole passes (frames 1-200) and frames 1-10 of the third.
        Assert.Equal(Counts(("gate", "in", "car", 5), ("gate", "in", "truck", 2), ("gate", "out", "car", 2)),
            SceneLineCounts.ReadUpTo(path, s_gate, 210));
    }

    [Theory]
    [InlineData("quiet-street", new[] { "street" })]
    [InlineData("busy-crossing", new[] { "west-arm", "north-arm" })]
    [InlineData("yard", new[] { "gate", "road" })]
    public void In_the_committed_sample_streams_the_crossings_add_up_to_the_counts(string clip, string[] lines)
    {
        string path = Path.Combine(RepositoryRoot(), "sample-streams", clip + ".scene.json");
        int frames = SceneLineCounts.ReadFrameCount(path) ?? throw new InvalidDataException("no frameCount in " + path);

        Assert.Equal(600, frames);
        Assert.Equal(SceneLineCounts.Read(path, lines), SceneLineCounts.ReadUpTo(path, lines, frames));
        Assert.NotEqual(SceneLineCounts.Read(path, lines), SceneLineCounts.ReadUpTo(path, lines, frames / 2));
    }

    [Fact]
    public void A_file_that_is_not_a_scene_is_refused_with_its_name()
    {
        string path = Write("""{ "lines": [ { "id": "gate", "crossings": [ { "frame": "ten" } ] } ] }""");

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => SceneLineCounts.ReadUpTo(path, s_gate, 50));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<LineCountKey, long> Counts(params (string Line, string Direction, string Class, long Count)[] counts)
    {
        var map = new Dictionary<LineCountKey, long>();
        foreach ((string line, string direction, string className, long count) in counts)
        {
            if (count > 0)
            {
                map[new LineCountKey(line, direction, className)] = count;
            }
        }

        return map;
    }

    private string Write(string json)
    {
        string path = Path.Combine(_directory, "clip.scene.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Streams.sln not found");
    }
}
