using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;
using Streams.Configuration;

namespace Streams.Hosting;

/// <summary>Builds the Serilog logger a pipeline logs through: console text or JSON, and an optional file.</summary>
public static class LoggingSetup
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Creates the logger for <paramref name="options"/>; <paramref name="levelOverride"/> wins over the file.</summary>
    public static Logger CreateLogger(LoggingOptions options, LogLevelOption? levelOverride = null, LogFormat? formatOverride = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        LogEventLevel level = ToSerilog(levelOverride ?? options.Level);
        LogFormat format = formatOverride ?? options.Format;
        LoggerConfiguration configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            // Hosting's own lifetime chatter is noise next to the pipeline's log.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            // A start that fails is said once, plainly, by StreamsHost ("Cannot start: ..."); the host's own line would
            // repeat it with a stack trace. Anything else it would report is rethrown and ends the process loudly.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
            .Enrich.FromLogContext();

        // Logs go to stderr: stdout belongs to event output (the stdout sink, `streams events`).
        configuration = format == LogFormat.Json
            ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose)
            : configuration.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (options.File is { Length: > 0 } file)
        {
            configuration = format == LogFormat.Json
                ? configuration.WriteTo.File(new JsonFormatter(renderMessage: true), file)
                : configuration.WriteTo.File(file, outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return configuration.CreateLogger();
    }

    private static LogEventLevel ToSerilog(LogLevelOption level) => level switch
    {
        LogLevelOption.Verbose => LogEventLevel.Verbose,
        LogLevelOption.Debug => LogEventLevel.Debug,
        LogLevelOption.Information => LogEventLevel.Information,
        LogLevelOption.Warning => LogEventLevel.Warning,
        LogLevelOption.Error => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };
}
