using Streams.Inference.Tests.Support;

namespace Streams.Inference.Tests;

[Trait("Tier", "Integration")]
public sealed class OnnxRuntimeBindingTests
{
    [Fact]
    public void The_library_loads_and_reports_its_version_and_the_CPU_provider()
    {
        OnnxRuntime.Initialize();

        Assert.Equal("1.31.0", OnnxRuntime.Version);
        Assert.Equal(["TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider"], OnnxRuntime.GetAvailableProviders());
        Assert.EndsWith("runtimes/linux-x64/native/" + OnnxRuntime.LibraryFileName, OnnxRuntime.LibraryPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_writes_the_input_into_a_preallocated_output_without_copies_on_our_side()
    {
        using InferenceSession session = InferenceSession.Open(TestModels.Identity(), "identity");
        using OrtTensor input = OrtTensor.Allocate(TensorElementType.Float, [2, 3]);
        using OrtTensor output = OrtTensor.Allocate(TensorElementType.Float, [2, 3]);
        float[] values = [1.5f, -2, 3, 4, 5, 6.25f];
        values.CopyTo(input.GetSpan<float>());

        OrtTensor?[] outputs = [output];
        session.Run([input], outputs);

        Assert.Same(output, outputs[0]);
        Assert.Equal(values, output.GetSpan<float>().ToArray());
    }

    [Fact]
    public void Add_with_a_constant_gives_the_hand_computed_sums_in_an_output_the_runtime_allocates()
    {
        using InferenceSession session = InferenceSession.Open(TestModels.AddConstant(), "add");
        using OrtTensor input = OrtTensor.Allocate(TensorElementType.Float, [2, 3]);
        new float[] { 0, 0, 0, 10, 20, 30 }.CopyTo(input.GetSpan<float>());

        var outputs = new OrtTensor?[1];
        session.Run([input], outputs);

        using OrtTensor result = outputs[0]!;
        Assert.False(result.OwnsMemory);
        Assert.Equal([2L, 3L], result.Shape.ToArray());
        Assert.Equal([1f, 2, 3, 11, 22, 33], result.GetSpan<float>().ToArray());
    }

    [Fact]
    public void MatMul_reports_names_dynamic_dims_types_and_metadata_and_multiplies_per_batch_size()
    {
        using InferenceSession session = InferenceSession.Open(TestModels.MatMul(), "matmul");

        TensorInfo input = Assert.Single(session.Inputs);
        TensorInfo output = Assert.Single(session.Outputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(TensorElementType.Float, input.ElementType);
        Assert.Equal([-1L, 2L], input.Shape);
        Assert.Equal("batch", input.DimensionNames[0]);
        Assert.Equal("[batch,3]", output.ShapeText);
        Assert.Equal("{0: 'person', 1: 'car'}", session.Metadata["names"]);
        Assert.Equal("tests", session.Metadata["author"]);
        Assert.Equal("streams-tests", session.Producer);

        // One buffer for up to 3 rows; views for batch 1 and 3 share it.
        using OrtTensor buffer = OrtTensor.Allocate(TensorElementType.Float, [3, 2]);
        using OrtTensor outBuffer = OrtTensor.Allocate(TensorElementType.Float, [3, 3]);
        new float[] { 1, 0, 0, 1, 2, 3 }.CopyTo(buffer.GetSpan<float>());
        using OrtTensor one = buffer.CreateView([1, 2]);
        using OrtTensor oneOut = outBuffer.CreateView([1, 3]);
        session.Run([one], new OrtTensor?[] { oneOut });
        Assert.Equal([1f, 2, 3], oneOut.GetSpan<float>().ToArray());

        session.Run([buffer], new OrtTensor?[] { outBuffer });
        Assert.Equal([1f, 2, 3, 4, 5, 6, 14, 19, 24], outBuffer.GetSpan<float>().ToArray());
    }

    [Fact]
    public void A_convolution_gives_the_neighbourhood_sums()
    {
        using InferenceSession session = InferenceSession.Open(TestModels.BoxSumConv(), "conv");
        using OrtTensor input = OrtTensor.Allocate(TensorElementType.Float, [1, 1, 4, 4]);
        using OrtTensor output = OrtTensor.Allocate(TensorElementType.Float, [1, 1, 4, 4]);
        input.GetSpan<float>().Fill(1);

        session.Run([input], new OrtTensor?[] { output });

        Assert.Equal([4f, 6, 6, 4, 6, 9, 9, 6, 6, 9, 9, 6, 4, 6, 6, 4], output.GetSpan<float>().ToArray());
    }

    [Fact]
    public void Float16_tensors_are_reported_and_run()
    {
        using InferenceSession session = InferenceSession.Open(TestModels.Identity(OnnxModelBuilder.Float16), "identity16");
        Assert.Equal(TensorElementType.Float16, session.Inputs[0].ElementType);
        using OrtTensor input = OrtTensor.Allocate(TensorElementType.Float16, [1, 3]);
        input.GetSpan<Half>()[2] = (Half)0.5f;

        var outputs = new OrtTensor?[1];
        session.Run([input], outputs);

        using OrtTensor result = outputs[0]!;
        Assert.Equal((Half)0.5f, result.GetSpan<Half>()[2]);
        Assert.Throws<InvalidOperationException>(() => result.GetSpan<float>());
    }

    [Fact]
    public void A_run_with_the_wrong_input_shape_fails_with_the_model_name_and_the_runtime_message()
    {
        using InferenceSession session = InferenceSession.Open(TestModels.AddConstant(), "add-model");
        using OrtTensor input = OrtTensor.Allocate(TensorElementType.Float, [3, 3]);

        OnnxRuntimeException error = Assert.Throws<OnnxRuntimeException>(() => session.Run([input], new OrtTensor?[1]));

        Assert.Contains("Model 'add-model'", error.Message, StringComparison.Ordinal);
        Assert.Equal(OnnxRuntimeErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("dimensions", error.NativeMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Session_options_with_threads_spinning_off_and_basic_optimisation_are_accepted()
    {
        var options = new InferenceSessionOptions
        {
            IntraOpThreads = 1,
            InterOpThreads = 1,
            AllowSpinning = false,
            GraphOptimization = GraphOptimizationLevel.Basic,
            ParallelExecution = true,
        };
        using InferenceSession session = InferenceSession.Open(TestModels.Identity(), "identity", options);
        Assert.Equal(ExecutionProviderKind.Cpu, session.Provider);
    }

    [Fact]
    public void A_terminated_session_ends_its_run_as_canceled_and_a_fresh_session_runs_on()
    {
        using InferenceSession session = InferenceSession.Open(TestModels.Identity(), "identity");
        using OrtTensor input = OrtTensor.Allocate(TensorElementType.Float, [2, 3]);
        using OrtTensor output = OrtTensor.Allocate(TensorElementType.Float, [2, 3]);
        using InferenceBinding binding = session.CreateBinding();
        binding.BindInput(0, input);
        binding.BindOutput(0, output);
        input.GetSpan<float>().Fill(7f);

        session.Terminate();

        Assert.Throws<OperationCanceledException>(() => session.Run(binding));
        Assert.Equal(0f, output.GetSpan<float>()[0]);
        using InferenceSession fresh = InferenceSession.Open(TestModels.Identity(), "identity");
        using InferenceBinding again = fresh.CreateBinding();
        again.BindInput(0, input);
        again.BindOutput(0, output);
        fresh.Run(again);
        Assert.Equal(7f, output.GetSpan<float>()[5]);
    }

    [Fact]
    public void A_bound_run_writes_in_place_and_repeated_runs_see_new_input()
    {
        using InferenceSession session = InferenceSession.Open(TestModels.AddConstant(), "add");
        using OrtTensor input = OrtTensor.Allocate(TensorElementType.Float, [2, 3]);
        using OrtTensor output = OrtTensor.Allocate(TensorElementType.Float, [2, 3]);
        using InferenceBinding binding = session.CreateBinding();
        binding.BindInput(0, input);
        binding.BindOutput(0, output);

        for (int round = 0; round < 3; round++)
        {
            input.GetSpan<float>().Fill(round * 10f);
            session.Run(binding);
            Assert.Equal([round * 10f + 1, round * 10f + 2, round * 10f + 3, round * 10f + 1, round * 10f + 2, round * 10f + 3],
                output.GetSpan<float>().ToArray());
        }
    }
}
