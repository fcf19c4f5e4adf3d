namespace Streams.Runtime;

/// <summary>Which standard stream of a child process carries its data (the other one is left alone).</summary>
public enum ChildDataPipe
{
    /// <summary>The child writes data to its standard output (a decoder).</summary>
    StandardOutput,

    /// <summary>The child reads data from its standard input (an encoder).</summary>
    StandardInput,

    /// <summary>
    /// The child writes data to its standard output and reads a short text from its standard input: what must not
    /// appear on its command line, which every local user can read (a decoder's input URL with credentials).
    /// </summary>
    StandardOutputWithInput,
}
