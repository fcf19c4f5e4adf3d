namespace Streams.SampleStreams;

/// <summary>
/// One stay of an object in a zone: inside from frame <see cref="EnterFrame"/> up to but not including frame
/// <see cref="ExitFrame"/> (both 1-based). <see cref="ExitFrame"/> is null when the object is still inside on the
/// clip's last frame.
/// </summary>
public sealed record ZoneVisit(string ZoneId, int ObjectId, ObjectClass Class, int EnterFrame, int? ExitFrame)
{
    /// <summary>Frames spent inside, counting up to the clip's end for a stay that has not ended.</summary>
    public int FramesInside(int frameCount) => (ExitFrame ?? (frameCount + 1)) - EnterFrame;
}
