using Streams.Options;

namespace Streams.Configuration;

/// <summary>A <c>type: jsonl</c> sink: one JSON event per line, appended to a file.</summary>
[ConfigSubtype("jsonl")]
public sealed record JsonlSinkOptions : SinkOptions
{
    /// <summary><c>path</c> (required): the output file, resolved against the pipeline file's directory (stored
    /// absolute); its directory is created when the sink starts, so it need not exist.</summary>
    [ConfigPath]
    public required string Path { get; init; }
}
