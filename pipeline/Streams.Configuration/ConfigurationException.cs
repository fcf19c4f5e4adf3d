namespace Streams.Configuration;

/// <summary>A pipeline file could not be loaded; <see cref="Errors"/> holds every problem found, in file order, and
/// <see cref="Exception.Message"/> lists them one per line as <c>file:line:col: key: message</c>.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates an exception with no errors listed.</summary>
    public ConfigurationException()
    {
        Errors = [];
    }

    /// <summary>Creates an exception with a message and no errors listed.</summary>
    public ConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with a message, a cause and no errors listed.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates an exception listing <paramref name="errors"/>.</summary>
    public ConfigurationException(IReadOnlyList<ConfigError> errors)
        : this(errors, errors?.Count ?? 0)
    {
    }

    /// <summary>
    /// Creates an exception listing <paramref name="errors"/> out of <paramref name="errorCount"/> found (the last one
    /// listed says how many were left out).
    /// </summary>
    public ConfigurationException(IReadOnlyList<ConfigError> errors, int errorCount)
        : base(string.Join(Environment.NewLine, errors ?? throw new ArgumentNullException(nameof(errors))))
    {
        Errors = errors;
        ErrorCount = errorCount;
    }

    /// <summary>
    /// The problems found, in file order, at most <see cref="ConfigLimits.MaxReportedErrors"/> of them and then one
    /// saying how many more there are; empty only when created from a message alone.
    /// </summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>How many problems were found, those left out of <see cref="Errors"/> included.</summary>
    public int ErrorCount { get; }
}
