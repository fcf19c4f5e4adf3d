namespace Streams.Runtime;

/// <summary>Produces the frames of one stream: a decoder process, a camera, a generator.</summary>
public interface IFrameSource
{
    /// <summary>
    /// Writes frames to <paramref name="output"/> until the input ends, <paramref name="cancellationToken"/> is
    /// canceled (stop, removal, failure of the stream elsewhere), or the output closes. Returning normally ends the
    /// stream; throwing fails it (the other streams go on).
    /// </summary>
    /// <param name="stream">The stream being produced; its state reports reconnects and the like.</param>
    /// <param name="output">Rents frames and takes them.</param>
    /// <param name="cancellationToken">The stream's stop signal.</param>
    Task RunAsync(StreamContext stream, SourceOutput output, CancellationToken cancellationToken);
}
