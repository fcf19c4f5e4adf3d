namespace Streams.SampleStreams.Internal;

/// <summary>A preset realised at one size: its background, counting lines, zones and the planner of its routes.</summary>
internal sealed record PresetLayout(
    BackgroundLayout Background,
    IReadOnlyList<CountingLine> Lines,
    IReadOnlyList<SceneZone> Zones,
    RoutePlanner Planner);
