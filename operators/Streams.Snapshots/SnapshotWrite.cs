namespace Streams.Snapshots;

/// <summary>A JPEG on its way to disk: a rented buffer the writer returns to the pool.</summary>
internal readonly record struct SnapshotWrite(TrackSnapshotState Track, byte[] Jpeg, int Length);
