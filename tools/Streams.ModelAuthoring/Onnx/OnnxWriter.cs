using Google.Protobuf;

namespace Streams.ModelAuthoring.Onnx;

/// <summary>
/// Serialises an <see cref="OnnxModel"/> to ONNX protobuf bytes with Google.Protobuf's <see cref="CodedOutputStream"/>
/// and the field numbers of <c>onnx.proto</c> (see <see cref="OnnxFields"/>). Repeated scalars are written unpacked, as
/// proto2 does by default; every attribute carries its <c>type</c>. The output is a pure function of the model: the
/// same model always gives the same bytes.
/// </summary>
public static class OnnxWriter
{
    /// <summary>The serialised <c>ModelProto</c>.</summary>
    public static byte[] Write(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Message(o =>
        {
            o.WriteTag(OnnxFields.Model.IrVersion, WireFormat.WireType.Varint);
            o.WriteInt64(model.IrVersion);
            WriteString(o, OnnxFields.Model.ProducerName, model.ProducerName);
            WriteString(o, OnnxFields.Model.ProducerVersion, model.ProducerVersion);
            o.WriteTag(OnnxFields.Model.ModelVersion, WireFormat.WireType.Varint);
            o.WriteInt64(model.ModelVersion);
            if (model.DocString.Length > 0)
            {
                WriteString(o, OnnxFields.Model.DocString, model.DocString);
            }

            WriteMessage(o, OnnxFields.Model.Graph, Graph(model.Graph));
            WriteMessage(o, OnnxFields.Model.OpsetImport, Message(s =>
            {
                WriteString(s, OnnxFields.OperatorSetId.Domain, "");
                s.WriteTag(OnnxFields.OperatorSetId.Version, WireFormat.WireType.Varint);
                s.WriteInt64(model.OpsetVersion);
            }));
            foreach (KeyValuePair<string, string> entry in model.Metadata)
            {
                WriteMessage(o, OnnxFields.Model.MetadataProps, Message(s =>
                {
                    WriteString(s, OnnxFields.StringStringEntry.Key, entry.Key);
                    WriteString(s, OnnxFields.StringStringEntry.Value, entry.Value);
                }));
            }
        });
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>, replacing it.</summary>
    public static void WriteFile(OnnxModel model, string path) => File.WriteAllBytes(path, Write(model));

    private static byte[] Graph(OnnxGraph graph) => Message(o =>
    {
        foreach (OnnxNode node in graph.Nodes)
        {
            WriteMessage(o, OnnxFields.Graph.Node, Node(node));
        }

        WriteString(o, OnnxFields.Graph.Name, graph.Name);
        foreach (OnnxTensor tensor in graph.Initializers)
        {
            WriteMessage(o, OnnxFields.Graph.Initializer, Tensor(tensor));
        }

        if (graph.DocString.Length > 0)
        {
            WriteString(o, OnnxFields.Graph.DocString, graph.DocString);
        }

        foreach (OnnxValueInfo input in graph.Inputs)
        {
            WriteMessage(o, OnnxFields.Graph.Input, ValueInfo(input));
        }

        foreach (OnnxValueInfo output in graph.Outputs)
        {
            WriteMessage(o, OnnxFields.Graph.Output, ValueInfo(output));
        }
    });

    private static byte[] Node(OnnxNode node) => Message(o =>
    {
        foreach (string input in node.Inputs)
        {
            WriteString(o, OnnxFields.Node.Input, input);
        }

        foreach (string output in node.Outputs)
        {
            WriteString(o, OnnxFields.Node.Output, output);
        }

        WriteString(o, OnnxFields.Node.Name, node.Name);
        WriteString(o, OnnxFields.Node.OpType, node.OpType);
        foreach (OnnxAttribute attribute in node.Attributes)
        {
            WriteMessage(o, OnnxFields.Node.Attribute, Attribute(attribute));
        }
    });

    private static byte[] Attribute(OnnxAttribute a) => Message(o =>
    {
        WriteString(o, OnnxFields.Attribute.Name, a.Name);
        switch (a.Kind)
        {
            case AttributeKind.Float:
                o.WriteTag(OnnxFields.Attribute.F, WireFormat.WireType.Fixed32);
                o.WriteFloat(a.FloatValue);
                break;
            case AttributeKind.Int:
                o.WriteTag(OnnxFields.Attribute.I, WireFormat.WireType.Varint);
                o.WriteInt64(a.IntValue);
                break;
            case AttributeKind.String:
                o.WriteTag(OnnxFields.Attribute.S, WireFormat.WireType.LengthDelimited);
                o.WriteBytes(ByteString.CopyFromUtf8(a.StringValue));
                break;
            case AttributeKind.Floats:
                foreach (float f in a.FloatValues)
                {
                    o.WriteTag(OnnxFields.Attribute.Floats, WireFormat.WireType.Fixed32);
                    o.WriteFloat(f);
                }

                break;
            case AttributeKind.Ints:
                foreach (long i in a.IntValues)
                {
                    o.WriteTag(OnnxFields.Attribute.Ints, WireFormat.WireType.Varint);
                    o.WriteInt64(i);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(a), a.Kind, "unsupported attribute kind");
        }

        o.WriteTag(OnnxFields.Attribute.Type, WireFormat.WireType.Varint);
        o.WriteEnum((int)a.Kind);
    });

    private static byte[] Tensor(OnnxTensor t) => Message(o =>
    {
        foreach (long d in t.Dims)
        {
            o.WriteTag(OnnxFields.Tensor.Dims, WireFormat.WireType.Varint);
            o.WriteInt64(d);
        }

        o.WriteTag(OnnxFields.Tensor.DataType, WireFormat.WireType.Varint);
        o.WriteInt32((int)t.ElementType);
        WriteString(o, OnnxFields.Tensor.Name, t.Name);
        o.WriteTag(OnnxFields.Tensor.RawData, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(UnsafeByteOperations.UnsafeWrap(t.RawData));
    });

    private static byte[] ValueInfo(OnnxValueInfo v) => Message(o =>
    {
        WriteString(o, OnnxFields.ValueInfo.Name, v.Name);
        byte[] shape = Message(s =>
        {
            foreach (TensorDim dim in v.Shape)
            {
                WriteMessage(s, OnnxFields.TensorShape.Dim, Message(d =>
                {
                    if (dim.Param is { } param)
                    {
                        WriteString(d, OnnxFields.TensorShape.DimParam, param);
                    }
                    else
                    {
                        d.WriteTag(OnnxFields.TensorShape.DimValue, WireFormat.WireType.Varint);
                        d.WriteInt64(dim.Value);
                    }
                }));
            }
        });
        byte[] tensorType = Message(t =>
        {
            t.WriteTag(OnnxFields.Type.TensorElemType, WireFormat.WireType.Varint);
            t.WriteInt32((int)v.ElementType);
            WriteMessage(t, OnnxFields.Type.TensorShape, shape);
        });
        WriteMessage(o, OnnxFields.ValueInfo.Type, Message(t => WriteMessage(t, OnnxFields.Type.TensorType, tensorType)));
    });

    private static void WriteString(CodedOutputStream o, int field, string value)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    }

    private static void WriteMessage(CodedOutputStream o, int field, byte[] message)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(UnsafeByteOperations.UnsafeWrap(message));
    }

    /// <summary>Encodes one message body by running <paramref name="write"/> against a fresh stream.</summary>
    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using MemoryStream buffer = new();
        using (CodedOutputStream output = new(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }
}
