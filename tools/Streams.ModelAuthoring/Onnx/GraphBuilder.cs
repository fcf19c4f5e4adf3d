using System.Globalization;

namespace Streams.ModelAuthoring.Onnx;

/// <summary>
/// Builds an <see cref="OnnxGraph"/> node by node. Every node and output gets a name from a running counter, and equal
/// scalar constants share one initializer, so the same sequence of calls always yields the same graph (and bytes).
/// Typed helpers for the operators the models use live in <c>GraphBuilder.Operators.cs</c>.
/// </summary>
public sealed partial class GraphBuilder
{
    private readonly string _name;
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly HashSet<string> _names = [];
    private readonly Dictionary<string, Value> _constants = [];
    private int _counter;

    /// <summary>Starts an empty graph called <paramref name="name"/>.</summary>
    public GraphBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _name = name;
    }

    /// <summary>The nodes added so far.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>Declares a graph input.</summary>
    public Value Input(string name, TensorElementType elementType, params TensorDim[] shape)
    {
        Claim(name);
        _inputs.Add(new OnnxValueInfo(name, elementType, [.. shape]));
        return new Value(name);
    }

    /// <summary>Declares <paramref name="value"/> a graph output under its own name.</summary>
    public void Output(Value value, TensorElementType elementType, params TensorDim[] shape) =>
        _outputs.Add(new OnnxValueInfo(value.Name, elementType, [.. shape]));

    /// <summary>Adds a float initializer called <paramref name="name"/> (made unique if taken).</summary>
    public Value Initializer(string name, long[] dims, ReadOnlySpan<float> values)
    {
        string unique = Unique(name);
        _initializers.Add(OnnxTensor.FromFloats(unique, dims, values));
        return new Value(unique);
    }

    /// <summary>Adds an int64 initializer called <paramref name="name"/> (made unique if taken).</summary>
    public Value Int64Initializer(string name, long[] dims, ReadOnlySpan<long> values)
    {
        string unique = Unique(name);
        _initializers.Add(OnnxTensor.FromInt64s(unique, dims, values));
        return new Value(unique);
    }

    /// <summary>A float scalar constant; equal values share one initializer.</summary>
    public Value Scalar(float value)
    {
        string key = "f:" + value.ToString("R", CultureInfo.InvariantCulture);
        if (!_constants.TryGetValue(key, out Value v))
        {
            v = Initializer("c_" + Sanitise(value.ToString("R", CultureInfo.InvariantCulture)), [], [value]);
            _constants[key] = v;
        }

        return v;
    }

    /// <summary>A 1-D int64 constant (shapes, axes, pads); equal lists share one initializer.</summary>
    public Value Int64s(params long[] values)
    {
        string key = "i:" + string.Join(",", values);
        if (!_constants.TryGetValue(key, out Value v))
        {
            v = Int64Initializer("i_" + Sanitise(string.Join("_", values)), [values.Length], values);
            _constants[key] = v;
        }

        return v;
    }

    /// <summary>An int32 scalar constant; equal values share one initializer.</summary>
    public Value Int32Scalar(int value)
    {
        string key = "i32:" + value.ToString(CultureInfo.InvariantCulture);
        if (!_constants.TryGetValue(key, out Value v))
        {
            string unique = Unique("i32_" + Sanitise(value.ToString(CultureInfo.InvariantCulture)));
            _initializers.Add(OnnxTensor.FromInt32s(unique, [], [value]));
            v = new Value(unique);
            _constants[key] = v;
        }

        return v;
    }

    /// <summary>Adds a node with one output and returns it.</summary>
    public Value Op(string opType, Value[] inputs, params OnnxAttribute[] attributes) => Ops(opType, 1, inputs, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputCount"/> outputs and returns them.</summary>
    public Value[] Ops(string opType, int outputCount, Value[] inputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        int id = _counter++;
        string stem = opType.ToLowerInvariant() + "_" + id.ToString(CultureInfo.InvariantCulture);
        Value[] outputs = new Value[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            outputs[i] = new Value(Unique(outputCount == 1 ? stem : stem + "_" + i.ToString(CultureInfo.InvariantCulture)));
        }

        string[] inputNames = new string[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputNames[i] = inputs[i].Name;
        }

        string[] outputNames = new string[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            outputNames[i] = outputs[i].Name;
        }

        _nodes.Add(new OnnxNode(opType, inputNames, outputNames, "n" + id.ToString(CultureInfo.InvariantCulture) + "_" + opType, [.. attributes]));
        return outputs;
    }

    /// <summary>Renames <paramref name="value"/> to <paramref name="name"/> through an Identity node (for graph outputs).</summary>
    public Value Named(Value value, string name)
    {
        Claim(name);
        int id = _counter++;
        _nodes.Add(new OnnxNode("Identity", [value.Name], [name], "n" + id.ToString(CultureInfo.InvariantCulture) + "_Identity", []));
        return new Value(name);
    }

    /// <summary>The finished graph.</summary>
    public OnnxGraph Build(string docString = "") =>
        new(_name, [.. _nodes], [.. _initializers], [.. _inputs], [.. _outputs]) { DocString = docString };

    private void Claim(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"the name '{name}' is already used in graph '{_name}'", nameof(name));
        }
    }

    private string Unique(string name)
    {
        string candidate = name;
        for (int i = 1; !_names.Add(candidate); i++)
        {
            candidate = name + "_" + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static string Sanitise(string text)
    {
        char[] chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]))
            {
                chars[i] = chars[i] == '-' ? 'm' : 'p';
            }
        }

        return new string(chars);
    }
}
