namespace Streams.Runtime;

/// <summary>
/// Thrown by a stage when it can no longer work for any stream (its model or device is gone): unlike other
/// exceptions, which fail only the item's stream, this one fails the stage and with it the pipeline.
/// </summary>
public sealed class PipelineFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PipelineFaultException()
    {
    }

    /// <summary>Creates the exception with a message that says what broke.</summary>
    public PipelineFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PipelineFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
