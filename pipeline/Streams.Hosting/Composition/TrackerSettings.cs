using Streams.Configuration;
using Streams.Tracking;

namespace Streams.Hosting.Composition;

/// <summary>Maps the <c>tracker:</c> section onto ByteTrack's settings.</summary>
internal static class TrackerSettings
{
    public static TrackerStageOptions Create(TrackerOptions tracker) => TrackerStageOptions.Default with
    {
        ByteTrack = ByteTrackOptions.Default with
        {
            TrackHighThresh = tracker.TrackHighThresh,
            TrackLowThresh = tracker.TrackLowThresh,
            NewTrackThresh = tracker.NewTrackThresh,
            TrackBuffer = tracker.TrackBuffer,
            MatchThresh = tracker.MatchThresh,
            LowMatchThresh = tracker.LowMatchThresh,
            UnconfirmedMatchThresh = tracker.UnconfirmedMatchThresh,
            DuplicateThresh = tracker.DuplicateThresh,
            GapReach = tracker.GapReach,
            LostReach = tracker.LostReach,
            RecoveryMatchThresh = tracker.RecoveryMatchThresh,
            SampledConfirmThresh = tracker.SampledConfirmThresh,
            FuseScore = tracker.FuseScore,
        },
        ReportPastFrames = tracker.PastFrames,
    };
}
