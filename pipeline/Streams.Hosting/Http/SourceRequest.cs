using Streams.Configuration;

namespace Streams.Hosting.Http;

/// <summary>Reads one source entry from a request body with the pipeline file's own binding and validation.</summary>
internal static class SourceRequest
{
    /// <summary>How the body is named in error messages.</summary>
    public const string DisplayName = "request body";

    /// <exception cref="ConfigurationException">The body is not one valid source entry.</exception>
    public static SourceOptions Parse(string body) =>
        PipelineConfigLoader.LoadSource(body, DisplayName, Environment.CurrentDirectory);
}
