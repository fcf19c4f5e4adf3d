using Microsoft.Extensions.Logging;
using Streams.Analytics;
using Streams.Configuration;
using Streams.Evaluation;
using Streams.Runtime;

namespace Streams.Hosting.Evaluation;

/// <summary>
/// Replays clips through a configured pipeline (its models, tracker and analytics, without its sinks) and scores the
/// tracks against each clip's MOTChallenge ground truth (<c>&lt;clip&gt;.gt.txt</c>) and the line counts against the
/// scene file's own crossings.
/// </summary>
/// <remarks>
/// Clips replay as fast as the pipeline goes, never looped. With detection sampling (<c>detect_fps</c>) only the
/// delivered frames are scored: a frame the pipeline never saw is not a miss.
/// </remarks>
public static class PipelineEvaluator
{
    /// <summary>Evaluates the file sources of <paramref name="options"/> that have ground truth (or those in <paramref name="streams"/>).</summary>
    /// <exception cref="InvalidOperationException">No chosen source is a clip with ground truth.</exception>
    public static async Task<IReadOnlyList<StreamEvaluation>> RunAsync(PipelineOptions options, IReadOnlyCollection<string> streams,
        IEnumerable<ISourceFactory> sourceFactories, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(streams);
        var chosen = new List<SourceOptions>();
        foreach (SourceOptions source in options.Sources)
        {
            if ((streams.Count == 0 || streams.Contains(source.Id)) && source.IsFile && File.Exists(GroundTruthFor(source.Uri)))
            {
                chosen.Add(source with { Replay = ReplayMode.Fast, Loop = false });
            }
        }

        if (chosen.Count == 0)
        {
            throw new InvalidOperationException("Nothing to evaluate: no chosen source is a clip with ground truth next to it (<clip>.gt.txt).");
        }

        var states = new Dictionary<string, StreamRecord>(StringComparer.Ordinal);
        foreach (SourceOptions source in chosen)
        {
            states[source.Id] = new StreamRecord(source, await ClipFrameRate.ProbeAsync(source.Uri, cancellationToken).ConfigureAwait(false));
        }

        var hooks = new CompositionHooks
        {
            FrameObserver = frame => states[frame.Stream.Id].Record(frame),
            EventObserver = e =>
            {
                if (e is LineCrossEvent crossing)
                {
                    states[crossing.StreamId].Count(crossing);
                }
            },
        };
        PipelineOptions evaluated = options with { Sources = chosen, Sinks = [] };
        var composer = new PipelineComposer(sourceFactories, loggers);
        await using (ComposedPipeline composed = composer.Build(evaluated, hooks: hooks))
        {
            foreach (SourceOptions source in chosen)
            {
                composed.AddStream(composer.CreateStream(source, evaluated.Runtime));
            }

            composed.Start();
            await composed.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            foreach (StreamContext stream in composed.Pipeline.GetStreams())
            {
                if (stream.State == StreamState.Failed)
                {
                    throw new InvalidOperationException($"Stream {stream.Id} failed: {stream.Reason}");
                }
            }
        }

        var results = new List<StreamEvaluation>(chosen.Count);
        foreach (SourceOptions source in chosen)
        {
            results.Add(states[source.Id].Score(options.Analytics));
        }

        return results;
    }

    /// <summary>The ground-truth file of a clip: <c>&lt;clip without extension&gt;.gt.txt</c>.</summary>
    public static string GroundTruthFor(string clip) => Path.ChangeExtension(clip, ".gt.txt");

    /// <summary>What one stream's run left behind: its tracks, the frames it saw, its line crossings.</summary>
    private sealed class StreamRecord(SourceOptions source, double frameRate)
    {
        private readonly List<MotRow> _tracks = [];
        private readonly HashSet<int> _frames = [];
        private readonly Dictionary<LineCountKey, long> _crossings = [];
        private TimeSpan? _firstPts;

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

        public void Count(LineCrossEvent crossing)
        {
            var key = new LineCountKey(crossing.LineId, crossing.IsIn ? "in" : "out", crossing.Object.ClassName);
            _crossings[key] = _crossings.GetValueOrDefault(key) + 1;
        }

        public StreamEvaluation Score(AnalyticsOptions analytics)
        {
            var truth = new List<MotRow>();
            foreach (MotRow row in MotFile.Read(GroundTruthFor(source.Uri)))
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
}
