using Streams.Options;

namespace Streams.Configuration;

/// <summary>
/// One entry of <c>sinks:</c>, where events go. The <c>type:</c> key chooses the subtype: <c>kafka</c>
/// (<see cref="KafkaSinkOptions"/>), <c>jsonl</c> (<see cref="JsonlSinkOptions"/>), <c>stdout</c> (<see cref="StdoutSinkOptions"/>).
/// </summary>
[ConfigDiscriminator("type")]
public abstract record SinkOptions
{
    /// <summary><c>id</c>: names the sink in logs and metrics; unique across sinks when given. Default null: named by its type and position.</summary>
    public string? Id { get; init; }
}
