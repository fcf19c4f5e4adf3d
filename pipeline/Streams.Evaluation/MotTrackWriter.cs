using Streams.Runtime;

namespace Streams.Evaluation;

/// <summary>Writes a stream's tracked objects as MOTChallenge tracker output, frame by frame.</summary>
/// <param name="writer">Where the rows go; not disposed here.</param>
public sealed class MotTrackWriter(TextWriter writer)
{
    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>
    /// Writes the tracked objects (track id other than 0) of frame <paramref name="frameNumber"/>: MOTChallenge
    /// frames count from 1, so pass <c>Frame.Sequence + 1</c>. The class column is the class id + 1.
    /// </summary>
    public void Write(long frameNumber, ReadOnlySpan<DetectedObject> objects)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameNumber, 1);
        foreach (DetectedObject o in objects)
        {
            if (o.TrackId == 0)
            {
                continue;
            }

            MotFile.WriteTrackRow(writer, new MotRow((int)frameNumber, o.TrackId, o.Box, o.Confidence, o.ClassId + 1, -1));
            Rows++;
        }
    }
}
