namespace Streams.SampleStreams;

/// <summary>How a clip's frames are written.</summary>
public enum ClipFormat
{
    /// <summary>H.264 (yuv420p) through ffmpeg, in the container named by the output's extension (.mp4, .mkv, .ts).</summary>
    H264,

    /// <summary>Raw rgb24 frames back to back, width * height * 3 bytes each, no header.</summary>
    Raw,
}
