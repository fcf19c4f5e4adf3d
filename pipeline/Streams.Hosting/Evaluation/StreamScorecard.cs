using Streams.Analytics;
using Streams.Configuration;
using Streams.Evaluation;
using Streams.Runtime;

namespace Streams.Hosting.Evaluation;

/// <summary>
/// What one stream's run leaves behind for scoring: its tracks as MOTChallenge rows, the frames it saw and its line
/// crossings. <see cref="Record"/> and <see cref="Count"/> may run on different tasks, each from one at a time.
/// </summary>
/// <param name="source">The stream's source (its clip has ground truth next to it).</param>
/// <param name="frameRate">The clip's frame rate: turns PTS into ground-truth frame numbers.</param>
public sealed class StreamScorecard(SourceOptions source, double frameRate)
{
    private readonly List<MotRow> _tracks = [];
    private readonly HashSet<int> _frames = [];
    private readonly Dictionary<LineCountKey, long> _crossings = [];
    private TimeSpan? _firstPts;

    /// <summary>Notes a frame at the end of the pipeline (its number from its PTS) and its tracked objects.</summary>
    public void Record(Frame frame)
    {
        if (frame.Pts is not { } pts)
        {
            return;
        }

        _firstPts ??= pts;
        int number = (int)Math.Round((pts - _firstPts.Value).TotalSeconds * frameRate) + 1;
        _frames.Add(number);
        foreach (DetectedObject o in frame.Objects)
        {
            if (o.TrackId != 0)
            {
                _tracks.Add(new MotRow(number, o.TrackId, o.Box, o.Confidence, o.ClassId + 1, -1));
            }
        }
    }

    /// <summary>Counts a line crossing by line, direction and class.</summary>
    public void Count(LineCrossEvent crossing)
    {
        var key = new LineCountKey(crossing.LineId, crossing.IsIn ? "in" : "out", crossing.Object.ClassName);
        _crossings[key] = _crossings.GetValueOrDefault(key) + 1;
    }

    /// <summary>Scores the frames seen against the ground truth, and the crossings of the lines in <paramref name="analytics"/>.</summary>
    public StreamEvaluation Score(AnalyticsOptions analytics)
    {
        var truth = new List<MotRow>();
        foreach (MotRow row in MotFile.Read(PipelineEvaluator.GroundTruthFor(source.Uri)))
        {
            if (_frames.Contains(row.Frame))
            {
                truth.Add(row);
            }
        }

        MotMetrics metrics = MotEvaluator.Evaluate(truth, _tracks);
        LineCountReport? lines = null;
        var lineIds = new List<string>();
        foreach (LineOptions line in analytics.Lines)
        {
            if (line.Stream is null || line.Stream == source.Id)
            {
                lineIds.Add(line.Id);
            }
        }

        if (lineIds.Count > 0 && SceneLineCounts.FileFor(source.Uri) is { } scene)
        {
            lines = LineCountComparison.Compare(SceneLineCounts.Read(scene, lineIds), _crossings);
        }

        return new StreamEvaluation(source.Id, source.Uri, _frames.Count, metrics, lines, _tracks);
    }
}
