using System.Collections.ObjectModel;

namespace Streams.Analytics.Envelope;

/// <summary>
/// What an event's envelope says beyond the event itself: the pipeline that raised it and the (redacted) address of
/// each stream. Fixed for a pipeline's life, so <see cref="EventEnvelopeWriter"/> encodes it once.
/// </summary>
public sealed record EventEnvelopeContext
{
    /// <summary>The pipeline's name from its configuration (<c>pipeline.name</c>).</summary>
    public required string PipelineName { get; init; }

    /// <summary>This running instance (host name, pod name, or a random id per start), so that consumers can tell
    /// replicas of one pipeline apart (<c>pipeline.instance_id</c>).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The models the pipeline runs, in configuration order (<c>pipeline.models</c>). Default empty.</summary>
    public IReadOnlyList<ModelVersion> Models { get; init; } = [];

    /// <summary>
    /// Each stream's source address by stream id (<c>source.uri</c>), ALREADY REDACTED by the caller: the writer
    /// copies it verbatim, and credentials in it would reach every consumer. A stream missing here gets no
    /// <c>uri</c>. Default empty.
    /// </summary>
    public IReadOnlyDictionary<string, string> SourceUris { get; init; } = ReadOnlyDictionary<string, string>.Empty;
}
