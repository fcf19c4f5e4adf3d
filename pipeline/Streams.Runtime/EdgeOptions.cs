namespace Streams.Runtime;

/// <summary>How an <see cref="Edge{T}"/> is bounded and what it does when full.</summary>
public sealed record EdgeOptions
{
    private readonly int _capacity = 8;

    /// <summary>Options for a waiting edge of the default capacity.</summary>
    public static EdgeOptions Default { get; } = new();

    /// <summary>
    /// Items the edge holds before its policy applies. Default 8: enough to absorb a batch's worth of jitter
    /// between stages; more only adds latency and memory (a 1080p yuv420p frame is 3 MB).
    /// </summary>
    public int Capacity
    {
        get => _capacity;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _capacity = value;
        }
    }

    /// <summary>What a full edge does. Default <see cref="EdgePolicy.Wait"/>.</summary>
    public EdgePolicy Policy { get; init; } = EdgePolicy.Wait;

    /// <summary>True when only one task writes; lets the channel skip synchronisation. Default false.</summary>
    public bool SingleWriter { get; init; }
}
