namespace Streams.SampleStreams;

/// <summary>Settings of the ffmpeg/libx264 encode. They change the compressed bytes, never the frames' content.</summary>
public sealed record ClipEncoderOptions
{
    /// <summary>The defaults: <c>ffmpeg</c> from PATH, preset medium, CRF 20, 4 encoder threads.</summary>
    public static ClipEncoderOptions Default { get; } = new();

    /// <summary>The ffmpeg executable. Default <c>ffmpeg</c> (looked up on PATH).</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>libx264 preset. Default <c>medium</c>.</summary>
    public string Preset { get; init; } = "medium";

    /// <summary>libx264 constant rate factor, 0 to 51. Default 20: visually clean, about 2-3 MB per 20 s of a preset scene.</summary>
    public int Crf { get; init; } = 20;

    /// <summary>
    /// libx264 threads. Default 4, fixed rather than per machine, because x264's output depends on its thread count:
    /// a fixed count gives the same bytes on any machine with the same ffmpeg build.
    /// </summary>
    public int Threads { get; init; } = 4;
}
