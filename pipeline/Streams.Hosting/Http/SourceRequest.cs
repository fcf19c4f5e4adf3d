using Streams.Configuration;

namespace Streams.Hosting.Http;

/// <summary>Reads one source entry from a request body with the pipeline file's own binding and validation.</summary>
internal static class SourceRequest
{
    /// <exception cref="ConfigurationException">The body is not one valid source entry.</exception>
    public static SourceOptions Parse(string body)
    {
        // JSON is YAML's flow style, so the body drops into a one-entry sources list as it is.
        string document = "sources: [\n" + body + "\n]\n";
        PipelineOptions options = PipelineConfigLoader.LoadFromString(document, "request", Environment.CurrentDirectory, static _ => null);
        if (options.Sources.Count != 1)
        {
            throw new ConfigurationException([new ConfigError("request", 1, 1, "sources", "send exactly one source entry")]);
        }

        return options.Sources[0];
    }
}
