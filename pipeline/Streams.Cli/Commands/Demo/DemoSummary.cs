using System.Collections.Concurrent;
using System.Globalization;
using Streams.Analytics;
using Streams.Configuration;
using Streams.Evaluation;
using Streams.Hosting;
using Streams.Hosting.Evaluation;

namespace Streams.Cli.Commands.Demo;

/// <summary>
/// What the demo tells at its end: per stream, the part of the clip replayed, events by type, line counts (against the
/// scene's own crossings within that part, where the clip has them), zone entries, and MOTA/IDF1 over the frames seen
/// against the clip's ground truth.
/// </summary>
internal sealed class DemoSummary
{
    private readonly PipelineOptions _options;
    private readonly Dictionary<string, StreamScorecard> _scorecards;
    private readonly ConcurrentDictionary<(string Stream, string Type), long> _events = new();
    private readonly ConcurrentDictionary<(string Stream, string Zone), long> _zoneEntries = new();

    private DemoSummary(PipelineOptions options, Dictionary<string, StreamScorecard> scorecards)
    {
        _options = options;
        _scorecards = scorecards;
    }

    public static async Task<DemoSummary> CreateAsync(PipelineOptions options, CancellationToken cancellationToken)
    {
        var scorecards = new Dictionary<string, StreamScorecard>(StringComparer.Ordinal);
        foreach (SourceOptions source in options.Sources)
        {
            if (await PipelineEvaluator.ScorecardForAsync(source, cancellationToken) is { } scorecard)
            {
                scorecards[source.Id] = scorecard;
            }
        }

        return new DemoSummary(options, scorecards);
    }

    public CompositionHooks Hooks => new()
    {
        FrameObserver = frame =>
        {
            if (_scorecards.TryGetValue(frame.Stream.Id, out StreamScorecard? scorecard))
            {
                scorecard.Record(frame);
            }
        },
        EventObserver = Observe,
    };

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Summary");
        output.WriteLine("| stream | replayed | events (new / end / zone in / line) | line counts (counted / expected) | MOTA | IDF1 |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- |");
        bool partial = false;
        foreach (SourceOptions source in _options.Sources)
        {
            string id = source.Id;
            string events = string.Create(CultureInfo.InvariantCulture,
                $"{Events(id, EventTypes.ObjectNew)} / {Events(id, EventTypes.ObjectEnd)} / {Events(id, EventTypes.ZoneEnter)} / {Events(id, EventTypes.LineCross)}");
            string replayed = "-", lines = "-", mota = "-", idf1 = "-";
            if (_scorecards.TryGetValue(id, out StreamScorecard? scorecard))
            {
                // A shortened run (--duration, Ctrl+C) replays only the start of the clip: it is scored on that span.
                StreamEvaluation result = scorecard.ScoreReplayedSpan(_options.Analytics);
                replayed = result.Span.Describe();
                partial |= result.Span.IsPartial;
                if (result.FramesEvaluated > 0)
                {
                    mota = result.Tracking.Mota.ToString("F3", CultureInfo.InvariantCulture);
                    idf1 = result.Tracking.Idf1.ToString("F3", CultureInfo.InvariantCulture);
                }

                if (result.Lines is { } report)
                {
                    lines = string.Create(CultureInfo.InvariantCulture, $"{report.TotalActual} / {report.TotalExpected}");
                }
            }

            output.WriteLine($"| {id} | {replayed} | {events} | {lines} | {mota} | {idf1} |");
        }

        if (partial)
        {
            output.WriteLine("Only part of a clip was replayed: expected line counts are the crossings up to its last frame " +
                "through the pipeline, and MOTA/IDF1 are scored on the frames it delivered.");
        }

        foreach (var ((stream, zone), count) in _zoneEntries)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"zone {zone} ({stream}): {count} entries"));
        }
    }

    private long Events(string stream, string type) => _events.GetValueOrDefault((stream, type));

    private void Observe(AnalyticsEvent e)
    {
        _events.AddOrUpdate((e.StreamId, e.Type), 1, static (_, n) => n + 1);
        switch (e)
        {
            case LineCrossEvent crossing when _scorecards.TryGetValue(e.StreamId, out StreamScorecard? scorecard):
                scorecard.Count(crossing);
                break;
            case ZoneEnterEvent enter:
                _zoneEntries.AddOrUpdate((e.StreamId, enter.ZoneId), 1, static (_, n) => n + 1);
                break;
        }
    }
}
