using Streams.Runtime;

namespace Streams.Inference;

/// <summary>A box a detector proposed, before suppression, in the model input's pixels.</summary>
/// <param name="Box">The box in input pixels.</param>
/// <param name="ClassId">The class index.</param>
/// <param name="Score">The confidence, 0..1.</param>
public readonly record struct DetectionCandidate(BoxF Box, int ClassId, float Score);
