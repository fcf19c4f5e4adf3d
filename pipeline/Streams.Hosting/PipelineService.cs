using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Configuration;
using Streams.Runtime;

namespace Streams.Hosting;

/// <summary>
/// Runs the configured pipeline for the host's lifetime: starts it with the host, stops it gracefully within the
/// host's shutdown timeout, and stops the host when the pipeline finishes by itself (every file replayed).
/// </summary>
public sealed class PipelineService : IHostedService, IAsyncDisposable
{
    private readonly PipelineOptions _options;
    private readonly PipelineComposer _composer;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private ComposedPipeline? _composed;
    private Task _watch = Task.CompletedTask;
    private volatile int _exitCode = ExitCodes.Success;
    private readonly RunOverrides _overrides;
    private readonly CancellationTokenSource _companionStop = new();
    private Task _companion = Task.CompletedTask;

    // How long a companion may take to finish by itself once the pipeline has, before it is canceled.
    private static readonly TimeSpan s_companionGrace = TimeSpan.FromSeconds(3);

    /// <summary>Creates the service for <paramref name="options"/>.</summary>
    public PipelineService(PipelineOptions options, PipelineComposer composer, IHostApplicationLifetime lifetime, ILogger<PipelineService> logger,
        RunOverrides? overrides = null)
    {
        _overrides = overrides ?? new RunOverrides();
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
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ComposedPipeline composed = _composer.Build(_options, hooks: _overrides.Hooks);
        _composed = composed;
        foreach (SourceOptions source in _options.Sources)
        {
            composed.AddStream(_composer.CreateStream(source, _options.Runtime));
        }

        composed.Start();
        if (_overrides.Companion is { } companion)
        {
            _companion = Task.Run(() => companion(composed, _companionStop.Token), CancellationToken.None);
        }

        _watch = WatchAsync(composed);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_composed is null)
        {
            return;
        }

        StopOutcome outcome = await _composed.StopAsync(cancellationToken).ConfigureAwait(false);
        await _watch.ConfigureAwait(false);
        if (outcome == StopOutcome.Forced && _exitCode == ExitCodes.Success)
        {
            _exitCode = ExitCodes.StopForced;
        }
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

    /// <summary>Stops at once, discarding in-flight frames: what a second signal asks for.</summary>
    public void Abort()
    {
        _exitCode = ExitCodes.Interrupted;
        _composed?.Abort();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_composed is not null)
        {
            await FinishCompanionAsync(_composed).ConfigureAwait(false);
            await _composed.DisposeAsync().ConfigureAwait(false);
        }

        _companionStop.Dispose();
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
