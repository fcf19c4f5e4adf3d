using System.Runtime.InteropServices;
using System.Numerics;
using Streams.Inference.Internal;
using Streams.Inference.Tests.Support;
using Streams.Runtime;

namespace Streams.Inference.Tests;

[Trait("Tier", "Integration")]
public sealed class InferenceStageTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A colour per stream and frame, different for every frame.</summary>
    private static (byte B, byte G, byte R) ColorOf(int stream, long i) =>
        ((byte)((i * 37) % 200), (byte)((i * 11 % 150) + (stream * 50)), (byte)(255 - (i * 13 % 180)));

    private static BoxF ExpectedBox((byte B, byte G, byte R) c) => TestModels.MeanDetectorBox(c.R / 255f, c.G / 255f, c.B / 255f);

    private static StreamSpec Spec(string id, IFrameSource source) => new(id, "test://" + id, source, new EdgeOptions { Capacity = 4 });

    private string Model(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static async Task<CapturingSink> RunAsync(int frames, int width, int height, params BatchStage<Frame>[] stages)
    {
        var pool = new FramePool();
        var sink = new CapturingSink();
        PipelineBuilder<Frame> builder = PipelineBuilder.Create(new PipelineSettings { FramePool = pool });
        foreach (BatchStage<Frame> stage in stages)
        {
            builder = builder.Then(stage);
        }

        await using Pipeline pipeline = builder.Then(sink).Build();
        StreamContext a = pipeline.AddStream(Spec("a", new ColorSource(frames, width, height, i => ColorOf(0, i))));
        StreamContext b = pipeline.AddStream(Spec("b", new ColorSource(frames, width, height, i => ColorOf(1, i))));
        pipeline.Start();
        await pipeline.Completion.WaitAsync(s_wait);

        Assert.Equal(StreamState.Ended, a.State);
        Assert.Equal(StreamState.Ended, b.State);
        Assert.True(pool.GetStatistics().IsBalanced, pool.GetStatistics().ToString());
        return sink;
    }

    [Fact]
    public async Task Two_streams_through_the_detector_keep_their_order_and_each_frame_gets_its_own_detection()
    {
        using var stage = new InferenceStage(new DetectorOptions
        {
            ModelPath = Model("det.onnx", TestModels.MeanDetector("batch")),
            MaxBatch = 4,
            MaxWait = TimeSpan.FromMilliseconds(50),
        });
        Assert.Equal(["person", "car"], stage.ClassNames);
        Assert.Equal(DetectionDecoderKind.YoloV8, stage.DecoderKind);

        CapturingSink sink = await RunAsync(40, 64, 64, stage);

        for (int s = 0; s < 2; s++)
        {
            IReadOnlyList<CapturingSink.Captured> frames = sink.Of(s == 0 ? "a" : "b");
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), frames.Select(f => f.Sequence));
            foreach (CapturingSink.Captured frame in frames)
            {
                DetectedObject detection = Assert.Single(frame.Objects);
                BoxF expected = ExpectedBox(ColorOf(s, frame.Sequence));
                Assert.Equal(0, detection.ClassId);
                Assert.Equal(0.9f, detection.Confidence, 1e-5f);
                AssertNear(expected, detection.Box, 1e-3f);
            }
        }
    }

    [Theory]
    [InlineData(1)] // every frame runs from its own input array, in place
    [InlineData(3)] // inputs are copied into the batch tensor
    public async Task Preprocessing_ahead_of_the_detector_finds_what_inline_preprocessing_finds_and_returns_every_input_buffer(int maxBatch)
    {
        string model = Model("det.onnx", TestModels.MeanDetector("batch"));
        using var inline = new InferenceStage(new DetectorOptions { ModelPath = model, MaxBatch = maxBatch, MaxWait = TimeSpan.FromMilliseconds(30) });
        using var ahead = new InferenceStage(new DetectorOptions { ModelPath = model, MaxBatch = maxBatch, MaxWait = TimeSpan.FromMilliseconds(30) });
        PreprocessStage preprocess = ahead.CreatePreprocessStage();
        Assert.Equal("detector.preprocess", preprocess.Name);

        // 96x64 letterboxes into the model's square input: the transform must be the one inline preprocessing uses.
        CapturingSink fromInline = await RunAsync(25, 96, 64, inline);
        var pool = new FramePool();
        var fromAhead = new CapturingSink();
        await using (Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool }).Then(preprocess).Then(ahead).Then(fromAhead).Build())
        {
            pipeline.AddStream(Spec("a", new ColorSource(25, 96, 64, i => ColorOf(0, i))));
            pipeline.AddStream(Spec("b", new ColorSource(25, 96, 64, i => ColorOf(1, i))));
            pipeline.Start();
            await pipeline.Completion.WaitAsync(s_wait);
        }

        FramePoolStatistics statistics = pool.GetStatistics();
        Assert.True(statistics.IsBalanced, statistics.ToString());
        Assert.True(statistics.Buffers.Rented >= 2 * 25 * 2, "every frame rents a pixel buffer and an input buffer");
        foreach (string stream in new[] { "a", "b" })
        {
            Assert.Equal(25, fromAhead.Of(stream).Count);
            for (int i = 0; i < 25; i++)
            {
                DetectedObject expected = Assert.Single(fromInline.Of(stream)[i].Objects);
                DetectedObject actual = Assert.Single(fromAhead.Of(stream)[i].Objects);
                Assert.Equal(expected.Box, actual.Box);
                Assert.Equal(expected.Confidence, actual.Confidence);
            }
        }
    }

    [Fact]
    public void A_run_in_place_reads_the_pooled_input_array_itself_and_gives_what_a_slot_run_gives()
    {
        using InferenceSession session = InferenceSession.Open(Model("det.onnx", TestModels.MeanDetector("batch", 32)));
        using var model = new BatchedModel(session, 4, null, null);
        Assert.True(model.CanRunInPlace);
        byte[] array = new BufferPool().Rent(model.ImageSize * sizeof(float));
        Span<float> values = MemoryMarshal.Cast<byte, float>(array.AsSpan());

        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = ((i + (round * 31)) % 97) / 97f;
            }

            values.CopyTo(model.Slot(0));
            model.Run(1);
            float[] expected = model.Output(0).ToArray();
            model.Slot(0).Clear();

            // The same array each round: its binding is made once and the run sees the new values in place.
            model.RunInPlace(array);

            Assert.Equal(expected, model.Output(0).ToArray());
        }
    }

    [Fact]
    public async Task A_fixed_batch_model_is_run_in_padded_chunks_and_finds_what_a_dynamic_one_finds()
    {
        using var fixedBatch = new InferenceStage(new DetectorOptions
        {
            Name = "fixed",
            ModelPath = Model("det4.onnx", TestModels.MeanDetector(4)),
            MaxBatch = 6,
            MaxWait = TimeSpan.FromMilliseconds(30),
        });
        using var dynamic = new InferenceStage(new DetectorOptions { ModelPath = Model("det.onnx", TestModels.MeanDetector("batch")), MaxBatch = 1 });

        CapturingSink fromFixed = await RunAsync(21, 64, 64, fixedBatch);
        CapturingSink fromDynamic = await RunAsync(21, 64, 64, dynamic);

        foreach (string stream in new[] { "a", "b" })
        {
            Assert.Equal(21, fromFixed.Of(stream).Count);
            for (int i = 0; i < 21; i++)
            {
                DetectedObject f = Assert.Single(fromFixed.Of(stream)[i].Objects);
                DetectedObject d = Assert.Single(fromDynamic.Of(stream)[i].Objects);
                AssertNear(d.Box, f.Box, 1e-4f);
            }
        }
    }

    [Fact]
    public void A_batch_of_n_frames_gives_the_same_detections_as_n_single_runs()
    {
        string path = Model("det.onnx", TestModels.MeanDetector("batch", 32));
        using InferenceSession session = InferenceSession.Open(path);
        using var model = new BatchedModel(session, 5, null, null);
        var pre = new ImagePreprocessor(PreprocessOptions.Default, 32, 32);
        var options = new DetectorOptions { ModelPath = path };
        var post = new DetectionPostprocessor(options, ["person", "car"], 2, path);
        var decoder = new YoloV8Decoder(2);
        var frames = new byte[5][];
        var transforms = new ImageTransform[5];
        var random = new Random(9);
        for (int i = 0; i < frames.Length; i++)
        {
            // Different sizes and contents, letterboxed differently.
            int w = 40 + (i * 8);
            frames[i] = new byte[w * 30 * 3];
            random.NextBytes(frames[i]);
            transforms[i] = pre.Write(frames[i], PixelFormat.Bgr24, w, 30, model.Slot(i));
        }

        model.Run(5);
        var batched = new List<DetectedObject>[5];
        for (int i = 0; i < 5; i++)
        {
            batched[i] = [];
            post.Process(decoder, model.Output(i), 6, TestModels.DetectorAnchors, transforms[i], null, batched[i]);
        }

        for (int i = 0; i < 5; i++)
        {
            pre.Write(frames[i], PixelFormat.Bgr24, 40 + (i * 8), 30, model.Slot(0));
            model.Run(1);
            Assert.Equal(1, model.OutputShape[0]);
            var single = new List<DetectedObject>();
            post.Process(decoder, model.Output(0), 6, TestModels.DetectorAnchors, transforms[i], null, single);

            DetectedObject one = Assert.Single(single);
            DetectedObject fromBatch = Assert.Single(batched[i]);
            AssertNear(one.Box, fromBatch.Box, 1e-5f);
            Assert.Equal(one.Confidence, fromBatch.Confidence, 1e-6f);
        }
    }

    [Fact]
    public void Preprocessing_a_batch_running_it_and_decoding_allocate_nothing_once_warm()
    {
        string path = Model("det.onnx", TestModels.MeanDetector("batch"));
        using InferenceSession session = InferenceSession.Open(path);
        using var model = new BatchedModel(session, 4, null, null);
        var pre = new ImagePreprocessor(PreprocessOptions.Default, 64, 64);
        var post = new DetectionPostprocessor(new DetectorOptions { ModelPath = path }, ["person", "car"], 2, path);
        var decoder = new YoloV8Decoder(2);
        byte[] frame = PreprocessingTests.YuvFrame(PixelFormat.Yuv420p, 96, 64, 120, 100, 150);
        var objects = new List<DetectedObject>(16);
        var roi = new RoiPolygon([new Vector2(0, 0), new Vector2(96, 0), new Vector2(96, 64), new Vector2(0, 64)]);

        var transforms = new ImageTransform[4];
        void OneBatch(int count)
        {
            for (int i = 0; i < count; i++)
            {
                transforms[i] = pre.Write(frame, PixelFormat.Yuv420p, 96, 64, model.Slot(i));
            }

            model.Run(count);
            for (int i = 0; i < count; i++)
            {
                objects.Clear();
                post.Process(decoder, model.Output(i), 6, TestModels.DetectorAnchors, transforms[i], roi, objects);
            }
        }

        for (int count = 1; count <= 4; count++)
        {
            OneBatch(count);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 5; round++)
        {
            for (int count = 1; count <= 4; count++)
            {
                OneBatch(count);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Single(objects);
    }

    [Fact]
    public async Task A_float16_model_gets_half_inputs_and_its_half_outputs_decode_like_the_float_model()
    {
        using var half = new InferenceStage(new DetectorOptions
        {
            Name = "half",
            ModelPath = Model("det16.onnx", TestModels.MeanDetector("batch", float16: true)),
            MaxBatch = 3,
        });
        Assert.Equal(TensorElementType.Float16, half.Session.Inputs[0].ElementType);
        Assert.Equal(TensorElementType.Float16, half.Session.Outputs[0].ElementType);

        CapturingSink sink = await RunAsync(9, 64, 64, half);

        foreach (CapturingSink.Captured frame in sink.Of("a"))
        {
            DetectedObject detection = Assert.Single(frame.Objects);
            AssertNear(ExpectedBox(ColorOf(0, frame.Sequence)), detection.Box, 0.1f);
            Assert.Equal(0.9f, detection.Confidence, 1e-3f);
        }
    }

    [Fact]
    public async Task Letterboxed_frames_get_boxes_back_in_source_pixels()
    {
        using var stage = new InferenceStage(new DetectorOptions { ModelPath = Model("det.onnx", TestModels.MeanDetector("batch")), MaxBatch = 4 });

        CapturingSink sink = await RunAsync(6, 96, 48, stage);

        // Work out the expected box: the means over the letterboxed input (border included), mapped back.
        var pre = new ImagePreprocessor(PreprocessOptions.Default, 64, 64);
        float[] input = new float[pre.ImageSize];
        byte[] frame = new byte[96 * 48 * 3];
        foreach (CapturingSink.Captured captured in sink.Of("a"))
        {
            ColorSource.Fill(frame, ColorOf(0, captured.Sequence));
            ImageTransform t = pre.Write(frame, PixelFormat.Bgr24, 96, 48, input);
            float Mean(int plane) => input.Skip(plane * 4096).Take(4096).Average();
            BoxF expected = t.ToSource(TestModels.MeanDetectorBox(Mean(0), Mean(1), Mean(2)));

            AssertNear(expected, Assert.Single(captured.Objects).Box, 1e-3f);
        }
    }

    [Fact]
    public void Regions_of_interest_minimum_size_and_the_allow_list_filter_per_stream()
    {
        var options = new DetectorOptions
        {
            ModelPath = "unused.onnx",
            MinBoxSize = 5,
            AllowedClasses = ["person", "car"],
            ClassConfidence = new Dictionary<string, float> { ["car"] = 0.8f },
        };
        var post = new DetectionPostprocessor(options, ["person", "car", "dog"], 3, "m");
        var roi = new RoiPolygon([new Vector2(0, 0), new Vector2(100, 0), new Vector2(100, 100), new Vector2(0, 100)]);
        // YOLOv8 rows for 5 anchors: a person inside, a person standing outside the region, a tiny person, a weak car, a dog.
        float[] output =
        [
            50, 50, 50, 20, 50,
            50, 150, 50, 50, 50,
            20, 20, 4, 20, 20,
            20, 20, 4, 20, 20,
            0.9f, 0.9f, 0.9f, 0.1f, 0.1f,
            0.1f, 0.1f, 0.1f, 0.7f, 0.1f,
            0.1f, 0.1f, 0.1f, 0.1f, 0.9f,
        ];
        ImageTransform identity = ImageTransform.Stretch(200, 200, 200, 200);

        var withRoi = new List<DetectedObject>();
        post.Process(new YoloV8Decoder(3), output, 7, 5, identity, roi, withRoi);
        var withoutRoi = new List<DetectedObject>();
        post.Process(new YoloV8Decoder(3), output, 7, 5, identity, null, withoutRoi);

        Assert.Equal([new BoxF(40, 40, 20, 20)], withRoi.Select(d => d.Box));
        Assert.Equal([new BoxF(40, 40, 20, 20), new BoxF(40, 140, 20, 20)], withoutRoi.Select(d => d.Box));
    }

    [Fact]
    public async Task The_secondary_classifier_labels_crops_of_the_chosen_classes_batched_across_frames()
    {
        string detectorPath = Model("det.onnx", TestModels.MeanDetector("batch"));
        string classifierPath = Model("cls.onnx", TestModels.MeanClassifier("batch"));
        using var detector = new InferenceStage(new DetectorOptions { ModelPath = detectorPath, MaxBatch = 4 });
        using var classifier = new SecondaryClassifierStage(
            new ClassifierOptions { ModelPath = classifierPath, ModelIndex = 1, MinCrop = 8, TopK = 2, MaxBatch = 4, MaxCropBatch = 3 },
            detector.ClassNames);
        using var carsOnly = new SecondaryClassifierStage(
            new ClassifierOptions { Name = "cars", ModelPath = classifierPath, ModelIndex = 2, MinCrop = 8, ApplyTo = ["car"] },
            detector.ClassNames);
        Assert.Equal(["red", "green", "blue"], classifier.ClassNames);

        CapturingSink sink = await RunAsync(12, 64, 64, detector, classifier, carsOnly);

        foreach (CapturingSink.Captured frame in sink.Of("b"))
        {
            (byte b, byte g, byte r) = ColorOf(1, frame.Sequence);
            float[] logits = [r / 25.5f, g / 25.5f, b / 25.5f];
            int best = Array.IndexOf(logits, logits.Max());
            float sum = logits.Sum(l => MathF.Exp(l));
            Assert.Equal(2, frame.Attributes.Length);
            ObjectAttribute top = frame.Attributes[0];
            Assert.Equal((0, 1, best), (top.ObjectIndex, top.ModelIndex, top.ClassId));
            Assert.Equal(MathF.Exp(logits[best]) / sum, top.Confidence, 1e-4f);
            Assert.True(frame.Attributes[1].Confidence <= top.Confidence);
        }
    }

    [Fact]
    public async Task Objects_smaller_than_the_minimum_crop_are_not_classified()
    {
        using var detector = new InferenceStage(new DetectorOptions { ModelPath = Model("det.onnx", TestModels.MeanDetector("batch")) });
        using var classifier = new SecondaryClassifierStage(
            new ClassifierOptions { ModelPath = Model("cls.onnx", TestModels.MeanClassifier("batch")), MinCrop = 32 });

        CapturingSink sink = await RunAsync(4, 64, 64, detector, classifier);

        Assert.All(sink.Of("a"), f => Assert.Empty(f.Attributes));
        Assert.All(sink.Of("a"), f => Assert.Single(f.Objects));
    }

    private static void AssertNear(BoxF expected, BoxF actual, float tolerance)
    {
        Assert.Equal(expected.Left, actual.Left, tolerance);
        Assert.Equal(expected.Top, actual.Top, tolerance);
        Assert.Equal(expected.Width, actual.Width, tolerance);
        Assert.Equal(expected.Height, actual.Height, tolerance);
    }
}
