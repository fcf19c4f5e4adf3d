using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>
/// Runs one stage: reads its input edge until it completes, isolates per-item faults to the item's stream, and
/// always completes its output with the error it ended with.
/// </summary>
internal sealed class StageRunner<TIn, TOut> : IStageRunner
    where TIn : class, IPipelineItem
    where TOut : class, IPipelineItem
{
    private readonly Stage<TIn, TOut> _stage;
    private readonly Edge<TIn> _input;
    private readonly StageOutput<TOut> _output;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _stageTag;

    public StageRunner(Stage<TIn, TOut> stage, Edge<TIn> input, Edge<TOut>? output, PipelineMetrics metrics, ILogger logger)
    {
        _stage = stage;
        _input = input;
        _output = new StageOutput<TOut>(stage.Name, output, metrics);
        _metrics = metrics;
        _logger = logger;
        _stageTag = new KeyValuePair<string, object?>("stage", stage.Name);
    }

    public string Name => _stage.Name;

    public void AbortInput(Exception error) => _input.TryComplete(error);

    public async Task RunAsync(CancellationToken hardStop)
    {
        // Run the loop off the starter's thread: every stage is a long-lived task of its own.
        await Task.Yield();
        Exception? error = null;
        try
        {
            while (await _input.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_input.TryRead(out TIn item))
                {
                    StreamContext stream = item.Stream;
                    if (stream.IsFailed && !item.IsEndOfStream)
                    {
                        _input.Drop(item, DropReason.StreamFailed);
                        continue;
                    }

                    await ProcessOneAsync(item, stream, hardStop).ConfigureAwait(false);
                    if (_output.IsClosed)
                    {
                        throw StageRunnerExit.OutputLost(Name, hardStop);
                    }
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
            StageRunnerExit.Close(_output, _input, error);
        }

        if (error is not null)
        {
            throw StageRunnerExit.Outcome(Name, error);
        }
    }

    // A stage that throws has released its item (see Stage.ProcessAsync); it still counts as a drop.
    private void CountLost(StreamContext stream, bool marker, DropReason reason)
    {
        if (!marker)
        {
            _metrics.RecordDrop(Name, stream, reason);
        }
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ProcessOneAsync(TIn item, StreamContext stream, CancellationToken hardStop)
    {
        bool marker = item.IsEndOfStream;
        if (!marker)
        {
            _metrics.StageFramesIn.Add(1, _stageTag, new KeyValuePair<string, object?>("stream", stream.Id));
        }

        long started = Stopwatch.GetTimestamp();
        try
        {
            await _stage.ProcessAsync(item, _output, hardStop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
        {
            // The stage released the item as it unwound; the frame is lost to the hard stop.
            CountLost(stream, marker, DropReason.Shutdown);
            throw;
        }
        catch (Exception ex) when (ex is not PipelineFaultException)
        {
            _logger.LogError(LogEvents.StageItemFailed, ex,
                "Stage {Stage} failed on a frame of stream {StreamId}; that stream stops, the others go on", Name, stream.Id);
            CountLost(stream, marker, DropReason.StreamFailed);
            stream.Fail(Name, ex);
        }
        catch (PipelineFaultException)
        {
            CountLost(stream, marker, DropReason.Shutdown);
            throw;
        }

        if (!marker)
        {
            _metrics.StageLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _stageTag);
        }
    }
}
