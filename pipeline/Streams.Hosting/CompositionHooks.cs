using Streams.Analytics;
using Streams.Runtime;

namespace Streams.Hosting;

/// <summary>
/// Observers a caller (evaluation, a track writer) attaches to a composed pipeline. Both run on the pipeline's own
/// tasks: they must be quick and must not keep the frame (it is released right after).
/// </summary>
public sealed record CompositionHooks
{
    /// <summary>No observers.</summary>
    public static CompositionHooks None { get; } = new();

    /// <summary>Sees every frame at the end of the pipeline, after tracking and analytics. Default null.</summary>
    public Action<Frame>? FrameObserver { get; init; }

    /// <summary>Sees every analytics event before the sinks do (analytics runs for it even without sinks). Default null.</summary>
    public Action<AnalyticsEvent>? EventObserver { get; init; }
}
