namespace Streams.Analytics;

/// <summary>What one secondary model said about a track, by majority over the frames it ran on.</summary>
/// <param name="ModelIndex">The model, in configuration order.</param>
/// <param name="ClassId">The label chosen most often (ties: the higher summed confidence).</param>
/// <param name="Label">The label's name, when configured.</param>
/// <param name="Confidence">The mean confidence of the frames that chose it.</param>
/// <param name="Votes">Frames that chose it.</param>
/// <param name="Observations">Frames the model ran on for the track.</param>
public sealed record AttributeSummary(int ModelIndex, int ClassId, string? Label, float Confidence, int Votes, int Observations);
