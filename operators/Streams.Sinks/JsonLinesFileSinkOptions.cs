namespace Streams.Sinks;

/// <summary>Settings of <see cref="JsonLinesFileSink"/>.</summary>
public sealed record JsonLinesFileSinkOptions
{
    private readonly string _path = "";

    /// <summary>The file; its directory is created if missing. Required.</summary>
    public required string Path
    {
        get => _path;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _path = value;
        }
    }

    /// <summary>Append to an existing file (true, the default) or start it afresh.</summary>
    public bool Append { get; init; } = true;

    /// <summary>Hand every line to the operating system at once (true, the default: a killed process loses nothing);
    /// false buffers 64 KiB and writes on <see cref="IEventSink.FlushAsync"/>, when full, and at dispose.</summary>
    public bool AutoFlush { get; init; } = true;
}
