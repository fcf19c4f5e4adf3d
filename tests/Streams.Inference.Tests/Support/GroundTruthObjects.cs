using Streams.Evaluation;
using Streams.Runtime;

namespace Streams.Inference.Tests.Support;

/// <summary>
/// Stands in for a perfect detector: puts the chosen ground-truth rows of each frame on it as
/// <see cref="DetectedObject"/>s (class id = MOTChallenge class − 1), and remembers which row became which object
/// index, so a later stage's <see cref="ObjectAttribute.ObjectIndex"/> leads back to its row.
/// </summary>
internal sealed class GroundTruthObjects(SampleClip clip, Func<MotRow, bool> select) : TransformStage<Frame>("ground-truth")
{
    private readonly Dictionary<int, MotRow[]> _placed = [];

    /// <summary>The rows placed on the frame at <paramref name="frameIndex"/>, in object order.</summary>
    public MotRow[] PlacedOn(int frameIndex) => _placed.TryGetValue(frameIndex, out MotRow[]? rows) ? rows : [];

    protected override bool Transform(Frame item)
    {
        int index = clip.IndexOf(item);
        MotRow[] rows = clip.TruthOf(index).Where(select).ToArray();
        _placed.Add(index, rows);
        item.Objects.Clear();
        foreach (MotRow row in rows)
        {
            item.Objects.Add(new DetectedObject(row.Box, row.Class - 1, 1f));
        }

        return true;
    }
}
