using Streams.Options;

namespace Streams.Configuration;

/// <summary>A <c>type: stdout</c> sink: events written to standard output, one per line.</summary>
[ConfigSubtype("stdout")]
public sealed record StdoutSinkOptions : SinkOptions
{
    /// <summary><c>pretty</c>: indent each event over several lines, for reading by eye. Default false.</summary>
    public bool Pretty { get; init; }
}
