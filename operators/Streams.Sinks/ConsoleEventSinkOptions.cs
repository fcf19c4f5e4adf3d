using Microsoft.Extensions.Logging;
using Streams.Options;

namespace Streams.Sinks;

/// <summary>A <c>type: stdout</c> sink: the settings of <see cref="ConsoleEventSink"/>, events written to standard output.</summary>
[ConfigSubtype("stdout")]
public sealed record ConsoleEventSinkOptions : SinkOptions
{
    /// <summary>Shipped defaults: one compact JSON object per line.</summary>
    public static ConsoleEventSinkOptions Default { get; } = new();

    /// <summary><c>pretty</c>: indented JSON, one object after another, for reading by eye, instead of one object per
    /// line. Default false.</summary>
    public bool Pretty { get; init; }

    /// <inheritdoc />
    public override IEventSink CreateSink(ILoggerFactory loggers) => new ConsoleEventSink(this);
}
