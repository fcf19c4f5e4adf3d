using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>Runs a <see cref="BatchStage{T}"/>: forms batches by size or deadline and isolates batch faults.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The timer is disposed when RunAsync ends.")]
internal sealed class BatchStageRunner<T> : IStageRunner
    where T : class, IPipelineItem
{
    private readonly BatchStage<T> _stage;
    private readonly Edge<T> _input;
    private readonly StageOutput<T> _output;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger _logger;
    private readonly List<T> _batch;

    // The streams of the batch's items, kept apart: a stage may release items (which forgets their stream) before it fails.
    private readonly List<StreamContext> _batchStreams;
    private readonly KeyValuePair<string, object?> _stageTag;
    private CancellationTokenSource _timer = new();

    public BatchStageRunner(BatchStage<T> stage, Edge<T> input, Edge<T>? output, PipelineMetrics metrics, ILogger logger)
    {
        _stage = stage;
        _input = input;
        _output = new StageOutput<T>(stage.Name, output, metrics);
        _metrics = metrics;
        _logger = logger;
        _batch = new List<T>(stage.MaxBatch);
        _batchStreams = new List<StreamContext>(stage.MaxBatch);
        _stageTag = new KeyValuePair<string, object?>("stage", stage.Name);
    }

    public string Name => _stage.Name;

    public void AbortInput(Exception error) => _input.TryComplete(error);

    public async Task RunAsync(CancellationToken hardStop)
    {
        await Task.Yield();
        Exception? error = null;
        try
        {
            bool open = true;
            while (open)
            {
                open = await _input.WaitToReadAsync().ConfigureAwait(false);
                T? marker = open ? await FillBatchAsync().ConfigureAwait(false) : null;
                if (_batch.Count > 0)
                {
                    await RunBatchAsync(hardStop).ConfigureAwait(false);
                }

                if (marker is not null)
                {
                    _stage.OnEndOfStream(marker.Stream);
                    await _output.WriteAsync(marker).ConfigureAwait(false);
                }

                if (_output.IsClosed)
                {
                    throw StageRunnerExit.OutputLost(Name, hardStop);
                }
            }

            await _stage.CompleteAsync(_output, hardStop).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error = ex;
            StageRunnerExit.Report(_logger, Name, ex);
        }
        finally
        {
            foreach (T item in _batch)
            {
                _input.Drop(item, DropReason.Shutdown);
            }

            _batch.Clear();
            _batchStreams.Clear();
            _timer.Dispose();
            StageRunnerExit.Close(_output, _input, error);
        }

        if (error is not null)
        {
            throw StageRunnerExit.Outcome(Name, error);
        }
    }

    /// <summary>Takes items until the batch is full, the deadline passes, or an end-of-stream marker arrives.</summary>
    /// <returns>The marker that closed the batch, if one did.</returns>
    private async ValueTask<T?> FillBatchAsync()
    {
        long deadline = 0;
        while (true)
        {
            while (_batch.Count < _stage.MaxBatch && _input.TryRead(out T item))
            {
                if (item.IsEndOfStream)
                {
                    return item;
                }

                if (item.Stream.IsFailed)
                {
                    _input.Drop(item, DropReason.StreamFailed);
                    continue;
                }

                _batch.Add(item);
                _batchStreams.Add(item.Stream);
                _metrics.StageFramesIn.Add(1, _stageTag, new KeyValuePair<string, object?>("stream", item.Stream.Id));
                if (deadline == 0)
                {
                    deadline = Stopwatch.GetTimestamp() + (long)(_stage.MaxWait.TotalSeconds * Stopwatch.Frequency);
                }
            }

            long remaining = deadline - Stopwatch.GetTimestamp();
            if (_batch.Count == _stage.MaxBatch || (_batch.Count > 0 && remaining <= 0) || _stage.MaxWait == TimeSpan.Zero)
            {
                return null;
            }

            if (_batch.Count == 0)
            {
                // Only failed streams' items were queued: wait for real work without a deadline.
                if (!await _input.WaitToReadAsync().ConfigureAwait(false))
                {
                    return null;
                }

                continue;
            }

            if (!await WaitForMoreAsync(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency)).ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    private async ValueTask<bool> WaitForMoreAsync(TimeSpan timeout)
    {
        if (!_timer.TryReset())
        {
            _timer.Dispose();
            _timer = new CancellationTokenSource();
        }

        _timer.CancelAfter(timeout);
        try
        {
            return await _input.WaitToReadOrCancelAsync(_timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_timer.IsCancellationRequested)
        {
            return false;
        }
    }

    private async ValueTask RunBatchAsync(CancellationToken hardStop)
    {
        long started = Stopwatch.GetTimestamp();
        int count = _batch.Count;
        try
        {
            await _stage.ProcessBatchAsync(_batch, _output, hardStop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
        {
            CountLost(DropReason.Shutdown);
            throw;
        }
        catch (Exception ex) when (ex is not PipelineFaultException)
        {
            _logger.LogError(LogEvents.StageItemFailed, ex, "Stage {Stage} failed on a batch of {Count}; its streams stop", Name, count);
            CountLost(DropReason.StreamFailed);
            foreach (StreamContext stream in _batchStreams)
            {
                stream.Fail(Name, ex);
            }
        }
        catch (PipelineFaultException)
        {
            CountLost(DropReason.Shutdown);
            throw;
        }
        finally
        {
            _batch.Clear();
            _batchStreams.Clear();
        }

        _metrics.StageLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _stageTag);
    }

    // The stage released the batch's items as it unwound; they still count as drops.
    private void CountLost(DropReason reason)
    {
        foreach (StreamContext stream in _batchStreams)
        {
            _metrics.RecordDrop(Name, stream, reason);
        }
    }
}
