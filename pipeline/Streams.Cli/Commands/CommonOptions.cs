using System.CommandLine;
using Streams.Configuration;

namespace Streams.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Argument<FileInfo> ConfigArgument() => new("config")
    {
        Description = "The pipeline file (YAML). Relative paths inside it resolve against its own directory.",
    };

    public static Option<LogLevelOption?> LogLevel() => new("--log-level")
    {
        Description = "Log level, overriding logging.level: verbose, debug, information, warning or error.",
        CustomParser = result => ParseEnum<LogLevelOption>(result.Tokens[0].Value, "--log-level"),
    };

    public static Option<LogFormat?> LogFormat() => new("--log-format")
    {
        Description = "Log format, overriding logging.format: text (for people) or json (for collectors). Logs go to stderr.",
        CustomParser = result => ParseEnum<LogFormat>(result.Tokens[0].Value, "--log-format"),
    };

    public static Option<TimeSpan?> Duration() => new("--duration")
    {
        Description = "Stop gracefully after this long (e.g. 30s, 2m); default: until the sources end or a signal.",
        CustomParser = result => ParseDuration(result.Tokens[0].Value),
    };

    private static T? ParseEnum<T>(string value, string option)
        where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out T parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ArgumentException($"{option}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}.");

    private static TimeSpan? ParseDuration(string value)
    {
        string number = value.TrimEnd('s', 'm', 'h');
        if (!double.TryParse(number, System.Globalization.CultureInfo.InvariantCulture, out double amount) || amount <= 0)
        {
            throw new ArgumentException($"--duration: '{value}' is not a positive duration such as 30s, 2m or 1h.");
        }

        return value.EndsWith('h') ? TimeSpan.FromHours(amount)
            : value.EndsWith('m') ? TimeSpan.FromMinutes(amount)
            : TimeSpan.FromSeconds(amount);
    }
}
