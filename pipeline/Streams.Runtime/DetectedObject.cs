namespace Streams.Runtime;

/// <summary>One object found in a frame, in the frame's own pixels. Update in place through
/// <see cref="System.Runtime.InteropServices.CollectionsMarshal.AsSpan{T}"/> of <see cref="Frame.Objects"/>.</summary>
public struct DetectedObject
{
    /// <summary>The box in source pixels.</summary>
    public BoxF Box { get; set; }

    /// <summary>The detector's class index.</summary>
    public int ClassId { get; set; }

    /// <summary>The detector's confidence, 0..1.</summary>
    public float Confidence { get; set; }

    /// <summary>The tracker's id for the object, or 0 while untracked.</summary>
    public long TrackId { get; set; }

    /// <summary>Creates an untracked detection.</summary>
    public DetectedObject(BoxF box, int classId, float confidence)
    {
        Box = box;
        ClassId = classId;
        Confidence = confidence;
        TrackId = 0;
    }
}
