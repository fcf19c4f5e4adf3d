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
            text = ReadBounded(path, fullPath);
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

        return options.Api.AllowedPaths is null ? WithDefaultAllowedPaths(options, baseDirectory) : options;
    }

    /// <summary>
    /// <c>api.allowed_paths</c> by default: where the pipeline file is and where its own file sources are, so that a
    /// stream added through the API may read what the file could name already, and nothing else.
    /// </summary>
    private static PipelineOptions WithDefaultAllowedPaths(PipelineOptions options, string baseDirectory)
    {
        var directories = new List<string> { System.IO.Path.GetFullPath(baseDirectory) };
        foreach (var source in options.Sources)
        {
            if (source.IsFile && System.IO.Path.GetDirectoryName(source.Uri) is { Length: > 0 } directory && !directories.Contains(directory))
            {
                directories.Add(directory);
            }
        }

        return options with { Api = options.Api with { AllowedPaths = directories } };
    }

    /// <summary>
    /// Reads at most <see cref="ConfigLimits.MaxDocumentBytes"/> and one byte more, so that a 10 GB file, or
    /// <c>/dev/zero</c>, is refused after 1 MiB instead of filling the memory first.
    /// </summary>
    private static string ReadBounded(string path, string fullPath)
    {
        byte[] buffer = new byte[ConfigLimits.MaxDocumentBytes + 1];
        int length = 0;
        long? size = null;
        using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
        {
            if (stream.CanSeek)
            {
                size = stream.Length;
            }

            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }
        }

        var encoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        if (length <= ConfigLimits.MaxDocumentBytes)
        {
            // The byte order mark is skipped, as File.ReadAllText does.
            int skip = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            return encoding.GetString(buffer, skip, length - skip);
        }

        string head = encoding.GetString(buffer, 0, ConfigLimits.MaxDocumentBytes);
        int line = 1;
        int column = 1;
        foreach (char c in head)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        // A device such as /dev/zero seeks but tells its size as 0: its size is then unknown, not 0.
        string message = size is long bytes && bytes > ConfigLimits.MaxDocumentBytes
            ? YamlDocumentReader.TooLargeMessage(bytes)
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the document is over the limit of {ConfigLimits.MaxDocumentBytes} bytes (1 MiB); it passes the limit here");
        throw new ConfigurationException([new ConfigError(path, line, column, "", message)]);
    }

    /// <summary>
    /// Loads one <c>sources[]</c> entry sent on its own, as the HTTP API receives it: a JSON object (or a YAML
    /// mapping), bound and validated exactly like an entry of a pipeline file. Variables are not substituted, so a
    /// sender can never read the environment. Errors give positions in <paramref name="text"/> and key paths within
    /// the entry (<c>replay</c>, not <c>sources[0].replay</c>); syntax errors say "invalid JSON" when the text starts
    /// as JSON does.
    /// </summary>
    /// <param name="text">The entry.</param>
    /// <param name="displayPath">How the text is named in error messages, such as <c>request body</c>.</param>
    /// <param name="baseDirectory">The directory a relative file path resolves against.</param>
    /// <exception cref="ConfigurationException">The text is not one valid source entry.</exception>
    public static SourceOptions LoadSource(string text, string displayPath, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        string trimmed = text.TrimStart();
        string syntax = trimmed.StartsWith('{') || trimmed.StartsWith('[') ? "JSON" : "YAML";
        var errors = new ErrorList(displayPath);
        if (!YamlDocumentReader.TryRead(text, displayPath, static _ => null, errors, out var entry, syntax))
        {
            throw errors.ToException();
        }

        if (entry is not MappingNode)
        {
            errors.Add(new ConfigError(displayPath, entry?.Line ?? 0, entry?.Column ?? 0, "",
                $"expected one source entry as a JSON object, got {entry?.Describe() ?? "nothing"}"));
            throw errors.ToException();
        }

        // The entry is bound as the only item of a pipeline's sources, so it meets every rule a file's entry meets.
        var sourcesKey = new ScalarNode(displayPath, entry.Line, entry.Column, "sources", isPlain: true);
        var document = new MappingNode(displayPath, entry.Line, entry.Column,
            [new(sourcesKey, new SequenceNode(displayPath, entry.Line, entry.Column, [entry]))]);
        var merged = DefaultsMerger.Merge(ReadDefaults(), document) as MappingNode;
        var sites = new ConfigSites();
        var options = new ConfigBinder(errors, sites, System.IO.Path.GetFullPath(baseDirectory)).Bind<PipelineOptions>(merged);
        ConfigValidator.Validate(options, sites, errors);
        if (errors.Count > 0)
        {
            var found = errors.ToException();
            const string Prefix = "sources[0]";
            var local = new List<ConfigError>(found.Errors.Count);
            foreach (var error in found.Errors)
            {
                string path = error.KeyPath.StartsWith(Prefix, StringComparison.Ordinal) ? error.KeyPath[Prefix.Length..].TrimStart('.') : error.KeyPath;
                local.Add(error with { KeyPath = path });
            }

            throw new ConfigurationException(local, found.ErrorCount);
        }

        return options.Sources[0];
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
