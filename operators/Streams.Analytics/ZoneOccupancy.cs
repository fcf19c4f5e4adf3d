namespace Streams.Analytics;

/// <summary>A zone's state: objects inside now and visits since the stream started.</summary>
/// <param name="ZoneId">The zone.</param>
/// <param name="Occupancy">Tracks inside now.</param>
/// <param name="Visits">Entries since the stream started.</param>
/// <param name="ByClass">Tracks inside now per class, classes with none left out, by class id.</param>
public sealed record ZoneOccupancy(string ZoneId, int Occupancy, long Visits, IReadOnlyList<ClassCount> ByClass);
