using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Streams.Analytics;
using Streams.Analytics.Envelope;
using Streams.Configuration;
using Streams.Hosting.Composition;
using Streams.Inference;
using Streams.Runtime;
using Streams.Sinks;
using Streams.Snapshots;
using Streams.Sources;
using Streams.Video;
using Streams.Tracking;

namespace Streams.Hosting;

/// <summary>
/// Turns validated options into a runnable pipeline: sources, then the detector, the classifiers on its crops, the
/// tracker and the analytics rules, with the analytics events carried to the configured sinks.
/// </summary>
public sealed class PipelineComposer
{
    private readonly IReadOnlyList<ISourceFactory> _sources;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    /// <summary>Creates a composer that makes sources with the first of <paramref name="sources"/> that can.</summary>
    public PipelineComposer(IEnumerable<ISourceFactory> sources, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _sources = [.. sources];
        _loggers = loggers;
        _logger = loggers.CreateLogger<PipelineComposer>();
    }

    /// <summary>
    /// Opens the sinks and the models and builds the stages; streams are added with <see cref="CreateStream"/>.
    /// Whatever was opened is closed again when a later part fails.
    /// </summary>
    /// <exception cref="ModelLoadException">A model is missing, unreadable, or fits no decoder.</exception>
    /// <exception cref="ArgumentException">A sink setting was refused (the message has secrets masked).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before every
    /// sink and model was open; what was opened is closed again.</exception>
    public ComposedPipeline Build(PipelineOptions options, FramePool? frames = null, CompositionHooks? hooks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        hooks ??= CompositionHooks.None;
        var sinks = new List<IEventSink>();
        var stages = new List<IDisposable>();
        var owned = new List<IAsyncDisposable>();
        try
        {
            return Compose(options, frames, hooks, sinks, stages, owned, cancellationToken);
        }
        catch
        {
            foreach (IDisposable stage in stages)
            {
                stage.Dispose();
            }

            foreach (IAsyncDisposable resource in owned)
            {
                resource.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            foreach (IEventSink sink in sinks)
            {
                sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }
    }

    private ComposedPipeline Compose(PipelineOptions options, FramePool? frames, CompositionHooks hooks, List<IEventSink> sinks, List<IDisposable> stages,
        List<IAsyncDisposable> owned, CancellationToken cancellationToken)
    {
        foreach (SinkOptions sink in options.Sinks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sinks.Add(sink.CreateSink(_loggers));
        }

        var settings = new PipelineSettings
        {
            InstanceId = options.Pipeline.InstanceId,
            QueueCapacity = options.Runtime.QueueCapacity,
            // Served by the API, the pipeline lives on with no stream until it is stopped: streams come and go.
            CompleteWhenStreamsEnd = !options.Api.Enabled,
            LoggerFactory = _loggers,
            FramePool = frames,
        };
        PipelineBuilder<Frame> builder = PipelineBuilder.Create(settings);
        // Filled as streams are added (ComposedPipeline.AddStream); read by the event writer.
        var sourceUris = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var described = new List<string>();
        var models = new List<string>();
        var versions = new List<ModelVersion>();

        IReadOnlyList<string> classNames = [];
        bool detecting = false;
        foreach (ModelOptions model in options.Models)
        {
            if (model.Kind != ModelKind.Detector)
            {
                continue;
            }

            // A model takes from milliseconds to seconds to load: a stop asked for meanwhile skips the rest.
            cancellationToken.ThrowIfCancellationRequested();
            InferenceStage detector = ModelStages.CreateDetector(model, _loggers);
            stages.Add(detector);
            if (model.PreprocessAhead)
            {
                builder = builder.Then(detector.CreatePreprocessStage());
            }

            builder = builder.Then(detector);
            classNames = detector.ClassNames;
            detecting = true;
            Describe(described, models, versions, "detector", model, detector.Session);
        }

        var attributeLabels = new List<IReadOnlyList<string>>();
        foreach (ModelOptions model in options.Models)
        {
            if (model.Kind != ModelKind.Classifier)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            SecondaryClassifierStage classifier = ModelStages.CreateClassifier(model, attributeLabels.Count, classNames, _loggers);
            stages.Add(classifier);
            builder = builder.Then(classifier);
            attributeLabels.Add(classifier.ClassNames);
            Describe(described, models, versions, "classifier", model, classifier.Session);
        }

        if (detecting && options.Tracker.Type != TrackerType.None)
        {
            builder = builder.Then(new TrackerStage(options.Tracker));
            described.Add("tracker bytetrack");
        }

        ChannelEventPublisher? publisher = null;
        EventDispatcher? dispatcher = null;
        bool annotating = options.Annotate.Directory is not null;
        OverlayCounts? counts = annotating ? new OverlayCounts() : null;
        if (detecting && (sinks.Count > 0 || hooks.EventObserver is not null || annotating))
        {
            publisher = new ChannelEventPublisher();
            AnalyticsStageOptions rules = options.Analytics with { ClassNames = classNames, AttributeLabels = attributeLabels };
            if (options.Snapshots.Directory is { } directory)
            {
                var store = new SnapshotStore(options.Snapshots, _loggers.CreateLogger<SnapshotStore>());
                owned.Add(store);
                rules = rules with { Snapshots = store };
                described.Add($"snapshots in {directory}");
            }

            builder = builder.Then(new AnalyticsStage(rules, publisher));
            described.Add($"analytics ({rules.Zones.Count} zones, {rules.Lines.Count} lines)");
            var encoder = new EventEncoder(new EventEnvelopeWriter(new EventEnvelopeContext
            {
                PipelineName = options.Pipeline.Name,
                InstanceId = options.Pipeline.InstanceId,
                Models = versions,
                SourceUris = sourceUris,
            }));
            Action<AnalyticsEvent>? observer = hooks.EventObserver;
            if (counts is not null)
            {
                observer = observer is null ? counts.Observe : observer + counts.Observe;
            }

            dispatcher = new EventDispatcher(publisher.Reader, encoder.Encode, sinks, observer, _logger);
        }

        if (annotating)
        {
            AnnotatedVideoStage video = AnnotationOverlay.Create(options, classNames, counts!, _loggers);
            owned.Add(video);
            builder = builder.Then(video);
            described.Add($"annotated video in {options.Annotate.Directory}");
        }

        foreach (IEventSink sink in sinks)
        {
            described.Add(sink is KafkaEventSink { EmbeddedBroker: { } broker } ? $"sink kafka (embedded broker at {broker.BootstrapServers})" : "sink " + sink.Name);
        }

        Pipeline pipeline = builder.Then(new DeliveryStage(hooks.FrameObserver)).Build();
        _logger.LogInformation(LogEvents.PipelineComposed, "Pipeline {Name} composed: {Parts}",
            options.Pipeline.Name, described.Count == 0 ? "sources only" : string.Join(", ", described));
        return new ComposedPipeline(pipeline, sinks, publisher, dispatcher, stages, owned, models, sourceUris, _logger);
    }

    private static void Describe(List<string> described, List<string> models, List<ModelVersion> versions, string role, ModelOptions model, InferenceSession session)
    {
        string version = ModelIdentity.VersionOf(session, model.Path);
        described.Add($"{role} {model.Id} ({InferenceSession.NameOf(session.Provider)}, {version})");
        models.Add(model.Id);
        versions.Add(new ModelVersion(model.Id, version));
    }

    /// <summary>Describes the stream of one configured source.</summary>
    /// <exception cref="NotSupportedException">No factory knows the source's URI scheme.</exception>
    public StreamSpec CreateStream(SourceOptions source, RuntimeOptions runtime)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(runtime);
        foreach (ISourceFactory factory in _sources)
        {
            if (factory.CanCreate(source))
            {
                var edge = new EdgeOptions
                {
                    Capacity = source.QueueCapacity ?? runtime.QueueCapacity,
                    Policy = source.EffectivePolicy == QueuePolicy.DropOldest ? EdgePolicy.DropOldest : EdgePolicy.Wait,
                };
                return new StreamSpec(source.Id, UriRedactor.Redact(source.Uri), factory.Create(source), edge);
            }
        }

        throw new NotSupportedException($"Source '{source.Id}': no source operator handles {UriRedactor.Redact(source.Uri)}.");
    }
}
