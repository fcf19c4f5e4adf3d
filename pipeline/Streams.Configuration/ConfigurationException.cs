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
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in file order; empty only when created from a message alone.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
