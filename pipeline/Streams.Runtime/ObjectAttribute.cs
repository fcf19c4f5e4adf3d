namespace Streams.Runtime;

/// <summary>A secondary model's result for one object of a frame (DeepStream's classifier meta).</summary>
/// <param name="ObjectIndex">Index of the object in <see cref="Frame.Objects"/>.</param>
/// <param name="ModelIndex">Which secondary model produced it, in configuration order.</param>
/// <param name="ClassId">The label index the model chose.</param>
/// <param name="Confidence">The model's probability for that label, 0..1.</param>
public readonly record struct ObjectAttribute(int ObjectIndex, int ModelIndex, int ClassId, float Confidence);
