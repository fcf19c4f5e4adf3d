namespace Streams.Analytics;

/// <summary>Why a zone visit ended.</summary>
public enum ZoneExitReason
{
    /// <summary>The anchor left the zone.</summary>
    Left,

    /// <summary>The track ended inside the zone (lost, or the stream ended).</summary>
    TrackEnded,
}
