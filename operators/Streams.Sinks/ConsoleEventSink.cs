using System.Buffers;
using System.Text;
using Streams.Options;
using Streams.Sinks.Internal;

namespace Streams.Sinks;

/// <summary>
/// Writes each event's payload to standard output (or any <see cref="TextWriter"/>): one compact JSON object per line,
/// or indented with <see cref="ConsoleEventSinkOptions.Pretty"/>. A payload that is not JSON is dropped and counted as
/// <see cref="EventDropReason.Rejected"/>.
/// </summary>
public sealed class ConsoleEventSink : IEventSink
{
    private readonly ConsoleEventSinkOptions _options;
    private readonly TextWriter _writer;
    private readonly SinkCounters _counters = new("stdout");
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _text = new(4096);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Writes to <paramref name="writer"/>, or to <see cref="Console.Out"/> when null. The writer is not disposed.</summary>
    public ConsoleEventSink(ConsoleEventSinkOptions? options = null, TextWriter? writer = null)
    {
        _options = options ?? ConsoleEventSinkOptions.Default;
        OptionsValidator.ThrowIfInvalid(_options, nameof(options));
        _writer = writer ?? Console.Out;
    }

    /// <inheritdoc />
    public string Name => "stdout";

    /// <inheritdoc />
    public Task Completion => _completion.Task;

    /// <inheritdoc />
    public async ValueTask WriteAsync(OutgoingEvent outgoingEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outgoingEvent);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            _counters.Accepted();
            _text.ResetWrittenCount();
            if (!JsonText.TryWrite(outgoingEvent.Payload.Span, _options.Pretty, _text))
            {
                _counters.Dropped(EventDropReason.Rejected);
                return;
            }

            await _writer.WriteLineAsync(Encoding.UTF8.GetString(_text.WrittenSpan).AsMemory(), CancellationToken.None);
            _counters.Acknowledged(-1);
        }
        catch (IOException)
        {
            _counters.Dropped(EventDropReason.WriteFailed); // stdout closed (a pipe reader went away): counted
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
            await _writer.FlushAsync(cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public EventSinkStatistics GetStatistics() => _counters.Snapshot(0, 0, 0);

    /// <inheritdoc />
    /// <remarks>Events are written to stdout as they come: nothing is left undelivered.</remarks>
    public async ValueTask<SinkStopReport> StopAsync(CancellationToken cancellationToken = default)
    {
        await DisposeAsync();
        return SinkStopReport.Clean(Name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync();
        }
        catch (IOException)
        {
            // stdout is gone; nothing left to flush to
        }

        _completion.TrySetResult();
    }
}
