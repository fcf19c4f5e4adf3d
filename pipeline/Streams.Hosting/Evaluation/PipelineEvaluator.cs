using Streams.Sources;
using Streams.Tracking;
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
/// delivered frames are scored: a frame the pipeline never saw is not a miss. Asked to score every frame, it turns on
/// the tracker's past-frame output (<c>tracker.past_frames</c>) and scores all the clip's frames, those detection
/// skipped by the boxes the tracker interpolated between a track's detections.
/// </remarks>
public static class PipelineEvaluator
{
    /// <summary>Evaluates the file sources of <paramref name="options"/> that have ground truth (or those in <paramref name="streams"/>).</summary>
    /// <exception cref="InvalidOperationException">No chosen source is a clip with ground truth.</exception>
    public static Task<IReadOnlyList<StreamEvaluation>> RunAsync(PipelineOptions options, IReadOnlyCollection<string> streams,
        IEnumerable<ISourceFactory> sourceFactories, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        RunAsync(options, streams, sourceFactories, loggers, everyFrame: false, cancellationToken);

    /// <summary>
    /// Evaluates the file sources of <paramref name="options"/> that have ground truth (or those in
    /// <paramref name="streams"/>), on the delivered frames or, with <paramref name="everyFrame"/>, on all of them.
    /// </summary>
    /// <exception cref="InvalidOperationException">No chosen source is a clip with ground truth.</exception>
    public static async Task<IReadOnlyList<StreamEvaluation>> RunAsync(PipelineOptions options, IReadOnlyCollection<string> streams,
        IEnumerable<ISourceFactory> sourceFactories, ILoggerFactory loggers, bool everyFrame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(streams);
        var chosen = new List<SourceOptions>();
        foreach (SourceOptions source in options.Sources)
        {
            if ((streams.Count == 0 || streams.Contains(source.Id)) && source.IsFile && File.Exists(GroundTruthFor(source.Uri)))
            {
                chosen.Add(source with { Replay = ReplayPacing.Fast, Loop = false });
            }
        }

        if (chosen.Count == 0)
        {
            throw new InvalidOperationException("Nothing to evaluate: no chosen source is a clip with ground truth next to it (<clip>.gt.txt).");
        }

        var states = new Dictionary<string, StreamScorecard>(StringComparer.Ordinal);
        foreach (SourceOptions source in chosen)
        {
            double rate = await ClipFrameRate.ProbeAsync(source.Uri, cancellationToken).ConfigureAwait(false);
            int? frames = everyFrame ? await ClipFrameRate.ProbeFrameCountAsync(source.Uri, cancellationToken).ConfigureAwait(false) ?? 0 : null;
            states[source.Id] = new StreamScorecard(source, rate, frames);
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
        PipelineOptions evaluated = options with
        {
            Sources = chosen,
            Sinks = [],
            Tracker = everyFrame ? options.Tracker with { PastFrames = true } : options.Tracker,
        };
        var composer = new PipelineComposer(sourceFactories, loggers);
        await using (ComposedPipeline composed = composer.Build(evaluated, hooks: hooks, cancellationToken: cancellationToken))
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

    /// <summary>A scorecard for <paramref name="source"/> when it is a clip with ground truth next to it; else null.</summary>
    public static async Task<StreamScorecard?> ScorecardForAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.IsFile || !File.Exists(GroundTruthFor(source.Uri)))
        {
            return null;
        }

        return new StreamScorecard(source, await ClipFrameRate.ProbeAsync(source.Uri, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The ground-truth file of a clip: <c>&lt;clip without extension&gt;.gt.txt</c>.</summary>
    public static string GroundTruthFor(string clip) => Path.ChangeExtension(clip, ".gt.txt");
}
