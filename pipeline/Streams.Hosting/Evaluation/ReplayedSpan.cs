using System.Globalization;

namespace Streams.Hosting.Evaluation;

/// <summary>
/// The part of a clip one run replayed: frames 1 to <see cref="LastFrame"/>, numbered as the ground truth numbers
/// them (from the first frame the stream delivered), <see cref="LastFrame"/> being the last frame that went through
/// the pipeline. A run shortened by <c>--duration</c> or Ctrl+C replays only the start of its clips.
/// </summary>
/// <param name="LastFrame">The last frame that reached the end of the pipeline; 0 when none did. Past
/// <see cref="ClipFrames"/> when the clip looped.</param>
/// <param name="ClipFrames">The clip's length in frames, when known.</param>
/// <param name="FrameRate">The clip's frame rate.</param>
/// <param name="IsWholeClip">Whether no later frame of the clip would have been delivered: the run reached the clip's end.</param>
public sealed record ReplayedSpan(int LastFrame, int? ClipFrames, double FrameRate, bool IsWholeClip)
{
    /// <summary>
    /// The span ending at <paramref name="lastFrame"/>. With detection sampling (<paramref name="detectFps"/>) the last
    /// frames of a clip are never delivered (at 10 of 30 fps, a 600-frame clip ends at frame 598), so the clip counts
    /// as replayed whole when <paramref name="lastFrame"/> lies in the clip's last sampling slot.
    /// </summary>
    public static ReplayedSpan Create(int lastFrame, int? clipFrames, double frameRate, double? detectFps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastFrame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameRate);
        bool whole = clipFrames is { } frames && lastFrame > 0 && (lastFrame == frames
            || (lastFrame < frames && detectFps is { } rate && SamplingSlot(lastFrame, frameRate, rate) >= SamplingSlot(frames, frameRate, rate)));
        return new ReplayedSpan(lastFrame, clipFrames, frameRate, whole);
    }

    /// <summary>Whether the span is only part of the clip (or more than one pass of it, looped).</summary>
    public bool IsPartial => !IsWholeClip;

    /// <summary>What was replayed, in words: "first 8.0 s of 20.0 s (frames 1-240 of 600)", "whole clip, 20.0 s (frames 1-598 of 600)".</summary>
    public string Describe()
    {
        if (LastFrame == 0)
        {
            return "no frames";
        }

        string seconds = Seconds(LastFrame);
        return ClipFrames switch
        {
            null => string.Create(CultureInfo.InvariantCulture, $"{seconds} s (frames 1-{LastFrame})"),
            { } frames when LastFrame > frames => string.Create(CultureInfo.InvariantCulture,
                $"{seconds} s, the {Seconds(frames)} s clip looped (frames 1-{LastFrame})"),
            { } frames when IsWholeClip => string.Create(CultureInfo.InvariantCulture,
                $"whole clip, {Seconds(frames)} s (frames 1-{LastFrame} of {frames})"),
            { } frames => string.Create(CultureInfo.InvariantCulture,
                $"first {seconds} s of {Seconds(frames)} s (frames 1-{LastFrame} of {frames})"),
        };
    }

    // Frame n is shown from (n - 1) / rate to n / rate: n frames cover n / rate seconds.
    private string Seconds(int frames) => (frames / FrameRate).ToString("F1", CultureInfo.InvariantCulture);

    // The slot of the source's select filter (FfmpegArguments.SampleFilter): the first frame of each 1 / detectFps
    // slot of stream time is kept, with the same 1 ms tolerance.
    private static long SamplingSlot(int frame, double frameRate, double detectFps) =>
        (long)Math.Floor(((frame - 1) / frameRate * detectFps) + (detectFps * 0.001));
}
