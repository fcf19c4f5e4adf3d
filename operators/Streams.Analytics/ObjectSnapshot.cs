using Streams.Runtime;

namespace Streams.Analytics;

/// <summary>A tracked object as last seen.</summary>
/// <param name="TrackId">The tracker's id, unique per stream.</param>
/// <param name="ClassId">The detector's class id (fixed for the track).</param>
/// <param name="ClassName">The class's name, or the id as text.</param>
/// <param name="Confidence">The detector's confidence, 0..1.</param>
/// <param name="Box">The box in source pixels.</param>
/// <param name="NormalizedBox">The box as fractions of the frame's width and height.</param>
/// <param name="Anchor">The anchor point in pixels (see <see cref="AnalyticsStageOptions.Anchor"/>).</param>
/// <param name="GroundPosition">The anchor on the ground in metres, with a ground plane.</param>
/// <param name="SpeedPixelsPerSecond">The anchor's speed over the speed window; null until there is a past to compare.</param>
/// <param name="SpeedMetersPerSecond">The same on the ground, with a ground plane.</param>
public sealed record ObjectSnapshot(
    long TrackId,
    int ClassId,
    string ClassName,
    float Confidence,
    BoxF Box,
    BoxF NormalizedBox,
    Point2D Anchor,
    Point2D? GroundPosition,
    double? SpeedPixelsPerSecond,
    double? SpeedMetersPerSecond);
