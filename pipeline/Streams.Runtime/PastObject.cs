namespace Streams.Runtime;

/// <summary>
/// A tracked object at an earlier source frame than the frame that carries it: known only once a later detection
/// confirmed the track or gave the other end of its way. With detection sampled (a few frames per second kept out of
/// 30), this is how the frames that were decoded but not detected, and a track's first sighting made before it had
/// an id, still reach consumers, late, as DeepStream reports past-frame data.
/// </summary>
/// <param name="Pts">The presentation time of the source frame the object belongs to; null when the carrying frame has none.</param>
/// <param name="FramesBefore">How many source frames (at the source's own rate) before the carrying frame, at least 1.</param>
/// <param name="Before">The same as a time: how long before the carrying frame.</param>
/// <param name="Tracked">The object there, with its track id, class and the score of the detection that completed its step.</param>
/// <param name="Observed">
/// True for a detection the tracker saw (a track's first sighting, made before the track was confirmed); false for a
/// box interpolated between two sightings.
/// </param>
public readonly record struct PastObject(TimeSpan? Pts, long FramesBefore, TimeSpan Before, DetectedObject Tracked, bool Observed);
