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

    /// <summary>Scores the frames seen (or every frame) against the ground truth, and the crossings of the lines in <paramref name="analytics"/>.</summary>
    public StreamEvaluation Score(AnalyticsOptions analytics)
    {
        ArgumentNullException.ThrowIfNull(analytics);
        IReadOnlyList<MotRow> groundTruth = MotFile.Read(PipelineEvaluator.GroundTruthFor(source.Uri));
        int lastFrame = clipFrames ?? 0;
        if (lastFrame == 0)
        {
            foreach (MotRow row in groundTruth)
            {
                lastFrame = Math.Max(lastFrame, row.Frame);
            }
        }

        var truth = new List<MotRow>();
        foreach (MotRow row in groundTruth)
        {
            if (EveryFrame ? row.Frame <= lastFrame : _frames.Contains(row.Frame))
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

        return new StreamEvaluation(source.Id, source.Uri, EveryFrame ? lastFrame : _frames.Count, metrics, lines, _tracks) { EveryFrame = EveryFrame };
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
