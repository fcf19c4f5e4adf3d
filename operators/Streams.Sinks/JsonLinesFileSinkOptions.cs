using Microsoft.Extensions.Logging;
using Streams.Options;

namespace Streams.Sinks;

/// <summary>A <c>type: jsonl</c> sink: the settings of <see cref="JsonLinesFileSink"/>, one JSON event per line appended to a file.</summary>
[ConfigSubtype("jsonl")]
public sealed record JsonLinesFileSinkOptions : SinkOptions
{
    /// <summary><c>path</c> (required): the output file, resolved against the pipeline file's directory (stored
    /// absolute); its directory is created when the sink starts, so it need not exist.</summary>
    [ConfigPath]
    public required string Path { get; init; }

    /// <summary>Append to an existing file (true, the default) or start it afresh. Code only.</summary>
    [ConfigIgnore]
    public bool Append { get; init; } = true;

    /// <summary>Hand every line to the operating system at once (true, the default: a killed process loses nothing);
    /// false buffers 64 KiB and writes on <see cref="IEventSink.FlushAsync"/>, when full, and at dispose. Code only.</summary>
    [ConfigIgnore]
    public bool AutoFlush { get; init; } = true;

    /// <inheritdoc />
    public override IEventSink CreateSink(ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        return new JsonLinesFileSink(this, loggers.CreateLogger<JsonLinesFileSink>());
    }

    /// <summary>A path to write to.</summary>
    public override void Validate(OptionsValidation validation)
    {
        base.Validate(validation);
        validation.NotEmpty(nameof(Path), Path);
    }
}
