namespace Streams.SampleStreams;

/// <summary>Where an object is on one frame: its true box, which may extend beyond the frame.</summary>
public readonly record struct ObjectPlacement(SceneObject SceneObject, PixelBox Box);
