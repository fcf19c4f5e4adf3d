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
/// <param name="clipFrames">
/// Null to score only the frames the pipeline delivered. Otherwise every frame of the clip is scored (this many, or
/// up to the ground truth's last frame when 0), the frames detection skipped by the tracks' past-frame objects
/// (<see cref="Frame.PastObjects"/>, placed by their PTS); a frame nobody reported is all misses.
/// </param>
public sealed class StreamScorecard(SourceOptions source, double frameRate, int? clipFrames = null)
{
    private readonly List<MotRow> _tracks = [];
    private readonly HashSet<int> _frames = [];
    private readonly HashSet<(int Frame, long Id)> _reported = [];
    private readonly Dictionary<LineCountKey, long> _crossings = [];
    private TimeSpan? _firstPts;

    /// <summary>True when every frame of the clip is scored, not only the delivered ones.</summary>
    public bool EveryFrame => clipFrames is not null;

    /// <summary>
    /// Notes a frame at the end of the pipeline (its number from its PTS) and its tracked objects; when every frame is
    /// scored, also the past-frame objects it carries.
    /// </summary>
    public void Record(Frame frame)
    {
        if (frame.Pts is not { } pts)
        {
            return;
        }

        _firstPts ??= pts;
        int number = NumberOf(pts);
        _frames.Add(number);
        foreach (DetectedObject o in frame.Objects)
        {
            if (o.TrackId != 0)
            {
                Add(number, o);
            }
        }

        if (!EveryFrame)
        {
            return;
        }

        foreach (PastObject past in frame.PastObjects)
        {
            if (past.Pts is { } at && past.Tracked.TrackId != 0 && NumberOf(at) is var earlier and >= 1)
            {
                Add(earlier, past.Tracked);
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
    /// Scores the frames seen (or every frame) against the ground truth, and the crossings of the lines in
    /// <paramref name="analytics"/> against the whole clip's: for a run that replays every clip to its end
    /// (<c>streams eval</c>).
    /// </summary>
    public StreamEvaluation Score(AnalyticsStageOptions analytics) => Score(analytics, replayedSpanOnly: false);

    /// <summary>
    /// Scores the frames seen against the ground truth, and the crossings of the lines in <paramref name="analytics"/>
    /// against those of the replayed span only: for a run that may have stopped before the clip's end (the demo, with
    /// <c>--duration</c> or Ctrl+C).
    /// </summary>
    public StreamEvaluation ScoreReplayedSpan(AnalyticsStageOptions analytics) => Score(analytics, replayedSpanOnly: true);

    private StreamEvaluation Score(AnalyticsStageOptions analytics, bool replayedSpanOnly)
    {
        // Tracking is scored on the delivered frames only (unless every frame is asked for), whatever the span: the
        // truth of a frame the pipeline never saw (sampled out, or after the stop) is not a miss.
        ArgumentNullException.ThrowIfNull(analytics);
        IReadOnlyList<MotRow> groundTruth = MotFile.Read(PipelineEvaluator.GroundTruthFor(source.Uri));
        int clipLastFrame = clipFrames ?? 0;
        if (clipLastFrame == 0)
        {
            foreach (MotRow row in groundTruth)
            {
                clipLastFrame = Math.Max(clipLastFrame, row.Frame);
            }
        }

        var truth = new List<MotRow>();
        foreach (MotRow row in groundTruth)
        {
            if (EveryFrame ? row.Frame <= clipLastFrame : _frames.Contains(row.Frame))
            {
                truth.Add(row);
            }
        }

        if (EveryFrame)
        {
            // Past-frame rows arrive after later frames' rows; MOTChallenge files go by frame.
            _tracks.Sort(static (a, b) => a.Frame != b.Frame ? a.Frame.CompareTo(b.Frame) : a.Id.CompareTo(b.Id));
        }

        MotMetrics metrics = MotEvaluator.Evaluate(truth, _tracks);
        string? scene = SceneLineCounts.FileFor(source.Uri);
        int lastFrame = _frames.Count == 0 ? 0 : _frames.Max();
        ReplayedSpan span = ReplayedSpan.Create(lastFrame, scene is null ? null : SceneLineCounts.ReadFrameCount(scene), frameRate, source.DetectFps);
        LineCountReport? lines = null;
        var lineIds = new List<string>();
        foreach (LineRuleOptions line in analytics.Lines)
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

        return new StreamEvaluation(source.Id, source.Uri, EveryFrame ? clipLastFrame : _frames.Count, metrics, lines, _tracks, span) { EveryFrame = EveryFrame };
    }

    private int NumberOf(TimeSpan pts) => (int)Math.Round((pts - _firstPts!.Value).TotalSeconds * frameRate) + 1;

    private void Add(int number, in DetectedObject o)
    {
        // A track has one box per frame: a frame rounded onto one already reported keeps the first.
        if (!EveryFrame || _reported.Add((number, o.TrackId)))
        {
            _tracks.Add(new MotRow(number, o.TrackId, o.Box, o.Confidence, o.ClassId + 1, -1));
        }
    }
}
