using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>
/// One stream's way in: its source task writes into the stream's own edge, which the <see cref="IngressMerger"/>
/// empties into the shared ingress. The lane is complete when the source has ended and its frames have gone on.
/// </summary>
internal sealed class StreamLane
{
    private readonly IFrameSource _source;
    private readonly AutoResetSignal _wake;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamLane(StreamContext context, IFrameSource source, Edge<Frame> edge, AutoResetSignal wake,
        FramePool pool, PipelineMetrics metrics, ILogger logger)
    {
        Context = context;
        _source = source;
        Edge = edge;
        _wake = wake;
        _logger = logger;
        Output = new SourceOutput(context, edge, pool, metrics, wake);
    }

    public StreamContext Context { get; }

    public Edge<Frame> Edge { get; }

    public SourceOutput Output { get; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>True once <see cref="Start"/> ran: from then on an end-of-stream marker will follow the stream's frames.</summary>
    public bool IsStarted { get; private set; }

    public void Start()
    {
        IsStarted = true;
        Completion = Task.WhenAll(Task.Run(RunSourceAsync), _drained.Task);
    }

    /// <summary>Called by the merger once the stream's last frame and its marker have gone on (or were released).</summary>
    public void MarkDrained()
    {
        Edge.Untrack();
        _drained.TrySetResult();
    }

    private async Task RunSourceAsync()
    {
        try
        {
            await _source.RunAsync(Context, Output, Context.Stopping).ConfigureAwait(false);
            Context.TrySetState(StreamState.Ended, Context.Stopping.IsCancellationRequested ? "stopped" : "end of input");
        }
        catch (OperationCanceledException) when (Context.Stopping.IsCancellationRequested)
        {
            Context.TrySetState(StreamState.Ended, "stopped");
        }
        catch (IOException ex)
        {
            // Bad input (a file that is not video, a camera that refuses): the message says it all; a stack trace
            // would only bury it.
            _logger.LogError(LogEvents.SourceFailed, "Source of stream {StreamId} ({Uri}) failed: {Reason}", Context.Id, Context.DisplayUri, ex.Message);
            Context.Fail("source", ex);
        }
        catch (Exception ex)
        {
            _logger.LogError(LogEvents.SourceFailed, ex, "Source of stream {StreamId} ({Uri}) failed", Context.Id, Context.DisplayUri);
            Context.Fail("source", ex);
        }
        finally
        {
            Edge.TryComplete();
            _wake.Set();

            // The stream owns its source: a decoder process or native handle goes with it.
            try
            {
                if (_source is IAsyncDisposable asyncDisposable)
                {
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    (_source as IDisposable)?.Dispose();
                }
            }
            catch (Exception ex)
            {
                _logger.LogWarning(LogEvents.SourceFailed, ex, "Disposing the source of stream {StreamId} failed", Context.Id);
            }
        }
    }
}
