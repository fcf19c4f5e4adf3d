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

    /// <summary>
    /// Scores the frames seen against the ground truth, and the crossings of the lines in <paramref name="analytics"/>
    /// against the whole clip's: for a run that replays every clip to its end (<c>streams eval</c>).
    /// </summary>
    public StreamEvaluation Score(AnalyticsOptions analytics) => Score(analytics, replayedSpanOnly: false);

    /// <summary>
    /// Scores the frames seen against the ground truth, and the crossings of the lines in <paramref name="analytics"/>
    /// against those of the replayed span only: for a run that may have stopped before the clip's end (the demo, with
    /// <c>--duration</c> or Ctrl+C).
    /// </summary>
    public StreamEvaluation ScoreReplayedSpan(AnalyticsOptions analytics) => Score(analytics, replayedSpanOnly: true);

    private StreamEvaluation Score(AnalyticsOptions analytics, bool replayedSpanOnly)
    {
        // Tracking is scored on the delivered frames only, whatever the span: the truth of a frame the pipeline never
        // saw (sampled out, or after the stop) is not a miss.
        var truth = new List<MotRow>();
        foreach (MotRow row in MotFile.Read(PipelineEvaluator.GroundTruthFor(source.Uri)))
        {
            if (_frames.Contains(row.Frame))
            {
                truth.Add(row);
            }
        }

        MotMetrics metrics = MotEvaluator.Evaluate(truth, _tracks);
        string? scene = SceneLineCounts.FileFor(source.Uri);
        int lastFrame = _frames.Count == 0 ? 0 : _frames.Max();
        ReplayedSpan span = ReplayedSpan.Create(lastFrame, scene is null ? null : SceneLineCounts.ReadFrameCount(scene), frameRate, source.DetectFps);
        LineCountReport? lines = null;
        var lineIds = new List<string>();
        foreach (LineOptions line in analytics.Lines)
        {
            if (line.Stream is null || line.Stream == source.Id)
            {
                lineIds.Add(line.Id);
            }
        }

        if (lineIds.Count > 0 && scene is not null)
        {
            // Expected over the span: the crossings whose frame (the first on the new side) is at or before the last
            // frame that went through the pipeline. The pipeline saw the object on the new side by then, so it could
            // have counted it. One in the span's last few frames may not be counted yet (the anchor must be past the
            // line by the hysteresis, on a sampled frame) and then shows as a miss; a margin guessed from speeds
            // instead would hide real misses. A graceful stop drains every frame the analytics saw to the end of the
            // pipeline, so no crossing is counted on a frame after the last one delivered.
            lines = LineCountComparison.Compare(
                replayedSpanOnly ? SceneLineCounts.ReadUpTo(scene, lineIds, lastFrame) : SceneLineCounts.Read(scene, lineIds),
                _crossings);
        }

        return new StreamEvaluation(source.Id, source.Uri, _frames.Count, metrics, lines, _tracks, span);
    }
}
