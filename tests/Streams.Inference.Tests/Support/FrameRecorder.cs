using Streams.Runtime;

namespace Streams.Inference.Tests.Support;

/// <summary>
/// The last stage of an accuracy run: copies each frame's objects and attributes, keyed by the frame's index in its
/// clip (from its PTS), before the pipeline releases the frame. Read <see cref="Frames"/> after the run has completed.
/// </summary>
internal sealed class FrameRecorder(SampleClip clip) : TransformStage<Frame>("recorder")
{
    private readonly SortedDictionary<int, RecordedFrame> _frames = [];

    /// <summary>Recorded frames by index, in order.</summary>
    public IReadOnlyDictionary<int, RecordedFrame> Frames => _frames;

    protected override bool Transform(Frame item)
    {
        int index = clip.IndexOf(item);
        if (!_frames.TryAdd(index, new RecordedFrame(index, [.. item.Objects], [.. item.Attributes])))
        {
            throw new InvalidOperationException($"Frame index {index} of {clip.Name} arrived twice.");
        }

        return true;
    }

    /// <summary>What one frame carried at the end of the pipeline.</summary>
    internal sealed record RecordedFrame(int Index, DetectedObject[] Objects, ObjectAttribute[] Attributes);
}
