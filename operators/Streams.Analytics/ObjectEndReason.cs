namespace Streams.Analytics;

/// <summary>Why a track ended.</summary>
public enum ObjectEndReason
{
    /// <summary>Not seen for the track timeout.</summary>
    Lost,

    /// <summary>Its stream ended.</summary>
    EndOfStream,
}
