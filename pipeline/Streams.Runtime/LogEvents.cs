using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>
/// Log event ids of the runtime and host. Each family keeps its own ids in its own range so that ids stay unique
/// across the whole program: 1xxx runtime, 2xxx host and CLI, 3xxx sources (<c>SourceLogEvents</c>), 4xxx inference
/// (<c>InferenceLogEvents</c>), 5xxx tracking and analytics, 6xxx sinks (<c>SinkLogEvents</c>).
/// </summary>
public static class LogEvents
{
    // 1xxx: runtime
    /// <summary>A stream changed state.</summary>
    public static readonly EventId StreamStateChanged = new(1001, nameof(StreamStateChanged));

    /// <summary>A drop-oldest edge began dropping frames of a stream (logged once per episode).</summary>
    public static readonly EventId DroppingStarted = new(1002, nameof(DroppingStarted));

    /// <summary>A stream's dropping episode ended.</summary>
    public static readonly EventId DroppingStopped = new(1003, nameof(DroppingStopped));

    /// <summary>A stage threw while processing an item.</summary>
    public static readonly EventId StageItemFailed = new(1004, nameof(StageItemFailed));

    /// <summary>A stage ended with an error that stops the pipeline.</summary>
    public static readonly EventId StageFailed = new(1005, nameof(StageFailed));

    /// <summary>The pipeline started.</summary>
    public static readonly EventId PipelineStarted = new(1006, nameof(PipelineStarted));

    /// <summary>A graceful stop began.</summary>
    public static readonly EventId StopRequested = new(1007, nameof(StopRequested));

    /// <summary>The stop deadline passed; in-flight items are discarded.</summary>
    public static readonly EventId HardStop = new(1008, nameof(HardStop));

    /// <summary>The pipeline finished.</summary>
    public static readonly EventId PipelineStopped = new(1009, nameof(PipelineStopped));

    /// <summary>A source ended with an error.</summary>
    public static readonly EventId SourceFailed = new(1010, nameof(SourceFailed));

    /// <summary>setpriv is missing: child processes could outlive a killed pipeline.</summary>
    public static readonly EventId NoParentDeathSignal = new(1011, nameof(NoParentDeathSignal));

    /// <summary>A finished pipeline has frames or buffers that were never returned to its pool (or returned twice).</summary>
    public static readonly EventId FramesLeaked = new(1012, nameof(FramesLeaked));

    // 2xxx: host and CLI
    /// <summary>Periodic per-stream progress.</summary>
    public static readonly EventId Progress = new(2001, nameof(Progress));

    /// <summary>A shutdown signal arrived.</summary>
    public static readonly EventId SignalReceived = new(2002, nameof(SignalReceived));

    /// <summary>The pipeline was composed from its configuration: stages, models, sinks.</summary>
    public static readonly EventId PipelineComposed = new(2003, nameof(PipelineComposed));

    /// <summary>Events did not reach a sink (counted by reason).</summary>
    public static readonly EventId EventsDropped = new(2004, nameof(EventsDropped));

    /// <summary>An event sink failed while the pipeline ran.</summary>
    public static readonly EventId SinkFailed = new(2005, nameof(SinkFailed));

    /// <summary>The HTTP API is listening.</summary>
    public static readonly EventId ApiListening = new(2006, nameof(ApiListening));

    /// <summary>A stream was added or removed while the pipeline ran.</summary>
    public static readonly EventId StreamsChanged = new(2007, nameof(StreamsChanged));

    /// <summary>The event sinks stopped: what each left undelivered (in its spool, or dropped).</summary>
    public static readonly EventId SinksStopped = new(2020, nameof(SinksStopped));
}
