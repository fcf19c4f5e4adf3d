using Streams.Runtime;

namespace Streams.Analytics;

/// <summary>
/// Keeps a picture of each track's best view (see <see cref="AnalyticsStageOptions.Snapshots"/>). The analytics offer a
/// sighting whenever it is at least as confident as the track's best so far, and ask for the result when the track
/// ends; how pictures are encoded and stored is the implementation's business, so the analytics need no image code.
/// </summary>
/// <remarks>
/// Calls come from the analytics stage, on the frame path: an implementation must return quickly (hand slow work such
/// as file writes to another thread), must copy what it needs of the frame before returning (the frame is reused after
/// its release), and must not throw for a failed encode or write: it counts and logs such failures instead.
/// </remarks>
public interface ISnapshotRecorder
{
    /// <summary>Offers a sighting of a track as a candidate for its snapshot.</summary>
    /// <param name="streamId">The stream's id.</param>
    /// <param name="frame">The frame the object was seen on; read during the call only.</param>
    /// <param name="detected">The sighting; its <see cref="DetectedObject.TrackId"/> names the track.</param>
    /// <returns>The track's snapshot after the offer (this sighting's or an earlier one's); null while it has none.</returns>
    SnapshotReference? Offer(string streamId, Frame frame, in DetectedObject detected);

    /// <summary>Ends a track: forgets its state and returns the snapshot its <c>object.end</c> should reference.</summary>
    /// <param name="streamId">The stream's id.</param>
    /// <param name="trackId">The track's id.</param>
    /// <returns>The track's snapshot; null when it has none (never offered, or its file could not be written).</returns>
    SnapshotReference? Complete(string streamId, long trackId);
}
