namespace Streams.Configuration;

/// <summary>What a model does with its input (<c>models[].kind</c>).</summary>
public enum ModelKind
{
    /// <summary>Finds objects in whole frames (the default).</summary>
    Detector,

    /// <summary>Labels crops of objects found by a detector.</summary>
    Classifier,
}
