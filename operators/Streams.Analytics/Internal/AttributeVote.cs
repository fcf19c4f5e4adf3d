namespace Streams.Analytics.Internal;

/// <summary>Frames on which secondary model <paramref name="Model"/> chose <paramref name="ClassId"/> for a track.</summary>
internal readonly record struct AttributeVote(int Model, int ClassId, int Count, double ConfidenceSum);
