using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Configuration;
using Streams.Runtime;

namespace Streams.Hosting;

/// <summary>
/// Runs the configured pipeline for the host's lifetime: starts it with the host, stops it gracefully within the
/// host's shutdown timeout, and stops the host when the pipeline finishes by itself (every file replayed).
/// </summary>
/// <remarks>
/// One stop deadline, <c>runtime.shutdown_timeout</c>, covers the whole stop: the graph drains, the last events reach
/// the sinks, and the sinks deliver what they hold with whatever time is left; what they cannot deliver by then is
/// spooled or dropped and counted, and a loss turns the exit code into <see cref="ExitCodes.StopForced"/>. A forced
/// stop (<see cref="Abort"/>) goes through one cancellation source that this service never disposes, so a signal
/// arriving at any point of the process's life only ever cancels a live token.
/// </remarks>
public sealed class PipelineService : IHostedService, IAsyncDisposable
{
    private readonly PipelineOptions _options;
    private readonly PipelineComposer _composer;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private ComposedPipeline? _composed;
    private Task _watch = Task.CompletedTask;
    private volatile int _exitCode = ExitCodes.Success;
    private readonly RunCustomization _customization;
    private readonly CancellationTokenSource _companionStop = new();

    // Never disposed, on purpose: Abort may run on a signal thread at any moment, before start or after dispose. Without
    // a timer or a wait handle a CancellationTokenSource holds nothing that needs freeing.
    private readonly CancellationTokenSource _forced = new();
    private CancellationTokenRegistration _forcedAbort;
    private Task _companion = Task.CompletedTask;

    // How long a companion may take to finish by itself once the pipeline has, before it is canceled.
    private static readonly TimeSpan s_companionGrace = TimeSpan.FromSeconds(3);

    /// <summary>Creates the service for <paramref name="options"/>.</summary>
    public PipelineService(PipelineOptions options, PipelineComposer composer, IHostApplicationLifetime lifetime, ILogger<PipelineService> logger,
        RunCustomization? customization = null)
    {
        _customization = customization ?? new RunCustomization();
        _options = options;
        _composer = composer;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>The running pipeline, once started.</summary>
    public Pipeline? Pipeline => _composed?.Pipeline;

    /// <summary>The running pipeline with its models and sinks, once started.</summary>
    public ComposedPipeline? Composed => _composed;

    /// <summary>What the process should exit with (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode => _exitCode;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Opening the sinks and loading the models takes from milliseconds to seconds: on a worker thread, with the
        // host's start token (cancelled by a stop asked for meanwhile), checked before each.
        ComposedPipeline composed = await Task.Run(() => _composer.Build(_options, hooks: _customization.Hooks, cancellationToken: cancellationToken),
            cancellationToken).ConfigureAwait(false);
        _composed = composed;
        foreach (SourceOptions source in _options.Sources)
        {
            composed.AddStream(_composer.CreateStream(source, _options.Runtime));
        }

        composed.Start();
        // Registered after Start, and unregistered before the pipeline is disposed (which waits for a running abort).
        _forcedAbort = _forced.Token.Register(static state => ((ComposedPipeline)state!).Abort(), composed);
        if (_customization.Companion is { } companion)
        {
            _companion = Task.Run(() => companion(composed, _companionStop.Token), CancellationToken.None);
        }

        _watch = WatchAsync(composed);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_composed is null)
        {
            return;
        }

        long started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Runtime.ShutdownTimeout);
        StopOutcome outcome = await _composed.StopAsync(deadline.Token).ConfigureAwait(false);
        await _watch.ConfigureAwait(false);
        if (!_forced.IsCancellationRequested)
        {
            await FinishCompanionAsync(_composed).ConfigureAwait(false);
        }

        // The sinks get what is left of the same deadline; a forced stop ends their delivery at once.
        using var sinkDeadline = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _forced.Token);
        if (_composed.Sinks.Count > 0)
        {
            long inFlight = 0;
            foreach (Streams.Sinks.IEventSink sink in _composed.Sinks)
            {
                Streams.Sinks.EventSinkStatistics stats = sink.GetStatistics();
                inFlight += stats.InFlight + stats.SpoolPending;
            }

            TimeSpan left = _options.Runtime.ShutdownTimeout - Stopwatch.GetElapsedTime(started);
            _logger.LogInformation(LogEvents.SinksStopped, "Stopping the sinks: {InFlight} events on their way, {Left:F2} s of the stop deadline left",
                inFlight, Math.Max(0, left.TotalSeconds));
        }

        long dropped = await StopSinksAsync(_composed, sinkDeadline.Token).ConfigureAwait(false);
        if ((outcome == StopOutcome.Forced || dropped > 0) && _exitCode == ExitCodes.Success)
        {
            _exitCode = ExitCodes.StopForced;
        }

        _logger.LogInformation(LogEvents.PipelineStopped, "Stopped in {Seconds:F2} s (deadline {Deadline}){Forced}",
            Stopwatch.GetElapsedTime(started).TotalSeconds, _options.Runtime.ShutdownTimeout,
            _forced.IsCancellationRequested ? ", forced by a second signal" : "");
    }

    /// <summary>Adds a stream while the pipeline runs (the API's <c>POST /streams</c>).</summary>
    /// <exception cref="ArgumentException">A stream with the id exists.</exception>
    /// <exception cref="InvalidOperationException">The pipeline has not started or is stopping.</exception>
    /// <exception cref="NotSupportedException">No source operator handles the URI.</exception>
    public StreamContext AddStream(SourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ComposedPipeline composed = _composed ?? throw new InvalidOperationException("The pipeline has not started.");
        StreamContext stream = composed.AddStream(_composer.CreateStream(source, _options.Runtime));
        _logger.LogInformation(LogEvents.StreamsChanged, "Stream {StreamId} added ({Uri})", stream.Id, stream.DisplayUri);
        return stream;
    }

    /// <summary>Stops stream <paramref name="id"/>, drains its frames and forgets it; false when there is no such stream.</summary>
    public async Task<bool> RemoveStreamAsync(string id, CancellationToken cancellationToken)
    {
        if (_composed is null || !await _composed.Pipeline.RemoveStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _logger.LogInformation(LogEvents.StreamsChanged, "Stream {StreamId} removed", id);
        return true;
    }

    /// <summary>
    /// Stops at once, discarding in-flight frames and ending the sinks' delivery (what they hold is spooled or dropped
    /// and counted): what a second signal asks for. Safe from any thread at any time, repeated, before start or after
    /// dispose.
    /// </summary>
    public void Abort()
    {
        _exitCode = ExitCodes.Interrupted;
        try
        {
            _forced.Cancel();
        }
#pragma warning disable CA1031 // a signal handler must not throw: the stop goes on with what did abort
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(LogEvents.PipelineStopped, ex, "Forcing the stop failed in part");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // First: no abort may start on the pipeline once it is being disposed (this waits for one that is running).
        await _forcedAbort.DisposeAsync().ConfigureAwait(false);
        if (!_companion.IsCompleted)
        {
            await _companionStop.CancelAsync().ConfigureAwait(false);
            await _companion.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .ConfigureAwait(false);
        }

        if (_composed is not null)
        {
            await _composed.DisposeAsync().ConfigureAwait(false);
        }

        _companionStop.Dispose();
    }

    /// <summary>
    /// Stops every sink within <paramref name="deadline"/>, logs what each left undelivered, and returns how many events
    /// were dropped at the stop.
    /// </summary>
    private async Task<long> StopSinksAsync(ComposedPipeline composed, CancellationToken deadline)
    {
        long dropped = 0;
        foreach (Streams.Sinks.IEventSink sink in composed.Sinks)
        {
            Streams.Sinks.SinkStopReport report;
            try
            {
                report = await sink.StopAsync(deadline).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // every sink gets its chance to stop, whatever the one before did
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogError(LogEvents.SinkFailed, ex, "Event sink {Sink} failed while stopping", sink.Name);
                continue;
            }

            dropped += report.Dropped;
            if (report.Dropped > 0)
            {
                _logger.LogError(LogEvents.SinksStopped,
                    "Sink {Sink} stopped with {Undelivered} events undelivered: {InSpool} kept in its spool for the next start, {Dropped} DROPPED (stopped before delivery, no spool)",
                    report.Sink, report.InSpool + report.Dropped, report.InSpool, report.Dropped);
            }
            else if (report.InSpool > 0)
            {
                _logger.LogWarning(LogEvents.SinksStopped,
                    "Sink {Sink} stopped with {Undelivered} events undelivered: {InSpool} kept in its spool for the next start, 0 dropped",
                    report.Sink, report.InSpool, report.InSpool);
            }
        }

        return dropped;
    }

    private async Task FinishCompanionAsync(ComposedPipeline composed)
    {
        if (_companion.IsCompleted)
        {
            return;
        }

        try
        {
            using var flushDeadline = new CancellationTokenSource(s_companionGrace);
            foreach (Streams.Sinks.IEventSink sink in composed.Sinks)
            {
                await sink.FlushAsync(flushDeadline.Token).ConfigureAwait(false);
            }

            await _companion.WaitAsync(s_companionGrace).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a companion's end never stops the pipeline's own
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            await _companionStop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _companion.ConfigureAwait(false);
            }
#pragma warning disable CA1031
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private async Task WatchAsync(ComposedPipeline composed)
    {
        Pipeline pipeline = composed.Pipeline;
        try
        {
            await composed.Completion.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogCritical(LogEvents.PipelineStopped, ex, "The pipeline failed");
            _exitCode = ExitCodes.PipelineFailed;
        }

        foreach (StreamContext stream in pipeline.GetStreams())
        {
            if (stream.State == StreamState.Failed)
            {
                _logger.LogError(LogEvents.PipelineStopped, "Stream {StreamId} failed: {Reason}", stream.Id, stream.Reason);
                if (_exitCode == ExitCodes.Success)
                {
                    _exitCode = ExitCodes.PipelineFailed;
                }
            }
        }

        // Finished by itself (every stream ended) or after a stop: either way the host has nothing left to run.
        _lifetime.StopApplication();
    }
}
