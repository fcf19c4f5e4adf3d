using Google.Protobuf;
using Streams.ModelAuthoring.Onnx;

namespace Streams.ModelAuthoring.Tests;

[Trait("Tier", "Unit")]
public sealed class OnnxWriterTests
{
    // Field numbers from onnx.proto, written out here independently of the writer's own table.
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int ModelMetadataProps = 14;
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;
    private const int AttributeName = 1;
    private const int AttributeF = 2;
    private const int AttributeI = 3;
    private const int AttributeS = 4;
    private const int AttributeInts = 8;
    private const int AttributeType = 20;
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int TensorRawData = 9;

    private static byte[] SmallModel()
    {
        GraphBuilder g = new("small");
        Value x = g.Input("x", TensorElementType.Float, "N", 2);
        Value w = g.Initializer("w", [1, 2], [1.5f, -2f]);
        Value y = g.Op("Add", [x, w]);
        Value z = g.Op("LeakyRelu", [y], OnnxAttribute.Float("alpha", 0.25f));
        Value s = g.ReduceMax(z, [1]);
        g.Output(g.Named(g.Op("Cast", [s], OnnxAttribute.Int("to", 7)), "out"), TensorElementType.Int64, "N", 1);
        return OnnxWriter.Write(new OnnxModel(g.Build()) { Metadata = [new("task", "test")] });
    }

    [Fact]
    public void Model_header_carries_ir_version_8_and_opset_17_of_the_default_domain()
    {
        IReadOnlyList<ProtoField> model = ProtoReader.Read(SmallModel());

        Assert.Equal(8, model.Single(ModelIrVersion).Int64);
        Assert.Equal("Streams.ModelAuthoring", model.Single(ModelProducerName).Text);
        IReadOnlyList<ProtoField> opset = model.Single(ModelOpsetImport).Message;
        Assert.Equal("", opset.Single(1).Text);
        Assert.Equal(17, opset.Single(2).Int64);
        IReadOnlyList<ProtoField> metadata = model.Single(ModelMetadataProps).Message;
        Assert.Equal("task", metadata.Single(1).Text);
        Assert.Equal("test", metadata.Single(2).Text);
    }

    [Fact]
    public void Graph_input_has_a_symbolic_batch_dimension_and_a_fixed_one()
    {
        IReadOnlyList<ProtoField> graph = ProtoReader.Read(SmallModel()).Single(ModelGraph).Message;
        Assert.Equal("small", graph.Single(GraphName).Text);

        IReadOnlyList<ProtoField> input = graph.Single(GraphInput).Message;
        Assert.Equal("x", input.Single(1).Text);
        IReadOnlyList<ProtoField> tensorType = input.Single(2).Message.Single(1).Message;
        Assert.Equal(1, tensorType.Single(1).Int64); // FLOAT
        ProtoField[] dims = [.. tensorType.Single(2).Message.All(1)];
        Assert.Equal(2, dims.Length);
        Assert.Equal("N", dims[0].Message.Single(2).Text);
        Assert.Equal(2, dims[1].Message.Single(1).Int64);

        IReadOnlyList<ProtoField> output = graph.Single(GraphOutput).Message;
        Assert.Equal("out", output.Single(1).Text);
        Assert.Equal(7, output.Single(2).Message.Single(1).Message.Single(1).Int64); // INT64
    }

    [Fact]
    public void Initializer_is_a_tensor_with_dims_type_name_and_little_endian_raw_data()
    {
        IReadOnlyList<ProtoField> graph = ProtoReader.Read(SmallModel()).Single(ModelGraph).Message;
        IReadOnlyList<ProtoField> tensor = graph.All(GraphInitializer).Select(f => f.Message).Single(t => t.Single(TensorName).Text == "w");

        Assert.Equal([1L, 2L], tensor.All(TensorDims).Select(f => f.Int64));
        Assert.Equal(1, tensor.Single(TensorDataType).Int64);
        ByteString raw = tensor.Single(TensorRawData).Bytes;
        Assert.Equal(8, raw.Length);
        Assert.Equal(1.5f, BitConverter.ToSingle(raw.Span[..4]));
        Assert.Equal(-2f, BitConverter.ToSingle(raw.Span[4..]));
    }

    [Fact]
    public void Nodes_keep_their_order_inputs_outputs_and_typed_attributes()
    {
        IReadOnlyList<ProtoField> graph = ProtoReader.Read(SmallModel()).Single(ModelGraph).Message;
        IReadOnlyList<ProtoField>[] nodes = [.. graph.All(GraphNode).Select(f => f.Message)];

        Assert.Equal(["Add", "LeakyRelu", "ReduceMax", "Cast", "Identity"], nodes.Select(n => n.Single(NodeOpType).Text));
        Assert.Equal(["x", "w"], nodes[0].All(NodeInput).Select(f => f.Text));
        Assert.Equal(nodes[0].Single(NodeOutput).Text, nodes[1].Single(NodeInput).Text);
        Assert.Equal("out", nodes[4].Single(NodeOutput).Text);

        IReadOnlyList<ProtoField> alpha = nodes[1].Single(NodeAttribute).Message;
        Assert.Equal("alpha", alpha.Single(AttributeName).Text);
        Assert.Equal(0.25f, alpha.Single(AttributeF).Float);
        Assert.Equal((long)AttributeKind.Float, alpha.Single(AttributeType).Int64);

        IReadOnlyList<ProtoField>[] reduce = [.. nodes[2].All(NodeAttribute).Select(f => f.Message)];
        IReadOnlyList<ProtoField> axes = reduce.Single(a => a.Single(AttributeName).Text == "axes");
        Assert.Equal([1L], axes.All(AttributeInts).Select(f => f.Int64));
        Assert.Equal((long)AttributeKind.Ints, axes.Single(AttributeType).Int64);
        IReadOnlyList<ProtoField> keep = reduce.Single(a => a.Single(AttributeName).Text == "keepdims");
        Assert.Equal(1, keep.Single(AttributeI).Int64);
        Assert.Equal((long)AttributeKind.Int, keep.Single(AttributeType).Int64);
    }

    [Fact]
    public void String_attributes_are_written_as_bytes_with_their_type()
    {
        GraphBuilder g = new("pad");
        Value x = g.Input("x", TensorElementType.Float, "N", 3);
        g.Output(g.Named(g.Pad(x, [0, 1, 0, 1]), "y"), TensorElementType.Float, "N", 5);
        IReadOnlyList<ProtoField> node = ProtoReader.Read(OnnxWriter.Write(new OnnxModel(g.Build()))).Single(ModelGraph).Message.All(GraphNode).First().Message;

        IReadOnlyList<ProtoField> mode = node.Single(NodeAttribute).Message;
        Assert.Equal("mode", mode.Single(AttributeName).Text);
        Assert.Equal("constant", mode.Single(AttributeS).Text);
        Assert.Equal((long)AttributeKind.String, mode.Single(AttributeType).Int64);
    }

    [Fact]
    public void Equal_models_serialise_to_equal_bytes()
    {
        Assert.Equal(SmallModel(), SmallModel());
    }

    [Fact]
    public void Equal_scalar_constants_share_one_initializer()
    {
        GraphBuilder g = new("constants");
        Value x = g.Input("x", TensorElementType.Float, 1);
        Value y = g.Add(g.Add(x, 2f), 2f);
        g.Output(g.Named(g.Mul(y, 3f), "y"), TensorElementType.Float, 1);

        Assert.Equal(2, g.Build().Initializers.Count);
    }

    [Fact]
    public void A_tensor_rejects_a_value_count_that_does_not_match_its_shape()
    {
        Assert.Throws<ArgumentException>(() => OnnxTensor.FromFloats("t", [2, 2], [1f, 2f, 3f]));
    }

    [Fact]
    public void A_graph_rejects_a_second_input_with_the_same_name()
    {
        GraphBuilder g = new("names");
        g.Input("x", TensorElementType.Float, 1);
        Assert.Throws<ArgumentException>(() => g.Input("x", TensorElementType.Float, 1));
    }
}
