using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>The <c>runtime:</c> section: how stages are connected and stopped.</summary>
public sealed record RuntimeOptions : IValidatableOptions
{
    /// <summary>Largest queue between two stages: deep enough to absorb a batch, small enough to bound latency.</summary>
    internal const int MaxQueueCapacity = 4096;

    /// <summary>The defaults.</summary>
    public static RuntimeOptions Default { get; } = new();

    /// <summary>
    /// <c>queue_capacity</c>: frames buffered on each edge between stages, 1..4096. Default 8. More absorbs bursts,
    /// at the cost of latency and pooled frame memory.
    /// </summary>
    public int QueueCapacity { get; init; } = 8;

    /// <summary>
    /// <c>shutdown_timeout</c>: how long a graceful stop may drain the graph before cancellation wins, 100ms..10m.
    /// Default 10s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>metrics_interval</c>: how often progress and metrics are logged; 0 disables. Default 5s.</summary>
    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromSeconds(5);

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        context.InRange(nameof(QueueCapacity), QueueCapacity, 1, MaxQueueCapacity);
        context.InRange(nameof(ShutdownTimeout), ShutdownTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        context.AtLeast(nameof(MetricsInterval), MetricsInterval, TimeSpan.Zero);
    }
}
