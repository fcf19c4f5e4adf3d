using Google.Protobuf;

namespace Streams.Inference.Tests.Support;

/// <summary>
/// Writes small ONNX models (ir_version 8, opset 17) with Google.Protobuf's <see cref="CodedOutputStream"/> and the
/// field numbers of onnx.proto: enough for Identity/Add/MatMul/Conv graphs with known outputs.
/// </summary>
internal sealed class OnnxModelBuilder
{
    // TensorProto.DataType
    public const int Float = 1;
    public const int Int64 = 7;
    public const int Float16 = 10;

    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];
    private readonly List<(string Key, string Value)> _metadata = [];
    private int _nodeCount;

    /// <summary>Declares a graph input; a dimension is a number or, for a dynamic one, its name.</summary>
    public OnnxModelBuilder Input(string name, int elementType, params object[] dims)
    {
        _inputs.Add(ValueInfo(name, elementType, dims));
        return this;
    }

    /// <summary>Declares a graph output.</summary>
    public OnnxModelBuilder Output(string name, int elementType, params object[] dims)
    {
        _outputs.Add(ValueInfo(name, elementType, dims));
        return this;
    }

    /// <summary>Adds a float constant.</summary>
    public OnnxModelBuilder Initializer(string name, float[] values, params long[] dims)
    {
        byte[] raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        _initializers.Add(Tensor(name, Float, dims, raw));
        return this;
    }

    /// <summary>Adds an int64 constant (shapes for Reshape).</summary>
    public OnnxModelBuilder Initializer(string name, long[] values, params long[] dims)
    {
        byte[] raw = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        _initializers.Add(Tensor(name, Int64, dims, raw));
        return this;
    }

    /// <summary>Adds a node; attributes are (name, value) with value a long, float, long[] or string.</summary>
    public OnnxModelBuilder Node(string op, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        _nodes.Add(Message(w =>
        {
            foreach (string i in inputs)
            {
                w.WriteTag(1, WireFormat.WireType.LengthDelimited);
                w.WriteString(i);
            }

            foreach (string o in outputs)
            {
                w.WriteTag(2, WireFormat.WireType.LengthDelimited);
                w.WriteString(o);
            }

            w.WriteTag(3, WireFormat.WireType.LengthDelimited);
            w.WriteString($"{op}_{_nodeCount++}");
            w.WriteTag(4, WireFormat.WireType.LengthDelimited);
            w.WriteString(op);
            foreach ((string name, object value) in attributes)
            {
                WriteMessage(w, 5, Attribute(name, value));
            }
        }));
        return this;
    }

    /// <summary>Adds a custom metadata entry (Ultralytics' <c>names</c>, for instance).</summary>
    public OnnxModelBuilder Metadata(string key, string value)
    {
        _metadata.Add((key, value));
        return this;
    }

    /// <summary>The serialised ModelProto.</summary>
    public byte[] Build()
    {
        byte[] graph = Message(w =>
        {
            foreach (byte[] n in _nodes)
            {
                WriteMessage(w, 1, n);
            }

            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteString("test");
            foreach (byte[] t in _initializers)
            {
                WriteMessage(w, 5, t);
            }

            foreach (byte[] i in _inputs)
            {
                WriteMessage(w, 11, i);
            }

            foreach (byte[] o in _outputs)
            {
                WriteMessage(w, 12, o);
            }
        });
        return Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.Varint);
            w.WriteInt64(8); // ir_version
            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteString("streams-tests"); // producer_name
            WriteMessage(w, 7, graph);
            WriteMessage(w, 8, Message(o =>
            {
                o.WriteTag(2, WireFormat.WireType.Varint);
                o.WriteInt64(17); // opset version, default domain
            }));
            foreach ((string key, string value) in _metadata)
            {
                WriteMessage(w, 14, Message(e =>
                {
                    e.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    e.WriteString(key);
                    e.WriteTag(2, WireFormat.WireType.LengthDelimited);
                    e.WriteString(value);
                }));
            }
        });
    }

    /// <summary>Writes the model to a temporary file and returns its path.</summary>
    public string Save(string directory, string fileName)
    {
        string path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, Build());
        return path;
    }

    private static byte[] ValueInfo(string name, int elementType, object[] dims) => Message(w =>
    {
        w.WriteTag(1, WireFormat.WireType.LengthDelimited);
        w.WriteString(name);
        byte[] shape = Message(s =>
        {
            foreach (object d in dims)
            {
                WriteMessage(s, 1, Message(dim =>
                {
                    if (d is string param)
                    {
                        dim.WriteTag(2, WireFormat.WireType.LengthDelimited);
                        dim.WriteString(param);
                    }
                    else
                    {
                        dim.WriteTag(1, WireFormat.WireType.Varint);
                        dim.WriteInt64(Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }));
            }
        });
        byte[] tensorType = Message(t =>
        {
            t.WriteTag(1, WireFormat.WireType.Varint);
            t.WriteInt32(elementType);
            WriteMessage(t, 2, shape);
        });
        WriteMessage(w, 2, Message(t => WriteMessage(t, 1, tensorType)));
    });

    private static byte[] Tensor(string name, int dataType, long[] dims, byte[] raw) => Message(w =>
    {
        foreach (long d in dims)
        {
            w.WriteTag(1, WireFormat.WireType.Varint);
            w.WriteInt64(d);
        }

        w.WriteTag(2, WireFormat.WireType.Varint);
        w.WriteInt32(dataType);
        w.WriteTag(8, WireFormat.WireType.LengthDelimited);
        w.WriteString(name);
        w.WriteTag(9, WireFormat.WireType.LengthDelimited);
        w.WriteBytes(ByteString.CopyFrom(raw));
    });

    private static byte[] Attribute(string name, object value) => Message(w =>
    {
        w.WriteTag(1, WireFormat.WireType.LengthDelimited);
        w.WriteString(name);
        // AttributeProto.AttributeType: FLOAT 1, INT 2, STRING 3, FLOATS 6, INTS 7.
        int type;
        switch (value)
        {
            case float f:
                w.WriteTag(2, WireFormat.WireType.Fixed32);
                w.WriteFloat(f);
                type = 1;
                break;
            case long or int:
                w.WriteTag(3, WireFormat.WireType.Varint);
                w.WriteInt64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                type = 2;
                break;
            case string s:
                w.WriteTag(4, WireFormat.WireType.LengthDelimited);
                w.WriteString(s);
                type = 3;
                break;
            case long[] ints:
                foreach (long i in ints)
                {
                    w.WriteTag(8, WireFormat.WireType.Varint);
                    w.WriteInt64(i);
                }

                type = 7;
                break;
            default:
                throw new ArgumentException($"Attribute type {value.GetType()} is not supported.", nameof(value));
        }

        w.WriteTag(20, WireFormat.WireType.Varint);
        w.WriteInt32(type);
    });

    private static void WriteMessage(CodedOutputStream w, int field, byte[] message)
    {
        w.WriteTag(field, WireFormat.WireType.LengthDelimited);
        w.WriteBytes(ByteString.CopyFrom(message));
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }
}
