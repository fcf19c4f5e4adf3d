using Streams.Options;

namespace Streams.Tracking;

/// <summary>The multi-object tracker (<c>tracker.type</c>).</summary>
public enum TrackerType
{
    /// <summary>ByteTrack: associates high- then low-confidence detections to Kalman-predicted tracks (the default).</summary>
    [ConfigName("bytetrack")]
    ByteTrack,

    /// <summary>No tracking: detections carry no track id.</summary>
    None,
}
