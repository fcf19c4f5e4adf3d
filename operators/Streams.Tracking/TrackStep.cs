using Streams.Runtime;

namespace Streams.Tracking;

/// <summary>
/// A confirmed track's way from its previous observation to the one matched in the latest update: what a consumer
/// needs to fill the frames between (interpolated boxes for frames decoded but not detected) or to judge a line on
/// the path the object travelled rather than on the sampled points.
/// </summary>
/// <param name="TrackId">The track's id.</param>
/// <param name="ClassId">Its class.</param>
/// <param name="Score">The confidence of the detection matched now.</param>
/// <param name="FromFrame">The frame of the previous observation (tracker frames, at the stream's own rate).</param>
/// <param name="From">The detection's box there.</param>
/// <param name="ToFrame">The frame of the update.</param>
/// <param name="To">The detection's box now.</param>
/// <param name="FromReported">
/// False when the track was confirmed by this update: the previous observation was made while the track had no id
/// yet, so nothing was reported for it.
/// </param>
public readonly record struct TrackStep(long TrackId, int ClassId, float Score, long FromFrame, BoxF From, long ToFrame, BoxF To, bool FromReported)
{
    /// <summary>Frames strictly between the two observations (0 when they are consecutive).</summary>
    public long FramesBetween => Math.Max(0, ToFrame - FromFrame - 1);

    /// <summary>The box at <paramref name="frame"/>, linearly between the two observations (clamped to them).</summary>
    public BoxF At(long frame)
    {
        if (ToFrame <= FromFrame || frame >= ToFrame)
        {
            return To;
        }

        if (frame <= FromFrame)
        {
            return From;
        }

        return BoxF.Lerp(From, To, (float)(frame - FromFrame) / (ToFrame - FromFrame));
    }
}
