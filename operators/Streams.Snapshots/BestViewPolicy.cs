namespace Streams.Snapshots;

/// <summary>
/// Decides whether a sighting replaces a track's snapshot: the best view wins (higher confidence by at least
/// <see cref="SnapshotOptions.MinImprovement"/>; an equal confidence with a larger box), but a track encodes at most
/// <see cref="SnapshotOptions.MaxEncodesPerTrack"/> times and not twice within <see cref="SnapshotOptions.MinInterval"/>.
/// </summary>
public sealed class BestViewPolicy
{
    private readonly float _minImprovement;
    private readonly TimeSpan _minInterval;
    private readonly int _maxEncodes;

    /// <summary>Creates the policy of <paramref name="options"/>.</summary>
    public BestViewPolicy(SnapshotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _minImprovement = options.MinImprovement;
        _minInterval = options.MinInterval;
        _maxEncodes = options.MaxEncodesPerTrack;
    }

    /// <summary>Whether <paramref name="candidate"/> should be encoded.</summary>
    /// <param name="encoded">The view the track's snapshot shows; null when it has none.</param>
    /// <param name="encodes">How often the track has been encoded.</param>
    /// <param name="candidate">The new sighting.</param>
    public bool ShouldEncode(BestView? encoded, int encodes, in BestView candidate)
    {
        if (encoded is not { } best)
        {
            return true;
        }

        if (encodes >= _maxEncodes)
        {
            return false;
        }

        // A clock that went backwards (PTS restart on reconnect) does not hold the track back.
        TimeSpan elapsed = candidate.Time - best.Time;
        if (elapsed >= TimeSpan.Zero && elapsed < _minInterval)
        {
            return false;
        }

        float gain = candidate.Confidence - best.Confidence;
        return gain > 0 ? gain >= _minImprovement : gain == 0 && candidate.Area > best.Area;
    }
}
