using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Runtime;

namespace Streams.Hosting;

/// <summary>
/// SIGINT and SIGTERM: the first asks for a graceful stop (sources stop, frames drain, sinks deliver, all within the
/// shutdown timeout); the second forces it, discarding in-flight frames and ending the sinks' delivery (exit 130).
/// </summary>
/// <remarks>
/// It replaces the console lifetime's own handling and lives from before the host starts until after it has stopped,
/// so no signal arrives while nobody is registered to count it. A signal can arrive while the host disposes its
/// services: the handler therefore touches nothing that is disposed (<see cref="PipelineService.Abort"/> only cancels a
/// source that is never disposed).
/// </remarks>
public sealed class ShutdownSignals : IDisposable
{
    private readonly IHostApplicationLifetime _lifetime;
    private readonly PipelineService _pipeline;
    private readonly ILogger _logger;
    private readonly TimeSpan _deadline;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    /// <summary>Starts handling signals; <paramref name="deadline"/> is only reported in the log.</summary>
    public ShutdownSignals(IHostApplicationLifetime lifetime, PipelineService pipeline, ILogger<ShutdownSignals> logger, TimeSpan deadline)
    {
        _lifetime = lifetime;
        _pipeline = pipeline;
        _logger = logger;
        _deadline = deadline;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The process must not die on the signal's default action: the stop below decides when it ends.
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _logger.LogInformation(LogEvents.SignalReceived,
                "{Signal}: stopping gracefully within {Deadline}; signal again to force", context.Signal, _deadline);
            try
            {
                _lifetime.StopApplication();
            }
            catch (ObjectDisposedException)
            {
                // the host is already past its stop: nothing left to ask
            }
        }
        else
        {
            _logger.LogWarning(LogEvents.SignalReceived,
                "{Signal} again: forcing the stop, in-flight frames are discarded and the sinks spool or drop what they still hold", context.Signal);
            _pipeline.Abort();
        }
    }
}
