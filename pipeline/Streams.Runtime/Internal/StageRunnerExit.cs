using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>
/// The exit path every stage runner shares, whatever kind of stage it runs: the error for a lost output, the failure
/// log line, closing both edges and the outcome the runner's task ends with.
/// </summary>
internal static class StageRunnerExit
{
    /// <summary>
    /// The error for a stage whose next stage ended early; after a hard stop that is the stop itself (the next stage
    /// was canceled while this one still worked), not a failure.
    /// </summary>
    public static Exception OutputLost(string stage, CancellationToken hardStop) => hardStop.IsCancellationRequested
        ? new OperationCanceledException($"Stage '{stage}' was stopped while its next stage had already ended.", hardStop)
        : new InvalidOperationException($"Stage '{stage}' lost its output: the next stage ended early.");

    /// <summary>Logs <paramref name="error"/> unless it is a stop.</summary>
    public static void Report(ILogger logger, string stage, Exception error)
    {
        if (error is not OperationCanceledException)
        {
            logger.LogError(LogEvents.StageFailed, error, "Stage {Stage} failed; the pipeline stops", stage);
        }
    }

    /// <summary>
    /// Completes the output with the stage's error (readers see it; a stop reads as canceled), then closes the input
    /// so that upstream does not block on it, and releases what it still holds.
    /// </summary>
    public static void Close<TIn, TOut>(StageOutput<TOut> output, Edge<TIn> input, Exception? error)
        where TIn : class, IPipelineItem
        where TOut : class, IPipelineItem
    {
        output.Complete(error);
        input.TryComplete(error);
        input.DrainAndRelease(error is null ? DropReason.EdgeClosed : DropReason.Shutdown);
    }

    /// <summary>What the runner's task ends with: the error, with a stop kept as a cancellation.</summary>
    public static Exception Outcome(string stage, Exception error) =>
        error is OperationCanceledException ? new OperationCanceledException($"Stage '{stage}' was stopped.", error) : error;
}
