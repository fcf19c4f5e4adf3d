namespace Streams.SampleStreams;

/// <summary>A ground-truth crossing of a counting line; <see cref="Frame"/> (1-based) is the first frame on the new side.</summary>
public sealed record LineCrossing(string LineId, int Frame, int ObjectId, ObjectClass Class, CrossingDirection Direction);
