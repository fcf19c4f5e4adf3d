namespace Streams.ModelAuthoring.Onnx;

/// <summary>A named tensor in a graph under construction: a graph input, an initializer or a node output.</summary>
public readonly record struct Value(string Name)
{
    /// <summary>An omitted optional input (the empty name).</summary>
    public static Value None => new("");

    /// <inheritdoc/>
    public override string ToString() => Name;
}
