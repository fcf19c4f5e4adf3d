using Microsoft.Extensions.Logging;
using Streams.Options;

namespace Streams.Sinks;

/// <summary>
/// One entry of <c>sinks:</c>, where events go, and the settings its sink takes. The <c>type:</c> key chooses the
/// record: <c>kafka</c> (<see cref="KafkaSinkOptions"/>), <c>jsonl</c> (<see cref="JsonLinesFileSinkOptions"/>),
/// <c>stdout</c> (<see cref="ConsoleEventSinkOptions"/>). A new sink adds a <see cref="ConfigSubtypeAttribute"/>-marked
/// record in this assembly; the binder finds it there.
/// </summary>
[ConfigDiscriminator("type")]
public abstract record SinkOptions : IValidatableOptions
{
    /// <summary><c>id</c>: names the sink in logs and metrics; unique across sinks when given. Default null: named by its type and position.</summary>
    public string? Id { get; init; }

    /// <summary>Opens the sink these settings describe; the sink checks them first.</summary>
    /// <exception cref="ArgumentException">A setting breaks a rule of <see cref="Validate"/>.</exception>
    public abstract IEventSink CreateSink(ILoggerFactory loggers);

    /// <summary>Reports every broken rule; the base has none.</summary>
    public virtual void Validate(OptionsValidation validation) => ArgumentNullException.ThrowIfNull(validation);
}
