namespace Streams.Tracking.Internal;

/// <summary>Where a track is in ByteTrack's life cycle.</summary>
internal enum TrackPhase
{
    /// <summary>Matched in its last update (confirmed or not).</summary>
    Tracked,

    /// <summary>Unmatched, kept for re-identification within the lost-track buffer.</summary>
    Lost,

    /// <summary>Gone: aged out, an unconfirmed track that missed, or a duplicate. Returned to the pool.</summary>
    Removed,
}
