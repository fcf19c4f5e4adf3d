using Streams.Analytics;
using Streams.Snapshots;
using Streams.Tracking;
using Streams.Video;
using Streams.Options;
using Streams.Sinks;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>
/// A whole pipeline file, one section per component. Built by <see cref="PipelineConfigLoader"/> from the user's YAML
/// merged over the shipped <c>defaults.yaml</c>, and validated before anything starts.
/// </summary>
public sealed record PipelineOptions : IValidatableOptions
{
    /// <summary>The defaults: what an empty pipeline file binds to.</summary>
    public static PipelineOptions Default { get; } = new();

    /// <summary><c>pipeline</c>: the pipeline's name and instance. Default: see <see cref="PipelineInfoOptions"/>.</summary>
    public PipelineInfoOptions Pipeline { get; init; } = new();

    /// <summary><c>runtime</c>: queues and shutdown. Default: see <see cref="RuntimeOptions"/>.</summary>
    public RuntimeOptions Runtime { get; init; } = new();

    /// <summary><c>logging</c>: level, format, file. Default: see <see cref="LoggingOptions"/>.</summary>
    public LoggingOptions Logging { get; init; } = new();

    /// <summary><c>sources</c>: the video inputs. Default empty.</summary>
    public IReadOnlyList<SourceOptions> Sources { get; init; } = [];

    /// <summary><c>models</c>: the ONNX models. Default empty.</summary>
    public IReadOnlyList<ModelOptions> Models { get; init; } = [];

    /// <summary><c>tracker</c>: multi-object tracking. Default: see <see cref="TrackerOptions"/>.</summary>
    public TrackerOptions Tracker { get; init; } = new();

    /// <summary><c>analytics</c>: zones and lines. Default: none (see <see cref="AnalyticsStageOptions"/>).</summary>
    public AnalyticsStageOptions Analytics { get; init; } = new();

    /// <summary><c>sinks</c>: where events go, each chosen by its <c>type</c>. Default empty.</summary>
    public IReadOnlyList<SinkOptions> Sinks { get; init; } = [];

    /// <summary><c>snapshots</c>: JPEG crops of tracked objects. Default: off (see <see cref="SnapshotOptions"/>).</summary>
    public SnapshotOptions Snapshots { get; init; } = new();

    /// <summary><c>annotate</c>: annotated videos. Default: off (see <see cref="AnnotatedVideoOptions"/>).</summary>
    public AnnotatedVideoOptions Annotate { get; init; } = new();

    /// <summary><c>api</c>: the HTTP API. Default: off (see <see cref="ApiOptions"/>).</summary>
    public ApiOptions Api { get; init; } = new();

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        CheckUnique(context, "source", Sources.Select(static s => ((object)s, (string?)s.Id)));
        CheckUnique(context, "model", Models.Select(static m => ((object)m, (string?)m.Id)));
        CheckUnique(context, "zone or line", Analytics.Zones.Select(static z => ((object)z, (string?)z.Id))
            .Concat(Analytics.Lines.Select(static l => ((object)l, (string?)l.Id))));
        CheckUnique(context, "sink", Sinks.Select(static s => ((object)s, s.Id)));

        foreach (var zone in Analytics.Zones)
        {
            CheckStream(context, zone, zone.Stream, nameof(ZoneRuleOptions.Stream), Sources);
        }

        foreach (var line in Analytics.Lines)
        {
            CheckStream(context, line, line.Stream, nameof(LineRuleOptions.Stream), Sources);
        }
    }

    /// <summary>Reports each repeated id at its second (and later) occurrence, naming the first one's line.</summary>
    private static void CheckUnique(OptionsValidation context, string noun, IEnumerable<(object Owner, string? Id)> items)
    {
        const string idProperty = nameof(SourceOptions.Id);
        var first = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (owner, id) in items)
        {
            if (id is null)
            {
                continue;
            }

            if (!first.TryAdd(id, owner))
            {
                var firstOwner = first[id];
                string where = context.LineOf(firstOwner, idProperty) is { } line
                    ? FormattableString.Invariant($"; first declared at line {line}")
                    : "";
                context.Error(owner, idProperty, $"duplicate {noun} id {context.Quote(owner, idProperty, id)}{where}");
            }
        }
    }

    private static void CheckStream(OptionsValidation context, object owner, string? stream, string property, IReadOnlyList<SourceOptions> sources)
    {
        const string idProperty = nameof(SourceOptions.Id);
        if (stream is null || sources.Any(s => string.Equals(s.Id, stream, StringComparison.Ordinal)))
        {
            return;
        }

        // Ids that came from variables are neither listed nor suggested: messages never echo substituted values.
        var declared = sources.Where(static s => s.Id is not null).ToList();
        var suggestible = context.IsSubstituted(owner, property)
            ? []
            : declared.Where(s => !context.IsSubstituted(s, idProperty)).Select(static s => s.Id);
        string known = declared.Count == 0
            ? "no sources are declared"
            : "declared sources: " + string.Join(", ", declared.Select(s => context.Show(s, idProperty, s.Id)).Distinct())
                + ConfigNaming.DidYouMean(stream, suggestible);
        context.Error(owner, property, $"unknown stream {context.Quote(owner, property, stream)}; {known}");
    }
}
