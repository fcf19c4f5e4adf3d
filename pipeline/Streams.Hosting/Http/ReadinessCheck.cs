using Streams.Configuration;
using Streams.Runtime;
using Streams.Sinks;

namespace Streams.Hosting.Http;

/// <summary>What <c>/readyz</c> answers: every required stream streaming, every Kafka sink reaching its broker.</summary>
internal static class ReadinessCheck
{
    /// <summary>The reasons the pipeline is not ready; empty when it is.</summary>
    public static List<string> Problems(ComposedPipeline? composed, IReadOnlySet<string> optionalStreams)
    {
        var problems = new List<string>();
        if (composed is null)
        {
            problems.Add("the pipeline has not started");
            return problems;
        }

        foreach (StreamContext stream in composed.Pipeline.GetStreams())
        {
            if (!optionalStreams.Contains(stream.Id) && stream.State != StreamState.Streaming)
            {
                problems.Add($"stream {stream.Id} is {stream.State.ToString().ToLowerInvariant()}" + (stream.Reason is { } reason ? $": {reason}" : ""));
            }
        }

        foreach (IEventSink sink in composed.Sinks)
        {
            if (sink is KafkaEventSink { IsBrokerReachable: false })
            {
                problems.Add("the Kafka broker is unreachable (events wait in memory or in the spool)");
            }
        }

        return problems;
    }

    /// <summary>Ids of the configured streams marked <c>required: false</c>.</summary>
    public static HashSet<string> OptionalStreams(PipelineOptions options)
    {
        var optional = new HashSet<string>(StringComparer.Ordinal);
        foreach (SourceOptions source in options.Sources)
        {
            if (!source.Required)
            {
                optional.Add(source.Id);
            }
        }

        return optional;
    }
}
