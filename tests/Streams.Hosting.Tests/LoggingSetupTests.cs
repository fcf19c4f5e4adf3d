using System.Text.Json;
using Serilog.Core;
using Serilog.Extensions.Logging;
using Streams.Configuration;
using MsLogger = Microsoft.Extensions.Logging.ILogger;
using MsLogging = Microsoft.Extensions.Logging;

namespace Streams.Hosting.Tests;

/// <summary>The Serilog logger a pipeline logs through, as its file shows it: text or JSON, levels and overrides honoured.</summary>
[Trait("Tier", "Unit")]
public sealed class LoggingSetupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("streams-logging-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_json_format_writes_one_document_per_event_with_level_message_and_properties()
    {
        string file = Path.Combine(_directory, "log.json");

        using (Logger serilog = LoggingSetup.CreateLogger(new LoggingOptions { File = file, Format = LogFormat.Json }))
        using (var loggers = new SerilogLoggerFactory(serilog))
        {
            MsLogger logger = loggers.CreateLogger("Streams.Test");
            MsLogging.LoggerExtensions.LogInformation(logger, "Stream {StreamId} is {State}", "cam-1", "Streaming");
            MsLogging.LoggerExtensions.LogDebug(logger, "below the level");
        }

        string line = Assert.Single(File.ReadAllLines(file));
        using JsonDocument json = JsonDocument.Parse(line);
        Assert.Equal("Information", json.RootElement.GetProperty("Level").GetString());
        Assert.Equal("Stream \"cam-1\" is \"Streaming\"", json.RootElement.GetProperty("RenderedMessage").GetString());
        JsonElement properties = json.RootElement.GetProperty("Properties");
        Assert.Equal("cam-1", properties.GetProperty("StreamId").GetString());
        Assert.Equal("Streams.Test", properties.GetProperty("SourceContext").GetString());
    }

    [Fact]
    public void The_text_format_honours_the_level_override_and_quiets_hosting_below_warnings()
    {
        string file = Path.Combine(_directory, "log.txt");

        using (Logger serilog = LoggingSetup.CreateLogger(new LoggingOptions { File = file }, LogLevelOption.Debug))
        using (var loggers = new SerilogLoggerFactory(serilog))
        {
            MsLogging.LoggerExtensions.LogDebug(loggers.CreateLogger("Streams.Test"), "debug from {Who}", "us");
            MsLogging.LoggerExtensions.LogInformation(loggers.CreateLogger("Microsoft.Hosting.Lifetime"), "hosting chatter");
            MsLogging.LoggerExtensions.LogWarning(loggers.CreateLogger("Microsoft.Hosting.Lifetime"), "hosting warning");
        }

        string[] lines = File.ReadAllLines(file);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\[\d\d:\d\d:\d\d\.\d{3} DBG\] Streams\.Test: debug from us$", lines[0]);
        Assert.Matches(@"^\[\d\d:\d\d:\d\d\.\d{3} WRN\] Microsoft\.Hosting\.Lifetime: hosting warning$", lines[1]);
    }
}
