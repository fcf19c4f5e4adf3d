namespace Streams.Runtime;

/// <summary>Which standard stream of a child process carries its data (the other one is left alone).</summary>
public enum ChildDataPipe
{
    /// <summary>The child writes data to its standard output (a decoder).</summary>
    StandardOutput,

    /// <summary>The child reads data from its standard input (an encoder).</summary>
    StandardInput,
}
