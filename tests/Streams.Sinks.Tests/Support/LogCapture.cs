using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Streams.Sinks.Tests.Support;

/// <summary>An ILogger that keeps every formatted line (and echoes it to the test output when given one).</summary>
internal sealed class LogCapture<T>(ITestOutputHelper? output = null) : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string message = formatter(state, exception);
        Entries.Enqueue((logLevel, eventId, message));
        try
        {
            output?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {logLevel} {eventId.Name}: {message}");
        }
        catch (InvalidOperationException)
        {
            // the test already ended
        }
    }

    public int Count(EventId id, LogLevel? level = null) => Entries.Count(e => e.Id.Id == id.Id && (level is null || e.Level == level));

    public string All => string.Join('\n', Entries.Select(e => $"{e.Level} {e.Id.Name}: {e.Message}"));
}
