namespace Streams.ModelAuthoring.Onnx;

/// <summary>One dimension of a graph input or output: a fixed size, or a named symbolic size such as the batch <c>N</c>.</summary>
public readonly record struct TensorDim
{
    private TensorDim(long value, string? param)
    {
        Value = value;
        Param = param;
    }

    /// <summary>The fixed size; meaningful when <see cref="Param"/> is null.</summary>
    public long Value { get; }

    /// <summary>The symbolic name (<c>dim_param</c>), or null for a fixed size.</summary>
    public string? Param { get; }

    /// <summary>A fixed size.</summary>
    public static TensorDim Fixed(long value) => new(value, null);

    /// <summary>A symbolic size, written as <c>dim_param</c>.</summary>
    public static TensorDim Symbolic(string name) => new(0, name);

    /// <summary>A fixed size.</summary>
    public static implicit operator TensorDim(long value) => Fixed(value);

    /// <summary>A symbolic size.</summary>
    public static implicit operator TensorDim(string name) => Symbolic(name);

    /// <inheritdoc/>
    public override string ToString() => Param ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
