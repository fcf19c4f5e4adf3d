using System.Text;

namespace Streams.Inference;

/// <summary>One input or output of a model, as ONNX Runtime reports it.</summary>
/// <param name="Name">The tensor's name in the graph.</param>
/// <param name="ElementType">Its element type; <see cref="TensorElementType.Undefined"/> for a non-tensor value.</param>
/// <param name="Shape">Its dimensions, -1 where dynamic (a symbolic batch, for instance).</param>
/// <param name="DimensionNames">The symbolic names of the dimensions ("batch"), empty strings where fixed.</param>
public sealed record TensorInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string> DimensionNames)
{
    /// <summary>True for a tensor (not a sequence or map).</summary>
    public bool IsTensor => ElementType != TensorElementType.Undefined;

    /// <summary>The shape as <c>[1,84,8400]</c>, with <c>-1</c> (or the dimension's name) where dynamic.</summary>
    public string ShapeText => FormatShape(Shape, DimensionNames);

    /// <summary>Formats a shape as <c>[1,84,8400]</c>.</summary>
    public static string FormatShape(IReadOnlyList<long> shape, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var text = new StringBuilder("[");
        for (int i = 0; i < shape.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            if (shape[i] < 0 && names is not null && i < names.Count && names[i].Length > 0)
            {
                text.Append(names[i]);
            }
            else
            {
                text.Append(shape[i]);
            }
        }

        return text.Append(']').ToString();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {TensorElementTypes.NameOf(ElementType)} {ShapeText}";
}
