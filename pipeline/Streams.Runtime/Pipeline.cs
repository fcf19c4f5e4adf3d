using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>
/// A running dataflow: per-stream sources feed their own bounded edges, which share one ingress into a chain of
/// stages joined by bounded edges.
/// </summary>
/// <remarks>
/// <para>Stop is graceful first: <see cref="StopAsync"/> stops the sources, lets every in-flight frame drain through
/// every stage and the last stage flush, then completes. When its deadline passes, or on <see cref="Abort"/>, edges
/// are completed as canceled and queued items are released and counted as <see cref="DropReason.Shutdown"/>.</para>
/// <para>A stream's failure stays with the stream. A stage that fails outside per-item work fails the pipeline:
/// its sources are stopped and <see cref="Completion"/> carries the error.</para>
/// </remarks>
public sealed class Pipeline : IAsyncDisposable
{
    private readonly PipelineSettings _settings;
    private readonly ILogger _logger;
    private readonly Edge<Frame> _ingress;
    private readonly IngressMerger _merger;
    private readonly List<IStageRunner> _runners = [];
    private readonly Dictionary<string, StreamLane> _lanes = new(StringComparer.Ordinal);
    private readonly List<bool> _indexInUse = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _hardStop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started;
    private bool _accepting = true;
    private int _activeLanes;

    internal Pipeline(PipelineSettings settings, List<IStageBinding> stages)
    {
        _settings = settings;
        _logger = settings.LoggerFactory.CreateLogger("Streams.Pipeline");
        Frames = settings.FramePool ?? new FramePool();
        Metrics = new PipelineMetrics(settings.InstanceId);
        _ingress = new Edge<Frame>("ingress", new EdgeOptions { Capacity = settings.QueueCapacity, SingleWriter = true }, Metrics, _logger);
        _merger = new IngressMerger(_ingress, Frames);
        IEdge input = _ingress;
        for (int i = 0; i < stages.Count; i++)
        {
            (IStageRunner runner, IEdge? output) = stages[i].Bind(input, i == stages.Count - 1, settings.QueueCapacity, Metrics,
                settings.LoggerFactory);
            _runners.Add(runner);
            input = output!;
        }
    }

    /// <summary>The pool frames are rented from; its accounting shows whether anything leaked.</summary>
    public FramePool Frames { get; }

    /// <summary>The pipeline's instruments.</summary>
    public PipelineMetrics Metrics { get; }

    /// <summary>
    /// Completes when every stage has finished: after every stream ended (when
    /// <see cref="PipelineSettings.CompleteWhenStreamsEnd"/>) or after a stop. Faults with a stage's fatal error.
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>The streams added and not removed, in no particular order.</summary>
    public IReadOnlyList<StreamContext> GetStreams()
    {
        lock (_lock)
        {
            var streams = new List<StreamContext>(_lanes.Count);
            foreach (StreamLane lane in _lanes.Values)
            {
                streams.Add(lane.Context);
            }

            return streams;
        }
    }

    /// <summary>Finds a stream by id.</summary>
    public StreamContext? FindStream(string id)
    {
        lock (_lock)
        {
            return _lanes.TryGetValue(id, out StreamLane? lane) ? lane.Context : null;
        }
    }

    /// <summary>Adds a stream; if the pipeline runs, its source starts at once.</summary>
    /// <exception cref="ArgumentException">A stream with the id exists.</exception>
    /// <exception cref="InvalidOperationException">The pipeline is stopping or has finished.</exception>
    public StreamContext AddStream(StreamSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        StreamLane lane;
        lock (_lock)
        {
            if (!_accepting)
            {
                throw new InvalidOperationException($"Stream '{spec.Id}' cannot be added: the pipeline is stopping.");
            }

            if (_lanes.ContainsKey(spec.Id))
            {
                throw new ArgumentException($"A stream with id '{spec.Id}' exists already.", nameof(spec));
            }

            ILogger streamLogger = _settings.LoggerFactory.CreateLogger("Streams.Stream");
            var context = new StreamContext(spec.Id, TakeIndex(), spec.DisplayUri, streamLogger);
            var edge = new Edge<Frame>("source." + spec.Id, spec.Edge with { SingleWriter = true }, Metrics, streamLogger);
            lane = new StreamLane(context, spec.Source, edge, _merger.Wake, Frames, Metrics, streamLogger);
            _lanes.Add(spec.Id, lane);
            Metrics.Track(context);
            _activeLanes++;
            if (_started)
            {
                StartLane(lane);
            }
        }

        return lane.Context;
    }

    /// <summary>
    /// Stops stream <paramref name="id"/> and waits until its source has ended and its last frame has left the
    /// pipeline, so that nothing counts under its id afterwards (its metric series can be dropped then).
    /// </summary>
    /// <returns>False if no such stream exists.</returns>
    public async Task<bool> RemoveStreamAsync(string id, CancellationToken cancellationToken = default)
    {
        StreamLane? lane;
        lock (_lock)
        {
            _lanes.TryGetValue(id, out lane);
        }

        if (lane is null)
        {
            return false;
        }

        lane.Context.RequestStop();
        await lane.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (lane.IsStarted)
        {
            // Its marker follows its frames through every stage; a pipeline that ends first releases it at the drain,
            // or never gets that far (a broken stage), and then its completion is the end of the wait.
            await Task.WhenAny(lane.Context.LeftPipeline, Completion).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_lock)
        {
            if (_lanes.Remove(id))
            {
                _indexInUse[lane.Context.Index] = false;
                Metrics.Untrack(lane.Context);
            }
        }

        return true;
    }

    /// <summary>Starts the stages and the sources added so far.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        var tasks = new Task[_runners.Count];
        lock (_lock)
        {
            if (_started)
            {
                throw new InvalidOperationException("The pipeline is running already.");
            }

            _started = true;
            for (int i = 0; i < _runners.Count; i++)
            {
                IStageRunner runner = _runners[i];
                tasks[i] = runner.RunAsync(_hardStop.Token);
                tasks[i].ContinueWith(static (t, state) => ((Pipeline)state!).OnStageFaulted(t), this,
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            foreach (StreamLane lane in _lanes.Values)
            {
                StartLane(lane);
            }

            CompleteIngressIfIdle();
        }

        _logger.LogInformation(LogEvents.PipelineStarted, "Pipeline {Instance} started: {Stages} stages, {Streams} streams",
            _settings.InstanceId, _runners.Count, _lanes.Count);
        _ = FinishAsync(tasks, _merger.RunAsync());
    }

    /// <summary>
    /// Stops gracefully: sources first, then every in-flight frame drains through every stage. When
    /// <paramref name="deadline"/> is canceled first, the stop turns hard (see <see cref="Abort"/>).
    /// </summary>
    public async Task<StopOutcome> StopAsync(CancellationToken deadline)
    {
        if (Completion.IsCompleted)
        {
            return _hardStop.IsCancellationRequested ? StopOutcome.Forced : StopOutcome.Drained;
        }

        _logger.LogInformation(LogEvents.StopRequested, "Stopping: sources first, then draining in-flight frames");
        lock (_lock)
        {
            _accepting = false;
            foreach (StreamLane lane in _lanes.Values)
            {
                lane.Context.RequestStop();
            }

            CompleteIngressIfIdle();
        }

        try
        {
            await Completion.WaitAsync(deadline).ConfigureAwait(false);
            return _hardStop.IsCancellationRequested ? StopOutcome.Forced : StopOutcome.Drained;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            _logger.LogWarning(LogEvents.HardStop, "Stop deadline passed: discarding in-flight frames");
            Abort();
            await Completion.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .ConfigureAwait(false);
            return StopOutcome.Forced;
        }
        catch (Exception) when (Completion.IsFaulted)
        {
            // The error belongs to Completion; the stop itself finished.
            return _hardStop.IsCancellationRequested ? StopOutcome.Forced : StopOutcome.Drained;
        }
    }

    /// <summary>
    /// Stops now: sources are told to stop, every edge completes as canceled, and queued items are released and
    /// counted as <see cref="DropReason.Shutdown"/>. Harmless when repeated.
    /// </summary>
    public void Abort()
    {
        var canceled = new OperationCanceledException("The pipeline was stopped before it drained.");
        lock (_lock)
        {
            _accepting = false;
            foreach (StreamLane lane in _lanes.Values)
            {
                lane.Context.RequestStop();
                lane.Edge.TryComplete(canceled);
            }
        }

        _hardStop.Cancel();
        _ingress.TryComplete(canceled);
        _merger.Close();
        foreach (IStageRunner runner in _runners)
        {
            runner.AbortInput(canceled);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        bool started;
        lock (_lock)
        {
            started = _started;
        }

        if (started && !Completion.IsCompleted)
        {
            Abort();
            await Completion.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .ConfigureAwait(false);
        }

        Metrics.Dispose();
        _hardStop.Dispose();
    }

    private void StartLane(StreamLane lane)
    {
        _merger.Add(lane);
        lane.Start();
        lane.Completion.ContinueWith(static (_, state) => ((Pipeline)state!).OnLaneCompleted(), this,
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void OnLaneCompleted()
    {
        lock (_lock)
        {
            _activeLanes--;
            CompleteIngressIfIdle();
        }
    }

    // Called with _lock held.
    private void CompleteIngressIfIdle()
    {
        if (_started && _activeLanes == 0 && (!_accepting || _settings.CompleteWhenStreamsEnd))
        {
            _accepting = false;
            _merger.Close();
        }
    }

    private void OnStageFaulted(Task stage)
    {
        if (stage.Exception?.InnerException is OperationCanceledException)
        {
            return;
        }

        // A broken chain cannot take frames: stop every source so the pipeline winds down.
        lock (_lock)
        {
            _accepting = false;
            foreach (StreamLane lane in _lanes.Values)
            {
                lane.Context.RequestStop();
            }
        }
    }

    private async Task FinishAsync(Task[] stages, Task merger)
    {
        try
        {
            await Task.WhenAll(stages).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Inspected below, stage by stage.
        }

        Task[] lanes;
        lock (_lock)
        {
            lanes = new Task[_lanes.Count];
            int i = 0;
            foreach (StreamLane lane in _lanes.Values)
            {
                lanes[i++] = lane.Completion;
            }
        }

        // Lanes record their own faults on their streams; here they only need to be over.
        await Task.WhenAll([.. lanes, merger]).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None,
            TaskScheduler.Default).ConfigureAwait(false);
        Exception? failure = null;
        foreach (Task stage in stages)
        {
            if (stage.IsFaulted && stage.Exception!.InnerException is not OperationCanceledException)
            {
                failure = stage.Exception.InnerException;
                break;
            }
        }

        // Every stage and lane is over, so every frame must be back: the count is the run's own leak check, in the log
        // where an operator (and the end-to-end tests) can see it.
        FramePoolStatistics frames = Frames.GetStatistics();
        _logger.LogInformation(LogEvents.PipelineStopped, "Pipeline {Instance} finished{Outcome}; frames: {FramesRented} rented, {FramesOutstanding} not returned",
            _settings.InstanceId, failure is not null ? " with an error" : _hardStop.IsCancellationRequested ? " (forced)" : string.Empty,
            frames.Rented, frames.Outstanding);
        if (!frames.IsBalanced)
        {
            _logger.LogWarning(LogEvents.FramesLeaked, "Pipeline {Instance} ended with frame accounting out of balance: {FramesOutstanding} frames and {BuffersOutstanding} buffers not returned, {DoubleReleases} released twice",
                _settings.InstanceId, frames.Outstanding, frames.Buffers.Outstanding, frames.DoubleReleases);
        }

        if (failure is not null)
        {
            _completion.TrySetException(failure);
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    // Called with _lock held.
    private int TakeIndex()
    {
        for (int i = 0; i < _indexInUse.Count; i++)
        {
            if (!_indexInUse[i])
            {
                _indexInUse[i] = true;
                return i;
            }
        }

        _indexInUse.Add(true);
        return _indexInUse.Count - 1;
    }
}
