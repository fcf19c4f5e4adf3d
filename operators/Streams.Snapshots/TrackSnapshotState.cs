using Streams.Analytics;

namespace Streams.Snapshots;

/// <summary>One live track's snapshot: the view encoded for it and where the file is.</summary>
internal sealed class TrackSnapshotState(string relativePath)
{
    public string RelativePath { get; } = relativePath;

    public BestView? Encoded { get; set; }

    public int Encodes { get; set; }

    public SnapshotReference? Reference { get; set; }

    /// <summary>Set by the writer: whether the latest finished write of this track failed.</summary>
    public volatile bool LastWriteFailed;
}
