using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>The <c>pipeline:</c> section: who this pipeline is, in logs, metrics and events.</summary>
public sealed record PipelineInfoOptions : IValidatable
{
    /// <summary>The defaults.</summary>
    public static PipelineInfoOptions Default { get; } = new();

    /// <summary><c>name</c>: the pipeline's name, shared by its replicas. Default <c>streams</c>.</summary>
    public string Name { get; init; } = "streams";

    /// <summary><c>instance_id</c>: tells replicas of one pipeline apart. Default <c>streams-1</c>.</summary>
    public string InstanceId { get; init; } = "streams-1";

    void IValidatable.Validate(ValidationContext context)
    {
        context.NotEmpty(nameof(Name), Name);
        context.NotEmpty(nameof(InstanceId), InstanceId);
    }
}
