using System.Text.Json;
using Streams.Analytics;
using Streams.Runtime;
using Streams.Tracking;
using Xunit.Abstractions;

namespace Streams.Evaluation.Tests;

/// <summary>
/// ByteTrack and the analytics on the sample clips' ground-truth boxes (a perfect detector that misses what is less
/// than a quarter visible), on every frame and on 5 of 30, judged against the clips' ground truth and scene.json counts.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class SampleStreamTests(ITestOutputHelper output)
{
    private static readonly string[] s_classNames = ["person", "bicycle", "car", "truck"];

    [Theory]
    [InlineData("quiet-street", 1)]
    [InlineData("busy-crossing", 1)]
    [InlineData("yard", 1)]
    [InlineData("quiet-street", 6)]
    [InlineData("busy-crossing", 6)]
    [InlineData("yard", 6)]
    public void Tracking_ground_truth_boxes_scores_high_and_counts_lines_as_the_scene_says(string clip, int detectionInterval)
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Streams.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Streams.sln not found");
        }

        string folder = Path.Combine(root, "sample-streams");
        List<MotRow> truth = MotFile.Read(Path.Combine(folder, clip + ".gt.txt"));
        using JsonDocument scene = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, clip + ".scene.json")));
        int frames = scene.RootElement.GetProperty("frameCount").GetInt32();
        var options = new AnalyticsStageOptions
        {
            Lines = ReadLines(scene.RootElement),
            ObjectUpdateInterval = null,
            CountsInterval = TimeSpan.FromHours(1),
            ClassNames = s_classNames,
        };

        var byFrame = new List<DetectedObject>[frames + 1];
        for (int f = 0; f <= frames; f++)
        {
            byFrame[f] = [];
        }

        foreach (MotRow row in truth)
        {
            if (row.Confidence > 0)
            {
                byFrame[row.Frame].Add(new DetectedObject(row.Box, row.Class - 1, 0.9f));
            }
        }

        var tracker = new ByteTracker();
        tracker.SetFrameSize(1280, 720); // as the tracker stage does from each frame: boxes cut by the border are known as such
        var analytics = new StreamAnalytics(clip, options);
        var events = new List<AnalyticsEvent>();
        var tracks = new List<MotRow>();
        var evaluated = new List<MotRow>();
        foreach (MotRow row in truth)
        {
            if ((row.Frame - 1) % detectionInterval == 0)
            {
                evaluated.Add(row);
            }
        }

        // With detection on every n-th frame only, the frames between pass with no objects, as the tracker stage does.
        for (int f = 1; f <= frames; f++)
        {
            if ((f - 1) % detectionInterval != 0)
            {
                continue;
            }

            DetectedObject[] detections = [.. byFrame[f]];
            tracker.Update(detections, f - 1);
            foreach (DetectedObject d in detections)
            {
                if (d.TrackId != 0)
                {
                    tracks.Add(new MotRow(f, d.TrackId, d.Box, d.Confidence, d.ClassId + 1, -1));
                }
            }

            TimeSpan pts = TimeSpan.FromTicks((f - 1) * TimeSpan.TicksPerSecond / 30);
            analytics.Process(new AnalyticsFrame(f - 1, pts, DateTimeOffset.UnixEpoch + pts, 1280, 720), detections, [], events);
        }

        analytics.End(events);
        MotMetrics m = MotEvaluator.Evaluate(evaluated, tracks);
        output.WriteLine(MotMetrics.TableHeader);
        output.WriteLine(m.ToTableRow());

        var actual = new Dictionary<LineCountKey, long>();
        foreach (AnalyticsEvent e in events)
        {
            if (e is LineCrossEvent cross)
            {
                var key = new LineCountKey(cross.LineId, cross.Direction, cross.Object.ClassName);
                actual[key] = actual.GetValueOrDefault(key) + 1;
            }
        }

        LineCountReport report = LineCountComparison.Compare(ReadCounts(scene.RootElement), actual);
        output.WriteLine(report.ToTable());

        // Every frame: as good as the boxes. 5 of 30 fps: a crossing may be judged across a 6-frame chord, and a
        // confident new box is confirmed on its first sighting, so an object entering the frame may get its id on a
        // sliver at the border that the next sample's whole box, 6 frames on, does not match (busy-crossing: 5 such
        // switches, IDF1 0.980 where a second sighting gave 0.984 but missed every object's first 6 frames).
        bool everyFrame = detectionInterval == 1;
        Assert.True(m.Mota >= (everyFrame ? 0.99 : 0.95), $"MOTA {m.Mota}");
        Assert.True(m.Idf1 >= (everyFrame ? 0.99 : 0.975), $"IDF1 {m.Idf1}");
        Assert.True(report.TotalAbsoluteError <= (everyFrame ? 0 : 1), report.ToTable());
    }

    private static List<LineRuleOptions> ReadLines(JsonElement scene)
    {
        var lines = new List<LineRuleOptions>();
        foreach (JsonElement line in scene.GetProperty("lines").EnumerateArray())
        {
            JsonElement a = line.GetProperty("a");
            JsonElement b = line.GetProperty("b");
            lines.Add(new LineRuleOptions
            {
                Id = line.GetProperty("id").GetString()!,
                Points = [new Point2D(a[0].GetSingle(), a[1].GetSingle()), new Point2D(b[0].GetSingle(), b[1].GetSingle())],
            });
        }

        return lines;
    }

    private static Dictionary<LineCountKey, long> ReadCounts(JsonElement scene)
    {
        var counts = new Dictionary<LineCountKey, long>();
        foreach (JsonElement line in scene.GetProperty("lines").EnumerateArray())
        {
            string id = line.GetProperty("id").GetString()!;
            foreach (JsonProperty direction in line.GetProperty("counts").EnumerateObject())
            {
                foreach (JsonProperty cls in direction.Value.EnumerateObject())
                {
                    if (cls.Name != "total" && cls.Value.GetInt64() > 0)
                    {
                        counts[new LineCountKey(id, direction.Name, cls.Name)] = cls.Value.GetInt64();
                    }
                }
            }
        }

        return counts;
    }
}
