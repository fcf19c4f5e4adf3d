namespace Streams.Analytics;

/// <summary>A count for one class.</summary>
public sealed record ClassCount(int ClassId, string ClassName, long Count);
