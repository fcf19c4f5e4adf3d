namespace Streams.Hosting;

/// <summary>Process exit codes of the <c>streams</c> command, documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Finished: every stream ended, or a stop drained the pipeline within its deadline.</summary>
    public const int Success = 0;

    /// <summary>The pipeline failed: a stage broke for every stream, or no stream could start.</summary>
    public const int PipelineFailed = 1;

    /// <summary>The configuration is invalid (the errors were printed).</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>A stop had to discard in-flight frames: its deadline passed before the pipeline drained.</summary>
    public const int StopForced = 3;

    /// <summary>A second signal forced the stop (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
