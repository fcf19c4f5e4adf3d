namespace Streams.Configuration.Tests;

/// <summary>Loads YAML from a string against a temp directory and returns the options or the errors.</summary>
public abstract class ConfigTestBase : IDisposable
{
    protected const string File = "pipeline.yaml";

    internal TempDirectory Dir { get; } = new();

    protected PipelineOptions Load(string yaml, Func<string, string?>? environment = null) =>
        PipelineConfigLoader.LoadFromString(yaml, File, Dir.Path, environment ?? NoEnvironment);

    protected IReadOnlyList<ConfigError> Errors(string yaml, Func<string, string?>? environment = null) =>
        Assert.Throws<ConfigurationException>(() => Load(yaml, environment)).Errors;

    protected ConfigError SingleError(string yaml, Func<string, string?>? environment = null) =>
        Assert.Single(Errors(yaml, environment));

    protected static void AssertError(ConfigError error, int line, int column, string keyPath, string message)
    {
        Assert.Equal(message, error.Message);
        Assert.Equal((File, line, column, keyPath), (error.File, error.Line, error.Column, error.KeyPath));
    }

    protected static string? NoEnvironment(string name) => null;

    public void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
