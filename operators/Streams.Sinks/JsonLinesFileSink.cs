using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Options;
using Streams.Sinks.Internal;

namespace Streams.Sinks;

/// <summary>
/// Writes each event's payload to a file as one line of JSON (JSONL): the payload as is when it is already one line,
/// re-written compactly when it spans lines. A payload that is not JSON is dropped as
/// <see cref="EventDropReason.Rejected"/>; an I/O error drops as <see cref="EventDropReason.WriteFailed"/>; both are counted
/// and logged once per episode.
/// </summary>
public sealed class JsonLinesFileSink : IEventSink
{
    private readonly JsonLinesFileSinkOptions _options;
    private readonly ILogger _logger;
    private readonly SinkCounters _counters = new("jsonl");
    private readonly FileStream _file;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _failing;
    private bool _disposed;

    /// <summary>Opens (or creates) the file.</summary>
    /// <exception cref="ArgumentException">The options break a rule of <see cref="JsonLinesFileSinkOptions.Validate"/>.</exception>
    public JsonLinesFileSink(JsonLinesFileSinkOptions options, ILogger<JsonLinesFileSink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidator.ThrowIfInvalid(options, nameof(options));
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        string? directory = Path.GetDirectoryName(Path.GetFullPath(options.Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _file = new FileStream(options.Path, options.Append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read,
            bufferSize: 64 * 1024, FileOptions.Asynchronous);
    }

    /// <inheritdoc />
    public string Name => "jsonl";

    /// <inheritdoc />
    public Task Completion => _completion.Task;

    /// <inheritdoc />
    public async ValueTask WriteAsync(OutgoingEvent outgoingEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outgoingEvent);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _counters.Accepted();
            _line.ResetWrittenCount();
            if (!JsonText.TryWrite(outgoingEvent.Payload.Span, pretty: false, _line))
            {
                _counters.Dropped(EventDropReason.Rejected);
                _logger.LogWarning(SinkLogEvents.EventsDropped, "Dropped {Event}: its payload is not JSON", outgoingEvent);
                return;
            }

            _line.Write("\n"u8);
            try
            {
                await _file.WriteAsync(_line.WrittenMemory, CancellationToken.None);
                if (_options.AutoFlush)
                {
                    await _file.FlushAsync(CancellationToken.None);
                }

                _counters.Acknowledged(-1);
                _failing = false;
            }
            catch (IOException ex)
            {
                _counters.Dropped(EventDropReason.WriteFailed);
                if (!_failing)
                {
                    _failing = true;
                    _logger.LogError(SinkLogEvents.EventsDropped, ex, "DROPPING events: writing {Path} failed; further failures are counted, not logged", _options.Path);
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!_disposed)
            {
                await _file.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public EventSinkStatistics GetStatistics() => _counters.Snapshot(0, 0, 0);

    /// <inheritdoc />
    /// <remarks>Writes are local and synchronous with <see cref="WriteAsync"/>: nothing is left undelivered.</remarks>
    public async ValueTask<SinkStopReport> StopAsync(CancellationToken cancellationToken = default)
    {
        await DisposeAsync();
        return SinkStopReport.Clean(Name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _file.DisposeAsync();
            _completion.TrySetResult();
        }
        catch (IOException ex)
        {
            _completion.TrySetException(ex);
        }
        finally
        {
            _lock.Release();
        }
    }
}
