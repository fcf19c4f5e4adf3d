namespace Streams.ModelAuthoring.Onnx;

/// <summary>Typed helpers for the opset-17 operators the models use. Each adds one node and returns its output.</summary>
public sealed partial class GraphBuilder
{
    /// <summary>a + b (multidirectional broadcasting).</summary>
    public Value Add(Value a, Value b) => Op("Add", [a, b]);

    /// <summary>a - b.</summary>
    public Value Sub(Value a, Value b) => Op("Sub", [a, b]);

    /// <summary>a * b.</summary>
    public Value Mul(Value a, Value b) => Op("Mul", [a, b]);

    /// <summary>a / b.</summary>
    public Value Div(Value a, Value b) => Op("Div", [a, b]);

    /// <summary>Element-wise maximum of all inputs.</summary>
    public Value Max(params Value[] inputs) => Op("Max", inputs);

    /// <summary>Element-wise minimum of all inputs.</summary>
    public Value Min(params Value[] inputs) => Op("Min", inputs);

    /// <summary>a + scalar.</summary>
    public Value Add(Value a, float b) => Add(a, Scalar(b));

    /// <summary>a * scalar.</summary>
    public Value Mul(Value a, float b) => Mul(a, Scalar(b));

    /// <summary>scalar - a.</summary>
    public Value Sub(float a, Value b) => Sub(Scalar(a), b);

    /// <summary>a - scalar.</summary>
    public Value Sub(Value a, float b) => Sub(a, Scalar(b));

    /// <summary>max(x, 0).</summary>
    public Value Relu(Value x) => Op("Relu", [x]);

    /// <summary>1 / (1 + exp(-x)).</summary>
    public Value Sigmoid(Value x) => Op("Sigmoid", [x]);

    /// <summary>Square root.</summary>
    public Value Sqrt(Value x) => Op("Sqrt", [x]);

    /// <summary>Clamps x to [min, max].</summary>
    public Value Clip(Value x, float min, float max) => Op("Clip", [x, Scalar(min), Scalar(max)]);

    /// <summary>a &gt; b as bool.</summary>
    public Value Greater(Value a, Value b) => Op("Greater", [a, b]);

    /// <summary>a &gt; scalar as bool.</summary>
    public Value Greater(Value a, float b) => Greater(a, Scalar(b));

    /// <summary>a &gt;= scalar as bool.</summary>
    public Value GreaterOrEqual(Value a, float b) => Op("GreaterOrEqual", [a, Scalar(b)]);

    /// <summary>a &lt;= scalar as bool.</summary>
    public Value LessOrEqual(Value a, float b) => Op("LessOrEqual", [a, Scalar(b)]);

    /// <summary>Logical and of bools.</summary>
    public Value And(Value a, Value b) => Op("And", [a, b]);

    /// <summary>Logical or of bools.</summary>
    public Value Or(Value a, Value b) => Op("Or", [a, b]);

    /// <summary>condition ? x : y.</summary>
    public Value Where(Value condition, Value x, Value y) => Op("Where", [condition, x, y]);

    /// <summary>Converts to <paramref name="to"/>.</summary>
    public Value Cast(Value x, TensorElementType to) => Op("Cast", [x], OnnxAttribute.Int("to", (long)to));

    /// <summary>A bool tensor as 0/1 floats.</summary>
    public Value ToFloat(Value condition) => Cast(condition, TensorElementType.Float);

    /// <summary>Joins inputs along <paramref name="axis"/>.</summary>
    public Value Concat(long axis, params Value[] inputs) => Op("Concat", inputs, OnnxAttribute.Int("axis", axis));

    /// <summary>Reshapes; a 0 copies that input dimension, -1 is inferred.</summary>
    public Value Reshape(Value x, params long[] shape) => Op("Reshape", [x, Int64s(shape)]);

    /// <summary>Permutes axes.</summary>
    public Value Transpose(Value x, params long[] perm) => Op("Transpose", [x], OnnxAttribute.Ints("perm", perm));

    /// <summary>Slices along <paramref name="axes"/> with optional <paramref name="steps"/>.</summary>
    public Value Slice(Value x, long[] starts, long[] ends, long[] axes, long[]? steps = null) =>
        steps is null
            ? Op("Slice", [x, Int64s(starts), Int64s(ends), Int64s(axes)])
            : Op("Slice", [x, Int64s(starts), Int64s(ends), Int64s(axes), Int64s(steps)]);

    /// <summary>Channels [from, to) of an NCHW tensor.</summary>
    public Value Channels(Value x, long from, long to) => Slice(x, [from], [to], [1]);

    /// <summary>Constant padding; <paramref name="pads"/> lists all begins then all ends.</summary>
    public Value Pad(Value x, long[] pads, float value = 0) => Op("Pad", [x, Int64s(pads), Scalar(value)], OnnxAttribute.String("mode", "constant"));

    /// <summary>Maximum over <paramref name="axes"/>.</summary>
    public Value ReduceMax(Value x, long[] axes, bool keepDims = true) =>
        Op("ReduceMax", [x], OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Minimum over <paramref name="axes"/>.</summary>
    public Value ReduceMin(Value x, long[] axes, bool keepDims = true) =>
        Op("ReduceMin", [x], OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Mean over <paramref name="axes"/>.</summary>
    public Value ReduceMean(Value x, long[] axes, bool keepDims = true) =>
        Op("ReduceMean", [x], OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Sum over <paramref name="axes"/> (an input since opset 13).</summary>
    public Value ReduceSum(Value x, long[] axes, bool keepDims = true) =>
        Op("ReduceSum", [x, Int64s(axes)], OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>2-D max pooling; <paramref name="pads"/> is [top, left, bottom, right] and pads with -inf.</summary>
    public Value MaxPool(Value x, long[] kernel, long[]? strides = null, long[]? pads = null, long[]? dilations = null)
    {
        List<OnnxAttribute> attributes = [OnnxAttribute.Ints("kernel_shape", kernel)];
        if (strides is not null)
        {
            attributes.Add(OnnxAttribute.Ints("strides", strides));
        }

        if (pads is not null)
        {
            attributes.Add(OnnxAttribute.Ints("pads", pads));
        }

        if (dilations is not null)
        {
            attributes.Add(OnnxAttribute.Ints("dilations", dilations));
        }

        return Op("MaxPool", [x], [.. attributes]);
    }

    /// <summary>2-D average pooling without padding.</summary>
    public Value AveragePool(Value x, long[] kernel, long[] strides) =>
        Op("AveragePool", [x], OnnxAttribute.Ints("kernel_shape", kernel), OnnxAttribute.Ints("strides", strides));

    /// <summary>2-D convolution; <paramref name="bias"/> may be <see cref="Value.None"/>.</summary>
    public Value Conv(Value x, Value weight, Value bias, long kernel, long stride = 1, long pad = 0, long group = 1)
    {
        Value[] inputs = bias.Name.Length == 0 ? [x, weight] : [x, weight, bias];
        return Op(
            "Conv",
            inputs,
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("strides", stride, stride),
            OnnxAttribute.Ints("pads", pad, pad, pad, pad),
            OnnxAttribute.Ints("dilations", 1, 1),
            OnnxAttribute.Int("group", group));
    }

    /// <summary>Running sum along <paramref name="axis"/>.</summary>
    public Value CumSum(Value x, long axis) => Op("CumSum", [x, ScalarInt64(axis)]);

    /// <summary>data[..., indices[...], ...] along <paramref name="axis"/>; indices are int64.</summary>
    public Value GatherElements(Value data, Value indices, long axis) => Op("GatherElements", [data, indices], OnnxAttribute.Int("axis", axis));

    /// <summary>Softmax along <paramref name="axis"/>.</summary>
    public Value Softmax(Value x, long axis) => Op("Softmax", [x], OnnxAttribute.Int("axis", axis));

    /// <summary>Splits along <paramref name="axis"/> into parts of the given sizes.</summary>
    public Value[] Split(Value x, long axis, params long[] sizes) => Ops("Split", sizes.Length, [x, Int64s(sizes)], OnnxAttribute.Int("axis", axis));

    /// <summary>Nearest-neighbour upsampling of an NCHW tensor by an integer factor.</summary>
    public Value Upsample(Value x, float factor) => Op(
        "Resize",
        [x, Value.None, Initializer("scales", [4], [1f, 1f, factor, factor])],
        OnnxAttribute.String("mode", "nearest"),
        OnnxAttribute.String("coordinate_transformation_mode", "asymmetric"),
        OnnxAttribute.String("nearest_mode", "floor"));

    private Value ScalarInt64(long value)
    {
        string key = "s:" + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!_constants.TryGetValue(key, out Value v))
        {
            v = Int64Initializer("s_" + value.ToString(System.Globalization.CultureInfo.InvariantCulture), [], [value]);
            _constants[key] = v;
        }

        return v;
    }
}
