namespace Streams.Runtime;

/// <summary>A stage bound to its edges, ready to run.</summary>
internal interface IStageRunner
{
    string Name { get; }

    Task RunAsync(CancellationToken hardStop);

    /// <summary>Completes the runner's input edge with <paramref name="error"/>: used by a hard stop.</summary>
    void AbortInput(Exception error);
}
