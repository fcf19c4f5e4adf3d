namespace Streams.Runtime;

/// <summary>What the pipeline needs to run one stream.</summary>
/// <param name="Id">The stream's id; unique among the pipeline's streams.</param>
/// <param name="DisplayUri">The source address with credentials redacted, for logs and metrics.</param>
/// <param name="Source">Produces the frames; owned by the stream, disposed (if disposable) when the stream ends.</param>
/// <param name="Edge">
/// The stream's own queue: <see cref="EdgePolicy.DropOldest"/> for live sources, <see cref="EdgePolicy.Wait"/> for
/// replayed files. Each stream has its own, so one slow or bursty stream never drops another's frames.
/// </param>
public sealed record StreamSpec(string Id, string DisplayUri, IFrameSource Source, EdgeOptions Edge);
