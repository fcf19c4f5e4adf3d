using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Streams.Runtime;

/// <summary>Runtime settings of one pipeline.</summary>
public sealed record PipelineSettings
{
    private readonly int _queueCapacity = 8;

    /// <summary>Settings with every default.</summary>
    public static PipelineSettings Default { get; } = new();

    /// <summary>Identifies the pipeline in metrics and events. Default "streams".</summary>
    public string InstanceId { get; init; } = "streams";

    /// <summary>
    /// Capacity of the edges between stages. Default 8 (see <see cref="EdgeOptions.Capacity"/>); each stream's own
    /// edge takes its capacity from its <see cref="StreamSpec"/>.
    /// </summary>
    public int QueueCapacity
    {
        get => _queueCapacity;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _queueCapacity = value;
        }
    }

    /// <summary>
    /// True (default) to finish once every stream has ended, as a replay of files does. False keeps the pipeline
    /// open for streams added later, until a stop.
    /// </summary>
    public bool CompleteWhenStreamsEnd { get; init; } = true;

    /// <summary>Where frames come from; a pool of its own by default. Tests pass one in to read its accounting.</summary>
    public FramePool? FramePool { get; init; }

    /// <summary>Logs of the runtime. Default: none.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
