using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>
/// One stream's way in: its source task writes into the stream's own edge, and a pump forwards that edge into the
/// shared ingress, ending with the stream's end-of-stream marker. Waiting writers on the ingress are served in
/// order, so streams share it fairly.
/// </summary>
internal sealed class StreamLane
{
    private readonly IFrameSource _source;
    private readonly Edge<Frame> _ingress;
    private readonly FramePool _pool;
    private readonly ILogger _logger;

    public StreamLane(StreamContext context, IFrameSource source, Edge<Frame> edge, Edge<Frame> ingress,
        FramePool pool, PipelineMetrics metrics, ILogger logger)
    {
        Context = context;
        _source = source;
        Edge = edge;
        _ingress = ingress;
        _pool = pool;
        _logger = logger;
        Output = new SourceOutput(context, edge, pool, metrics);
    }

    public StreamContext Context { get; }

    public Edge<Frame> Edge { get; }

    public SourceOutput Output { get; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.WhenAll(Task.Run(RunSourceAsync), Task.Run(PumpAsync));

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
        catch (Exception ex)
        {
            _logger.LogError(LogEvents.SourceFailed, ex, "Source of stream {StreamId} ({Uri}) failed", Context.Id, Context.DisplayUri);
            Context.Fail("source", ex);
        }
        finally
        {
            Edge.TryComplete();
        }
    }

    private async Task PumpAsync()
    {
        bool ingressOpen = true;
        try
        {
            while (ingressOpen && await Edge.WaitToReadAsync().ConfigureAwait(false))
            {
                while (Edge.TryRead(out Frame frame))
                {
                    if (!await _ingress.WriteAsync(frame).ConfigureAwait(false))
                    {
                        ingressOpen = false;
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // A hard stop completed the lane; what is left is released below.
        }
        catch (Exception ex)
        {
            _logger.LogError(LogEvents.SourceFailed, ex, "Stream {StreamId}: forwarding frames failed", Context.Id);
            Context.Fail("ingress", ex);
        }
        finally
        {
            // The source may still be writing: close the lane to it before releasing what it holds.
            Edge.TryComplete();
            Edge.DrainAndRelease(ingressOpen ? DropReason.Shutdown : DropReason.EdgeClosed);
            Edge.Untrack();
            if (ingressOpen)
            {
                await _ingress.WriteAsync(_pool.RentEndOfStream(Context)).ConfigureAwait(false);
            }
        }
    }
}
