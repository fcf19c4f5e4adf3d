using Microsoft.Extensions.Logging;
using Streams.Runtime;

namespace Streams.Sources.Tests.Support;

/// <summary>
/// A logger factory that keeps every entry, echoes it to the test's output, and lets tests await an entry
/// (stream state changes are logged by the runtime, so this is how tests see them happen).
/// </summary>
internal sealed class LogCapture(ITestOutputHelper? output = null) : ILoggerFactory
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];
    private readonly List<(Func<Entry, bool> Predicate, TaskCompletionSource<Entry> Done)> _waiters = [];
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>One log entry; <see cref="State"/> and <see cref="Reason"/> are set for state changes.</summary>
    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, string? StreamId,
        StreamState? State, string? Reason, long Timestamp);

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The state changes of <paramref name="streamId"/> so far, in order.</summary>
    public IReadOnlyList<Entry> StatesOf(string streamId)
    {
        lock (_lock)
        {
            return _entries.Where(e => e.State is not null && e.StreamId == streamId).ToList();
        }
    }

    /// <summary>Completes with the first entry (logged before or after the call) that matches; throws after the bound.</summary>
    public Task<Entry> WaitForAsync(Func<Entry, bool> predicate, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<Entry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            foreach (Entry entry in _entries)
            {
                if (predicate(entry))
                {
                    return Task.FromResult(entry);
                }
            }

            _waiters.Add((predicate, done));
        }

        return done.Task.WaitAsync(timeout ?? TestTimeouts.Wait);
    }

    /// <summary>Waits until <paramref name="streamId"/> enters <paramref name="state"/> after <paramref name="after"/> entries.</summary>
    public Task<Entry> WaitForStateAsync(string streamId, StreamState state, int after = 0, TimeSpan? timeout = null)
    {
        int skip = after;
        return WaitForAsync(e => e.State == state && e.StreamId == streamId && Interlocked.Decrement(ref skip) < 0, timeout);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private void Add(Entry entry)
    {
        try
        {
            output?.WriteLine($"{System.Diagnostics.Stopwatch.GetElapsedTime(_start).TotalSeconds,7:0.000} {entry.Level,-11} {entry.Message}");
        }
        catch (InvalidOperationException)
        {
            // The test finished; its output is closed.
        }

        lock (_lock)
        {
            _entries.Add(entry);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Predicate(entry))
                {
                    _waiters[i].Done.TrySetResult(entry);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string? streamId = null;
            StreamState? streamState = null;
            string? reason = null;
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                foreach (KeyValuePair<string, object?> pair in values)
                {
                    switch (pair.Key)
                    {
                        case "StreamId":
                            streamId = pair.Value as string;
                            break;
                        case "State":
                            streamState = pair.Value as StreamState?;
                            break;
                        case "Reason":
                            reason = pair.Value as string;
                            break;
                    }
                }
            }

            if (eventId.Id == LogEvents.StreamStateChanged.Id)
            {
                streamState ??= StreamState.Failed;
                reason = reason?.TrimStart(':', ' ');
            }
            else
            {
                streamState = null;
            }

            string message = formatter(state, exception) + (exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message);
            capture.Add(new Entry(category, logLevel, eventId, message, streamId, streamState, reason, System.Diagnostics.Stopwatch.GetTimestamp()));
        }
    }
}
