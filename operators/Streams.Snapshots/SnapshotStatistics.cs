namespace Streams.Snapshots;

/// <summary>What a <see cref="SnapshotStore"/> has done so far; nothing it gave up on goes uncounted.</summary>
/// <param name="Encoded">JPEGs encoded.</param>
/// <param name="Written">JPEG files written (each replaces the track's earlier one).</param>
/// <param name="WriteFailures">Writes that failed (an unwritable directory, a full disk).</param>
/// <param name="EncodeFailures">Crops libturbojpeg failed to encode.</param>
/// <param name="Dropped">JPEGs dropped because the writer was this far behind (<see cref="SnapshotOptions.QueueCapacity"/>).</param>
public readonly record struct SnapshotStatistics(long Encoded, long Written, long WriteFailures, long EncodeFailures, long Dropped);
