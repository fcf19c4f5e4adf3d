using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>
/// Loads a pipeline file: reads it, substitutes <c>${VAR}</c> and <c>${VAR:-default}</c> in values, merges it over
/// the shipped <c>defaults.yaml</c>, binds it to <see cref="PipelineOptions"/> and validates the result. Every problem
/// found is reported at once in a <see cref="ConfigurationException"/>.
/// </summary>
public static class PipelineConfigLoader
{
    /// <summary>How the shipped defaults are named in error positions.</summary>
    public const string DefaultsFileName = "defaults.yaml";

    private const string DefaultsResource = "Streams.Configuration.defaults.yaml";

    private static readonly Lazy<string> s_defaultsText = new(ReadDefaultsResource);

    /// <summary>The shipped defaults, as YAML text.</summary>
    public static string DefaultsYaml => s_defaultsText.Value;

    /// <summary>
    /// Loads the pipeline file at <paramref name="path"/>; relative paths inside it resolve against its directory.
    /// </summary>
    /// <param name="path">The file; shown in error messages as given.</param>
    /// <param name="environment">Looks up variables for substitution; default: the process environment.</param>
    /// <exception cref="ConfigurationException">The file is missing, unreadable, malformed or invalid.</exception>
    public static PipelineOptions Load(string path, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = System.IO.Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigurationException([new ConfigError(path, 0, 0, "", $"configuration file not found: {fullPath}")]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigError(path, 0, 0, "", $"cannot read configuration file {fullPath}: {e.Message}")]);
        }

        return LoadFromString(text, path, System.IO.Path.GetDirectoryName(fullPath)!, environment);
    }

    /// <summary>Loads pipeline YAML held in memory.</summary>
    /// <param name="yaml">The document.</param>
    /// <param name="displayPath">How the document is named in error messages.</param>
    /// <param name="baseDirectory">The directory relative paths resolve against.</param>
    /// <param name="environment">Looks up variables for substitution; default: the process environment.</param>
    /// <exception cref="ConfigurationException">The document is malformed or invalid.</exception>
    public static PipelineOptions LoadFromString(string yaml, string displayPath, string baseDirectory, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        environment ??= Environment.GetEnvironmentVariable;

        var errors = new ErrorList(displayPath);
        if (!YamlDocumentReader.TryRead(yaml, displayPath, environment, errors, out var user))
        {
            throw errors.ToException();
        }

        if (user is not null and not MappingNode and not ScalarNode { IsNull: true })
        {
            errors.Add(user, "", $"a pipeline file must be a mapping of sections (pipeline, runtime, logging, sources, models, tracker, analytics, sinks), got {user.Describe()}");
            throw errors.ToException();
        }

        var merged = DefaultsMerger.Merge(ReadDefaults(), user) as MappingNode;
        var sites = new ConfigSites();
        var options = new ConfigBinder(errors, sites, System.IO.Path.GetFullPath(baseDirectory)).Bind<PipelineOptions>(merged);
        ConfigValidator.Validate(options, sites, errors);
        if (errors.Count > 0)
        {
            throw errors.ToException();
        }

        return options;
    }

    /// <summary>The shipped defaults as a node tree; parsed per load, since merged trees share nodes with it.</summary>
    internal static ConfigNode? ReadDefaults()
    {
        var errors = new ErrorList(DefaultsFileName);
        if (!YamlDocumentReader.TryRead(DefaultsYaml, DefaultsFileName, environment: null, errors, out var root) || errors.Count > 0)
        {
            throw new InvalidOperationException("The shipped defaults.yaml is malformed: " + errors.ToException().Message);
        }

        return root;
    }

    private static string ReadDefaultsResource()
    {
        using var stream = typeof(PipelineConfigLoader).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultsResource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
