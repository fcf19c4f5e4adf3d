namespace Streams.Video;

/// <summary>What an <see cref="AnnotatedVideoStage"/> did so far, over all streams.</summary>
/// <param name="FramesQueued">Annotated pictures handed to an encoder.</param>
/// <param name="FramesEncoded">Pictures written to an ffmpeg process.</param>
/// <param name="FramesNotRecorded">Frames left out: a pixel format that cannot be drawn on, or an encoder that had failed.</param>
/// <param name="FilesWritten">Files finished and renamed to their final name.</param>
/// <param name="EncoderFailures">ffmpeg runs that failed, could not start, or were killed.</param>
public sealed record AnnotatedVideoStatistics(long FramesQueued, long FramesEncoded, long FramesNotRecorded, long FilesWritten, long EncoderFailures);
