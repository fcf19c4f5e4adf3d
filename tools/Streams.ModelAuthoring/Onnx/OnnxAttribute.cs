namespace Streams.ModelAuthoring.Onnx;

/// <summary>One node attribute: a name, its <see cref="AttributeKind"/> and the value for that kind.</summary>
public sealed record OnnxAttribute
{
    private OnnxAttribute(string name, AttributeKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
    }

    /// <summary>The attribute name, e.g. <c>kernel_shape</c>.</summary>
    public string Name { get; }

    /// <summary>Which value field is set.</summary>
    public AttributeKind Kind { get; }

    /// <summary>The value of an <see cref="AttributeKind.Int"/> attribute.</summary>
    public long IntValue { get; private init; }

    /// <summary>The value of a <see cref="AttributeKind.Float"/> attribute.</summary>
    public float FloatValue { get; private init; }

    /// <summary>The value of a <see cref="AttributeKind.String"/> attribute.</summary>
    public string StringValue { get; private init; } = "";

    /// <summary>The values of an <see cref="AttributeKind.Ints"/> attribute.</summary>
    public IReadOnlyList<long> IntValues { get; private init; } = [];

    /// <summary>The values of a <see cref="AttributeKind.Floats"/> attribute.</summary>
    public IReadOnlyList<float> FloatValues { get; private init; } = [];

    /// <summary>An integer attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, AttributeKind.Int) { IntValue = value };

    /// <summary>A float attribute.</summary>
    public static OnnxAttribute Float(string name, float value) => new(name, AttributeKind.Float) { FloatValue = value };

    /// <summary>A string attribute.</summary>
    public static OnnxAttribute String(string name, string value) => new(name, AttributeKind.String) { StringValue = value };

    /// <summary>An integer-list attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, AttributeKind.Ints) { IntValues = [.. values] };

    /// <summary>A float-list attribute.</summary>
    public static OnnxAttribute Floats(string name, params float[] values) => new(name, AttributeKind.Floats) { FloatValues = [.. values] };
}
