using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Streams.Analytics;
using Streams.Hosting.Composition;
using Streams.Runtime;
using Streams.Sinks;

namespace Streams.Hosting;

/// <summary>
/// A pipeline with everything it owns: its stages (model sessions among them), the analytics events' way out and the
/// sinks. Ownership is explicit: this object disposes each, in the order that loses nothing.
/// </summary>
/// <remarks>
/// Stop order: the pipeline drains (sources first), then the analytics channel completes and the dispatcher hands the
/// last events to the sinks, then each sink flushes and stops, then model sessions are freed.
/// </remarks>
public sealed class ComposedPipeline : IAsyncDisposable
{
    private readonly ChannelEventPublisher? _publisher;
    private readonly EventDispatcher? _dispatcher;
    private readonly IReadOnlyList<IDisposable> _stages;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private Task _events = Task.CompletedTask;
    private Task? _completion;
    private int _disposed;

    private readonly ConcurrentDictionary<string, string> _sourceUris;

    // Stopped after the pipeline and its events (the snapshot store writes what analytics queued).
    private readonly IReadOnlyList<IAsyncDisposable> _owned;

    internal ComposedPipeline(Pipeline pipeline, IReadOnlyList<IEventSink> sinks, ChannelEventPublisher? publisher, EventDispatcher? dispatcher,
        IReadOnlyList<IDisposable> stages, IReadOnlyList<IAsyncDisposable> owned, IReadOnlyList<string> models,
        ConcurrentDictionary<string, string> sourceUris, ILogger logger)
    {
        _owned = owned;
        _sourceUris = sourceUris;
        Pipeline = pipeline;
        Sinks = sinks;
        Models = models;
        _publisher = publisher;
        _dispatcher = dispatcher;
        _stages = stages;
        _logger = logger;
    }

    /// <summary>The frame pipeline: streams are added to it.</summary>
    public Pipeline Pipeline { get; }

    /// <summary>The event sinks, in configuration order.</summary>
    public IReadOnlyList<IEventSink> Sinks { get; }

    /// <summary>The models in use, as <c>id (provider)</c>.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>Events handed to the sinks so far.</summary>
    public long EventsDispatched => _dispatcher?.Dispatched ?? 0;

    /// <summary>Events raised for stream <paramref name="streamId"/> so far.</summary>
    public long EventsFor(string streamId) => _dispatcher?.DispatchedFor(streamId) ?? 0;

    /// <summary>Events that did not reach a sink, counted by reason (and logged once per reason).</summary>
    public long EventsDropped => _dispatcher?.Dropped ?? 0;

    /// <summary>
    /// Completes when the pipeline has finished and every event it raised has been handed to the sinks; faults when
    /// the pipeline failed as a whole.
    /// </summary>
    public Task Completion => _completion ?? throw new InvalidOperationException("The pipeline has not been started.");

    /// <summary>
    /// Adds a stream (before or after <see cref="Start"/>); events name its redacted URI.
    /// </summary>
    /// <exception cref="ArgumentException">A stream with the id exists.</exception>
    /// <exception cref="InvalidOperationException">The pipeline is stopping or has finished.</exception>
    public StreamContext AddStream(StreamSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        StreamContext stream = Pipeline.AddStream(spec);
        _sourceUris[spec.Id] = spec.DisplayUri;
        return stream;
    }

    /// <summary>Starts the event dispatcher, then the pipeline.</summary>
    public void Start()
    {
        if (_dispatcher is not null)
        {
            _events = Task.Run(() => _dispatcher.RunAsync(_abort.Token));
        }

        Pipeline.Start();
        _completion = CompleteAsync();
    }

    /// <summary>Stops gracefully within <paramref name="cancellationToken"/>; see <see cref="Pipeline.StopAsync"/>.</summary>
    public async Task<StopOutcome> StopAsync(CancellationToken cancellationToken)
    {
        StopOutcome outcome = await Pipeline.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The deadline passed with events still on their way: stop handing them over (the sinks count the rest).
            await _abort.CancelAsync().ConfigureAwait(false);
            return StopOutcome.Forced;
        }
        catch (PipelineFaultException)
        {
            // Reported by whoever watches Completion.
        }

        return outcome;
    }

    /// <summary>Stops at once: in-flight frames are discarded and event hand-over ends.</summary>
    public void Abort()
    {
        Pipeline.Abort();
        _abort.Cancel();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Pipeline.DisposeAsync().ConfigureAwait(false);
        _publisher?.Complete();
        try
        {
            await _events.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (IEventSink sink in Sinks)
        {
            try
            {
                await sink.DisposeAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // every sink gets its chance to stop, whatever the one before did
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogError(LogEvents.SinkFailed, ex, "Event sink {Sink} failed while stopping", sink.Name);
            }
        }

        foreach (IAsyncDisposable resource in _owned)
        {
            await resource.DisposeAsync().ConfigureAwait(false);
        }

        foreach (IDisposable stage in _stages)
        {
            stage.Dispose();
        }

        _abort.Dispose();
    }

    private async Task CompleteAsync()
    {
        Exception? failure = null;
        try
        {
            await Pipeline.Completion.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the failure is kept and rethrown once the events are out
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        // Every frame is through analytics: no event can follow.
        _publisher?.Complete();
        try
        {
            await _events.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}
