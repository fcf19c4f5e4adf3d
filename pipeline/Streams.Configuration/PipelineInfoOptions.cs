using Streams.Options;
using System.Globalization;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>The <c>pipeline:</c> section: who this pipeline is, in logs, metrics and events.</summary>
public sealed record PipelineInfoOptions : IValidatableOptions
{
    /// <summary>The defaults.</summary>
    public static PipelineInfoOptions Default { get; } = new();

    /// <summary>Longest name or instance id: both go into every event, log line and metric series.</summary>
    public const int MaxLength = 128;

    /// <summary><c>name</c>: the pipeline's name, shared by its replicas; 1-128 characters. Default <c>streams</c>.</summary>
    public string Name { get; init; } = "streams";

    /// <summary><c>instance_id</c>: tells replicas of one pipeline apart; 1-128 characters. Default <c>streams-1</c>.</summary>
    public string InstanceId { get; init; } = "streams-1";

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        context.NotEmpty(nameof(Name), Name);
        context.NotEmpty(nameof(InstanceId), InstanceId);
        CheckLength(context, nameof(Name), Name);
        CheckLength(context, nameof(InstanceId), InstanceId);
    }

    private static void CheckLength(OptionsValidation context, string property, string? value)
    {
        if (value is { Length: > MaxLength })
        {
            context.Error(property, string.Create(CultureInfo.InvariantCulture,
                $"must be at most {MaxLength} characters, got {value.Length}"));
        }
    }
}
