using System.CommandLine;
using System.CommandLine.Parsing;
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

    public static Option<TimeSpan?> Duration() => PositiveDuration("--duration",
        "Stop gracefully after this long (e.g. 500ms, 30s, 2m; a bare number is seconds); default: until the sources end or a signal.");

    /// <summary>
    /// An option that takes a positive duration in the pipeline file's format (<see cref="DurationFormat"/>), so that
    /// <c>500ms</c> means the same on the command line as in YAML. Other aliases keep older spellings working.
    /// </summary>
    public static Option<TimeSpan?> PositiveDuration(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "duration",
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (DurationFormat.TryParse(text, out TimeSpan value) && value > TimeSpan.Zero)
            {
                return value;
            }

            // Named as typed, so that an older alias in a script is recognisable in the error.
            string typed = (result.Parent as OptionResult)?.IdentifierToken?.Value ?? name;
            result.AddError($"{typed}: '{text}' is not a positive duration; {DurationFormat.Hint}.");
            return null;
        },
    };

    private static T? ParseEnum<T>(string value, string option)
        where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out T parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ArgumentException($"{option}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}.");
}
