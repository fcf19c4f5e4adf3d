namespace Streams.Analytics.Internal;

/// <summary>Where a track is counted relative to a zone.</summary>
internal enum ZoneMembership : byte
{
    /// <summary>Not judged yet.</summary>
    Unknown,

    /// <summary>Inside: a visit is open.</summary>
    Inside,

    /// <summary>Outside.</summary>
    Outside,
}
