namespace Streams.Sinks;

/// <summary>Settings of <see cref="ConsoleEventSink"/>.</summary>
public sealed record ConsoleEventSinkOptions
{
    /// <summary>Shipped defaults: one compact JSON object per line.</summary>
    public static ConsoleEventSinkOptions Default { get; } = new();

    /// <summary>Indented JSON, one object after another, instead of one object per line. Default false.</summary>
    public bool Pretty { get; init; }
}
