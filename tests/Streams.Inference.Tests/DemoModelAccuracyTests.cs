using System.Diagnostics;
using System.Globalization;
using Streams.Evaluation;
using Streams.Inference.Tests.Support;
using Streams.Runtime;
using Streams.Sources;
using Xunit.Abstractions;

namespace Streams.Inference.Tests;

/// <summary>
/// The demo models meet their floors on every committed sample stream, run through the project's own pipeline:
/// <see cref="FfmpegSource"/> decoding yuv420p, the real <see cref="InferenceStage"/> (letterbox, YOLOv8 decoding,
/// NMS) and <see cref="SecondaryClassifierStage"/> (stretched crops), judged by <see cref="DetectionMatcher"/>.
/// </summary>
/// <remarks>
/// The rules: every third
/// frame (indices 0, 3, 6, ...), confidence 0.25, NMS IoU 0.45, one intra-op thread and one image per run; ground-truth
/// rows less than half visible (or with conf 0) are ignored both ways; the classifier judges each car and truck that
/// is at least half visible and has a marked value, cropped by its ground-truth box.
/// <para>Why the figures differ slightly from the scripts': those read rgb24 converted by ffmpeg, whose default
/// yuv420p-to-RGB path repeats each chroma sample over its 2x2 block, and the detector script lets ffmpeg do the
/// resize; the pipeline converts and resizes yuv420p itself, interpolating chroma. On quiet-street this flips two
/// classifier crops (frames 499 and 538) of truck 12, whose mark a car drawn on top partly covers: the classifier's
/// vehicle-hue surround test sits on the edge there (p(marked) about 0.49 here, 1.0 in the script), so accuracy is
/// 0.9727 against the script's 0.9766. Fed ffmpeg's rgb24 instead, the classifier run reproduces the script's counts
/// crop for crop.</para>
/// </remarks>
[Trait("Tier", "Integration")]
public sealed class DemoModelAccuracyTests(ITestOutputHelper output)
{
    private const int Every = 3;
    private const double MinPrecision = 0.97;
    private const double MinRecall = 0.95;
    private const double MinAccuracy = 0.97;
    private const int CarClass = 2;
    private const int TruckClass = 3;

    private static readonly string[] s_detectorClasses = ["person", "bicycle", "car", "truck"];
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(3);

    // One thread as the reference runs; no spinning, since ffmpeg decodes on the same (few) cores meanwhile.
    private static readonly InferenceSessionOptions s_oneThread = new() { IntraOpThreads = 1, InterOpThreads = 1, AllowSpinning = false };

    [Theory]
    [InlineData("quiet-street")]
    [InlineData("busy-crossing")]
    [InlineData("yard")]
    public async Task The_demo_detector_finds_objects_with_high_precision_and_recall(string name)
    {
        SampleClip clip = SampleClip.Load(name);
        using var detector = new InferenceStage(new DetectorOptions
        {
            ModelPath = RepositoryRoot.Combine("models", "demo-detector.onnx"),
            Confidence = 0.25f,
            Iou = 0.45f,
            // One image per run, as the reference; the figures must not hinge on batching, and this rules it out.
            MaxBatch = 1,
            Session = s_oneThread,
        });
        Assert.Equal(s_detectorClasses, detector.ClassNames);
        Assert.Equal(DetectionDecoderKind.YoloV8, detector.DecoderKind);
        var recorder = new FrameRecorder(clip);

        TimeSpan elapsed = await RunAsync(clip, pipeline => pipeline.Then(detector), recorder);

        var matcher = new DetectionMatcher(new MotEvaluationOptions { MinIou = 0.5, MinVisibility = 0.5 });
        foreach (FrameRecorder.RecordedFrame frame in recorder.Frames.Values)
        {
            matcher.AddFrame(frame.Objects, clip.TruthOf(frame.Index));
        }

        DetectionScore score = matcher.GetScore();
        string perClass = string.Join(' ', score.PerClass.Select((c, i) => string.Create(CultureInfo.InvariantCulture,
            $"{s_detectorClasses[i]} {c.TruePositives}/{c.FalsePositives}/{c.FalseNegatives}")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"detector {name}: {score}; per class TP/FP/FN {perClass}; run {elapsed.TotalSeconds:F1} s"));
        Assert.Equal(ExpectedFrames(clip), score.Frames);
        Assert.True(score.Precision >= MinPrecision, $"{name}: precision {score.Precision:F4} < {MinPrecision} ({score})");
        Assert.True(score.Recall >= MinRecall, $"{name}: recall {score.Recall:F4} < {MinRecall} ({score})");
    }

    [Theory]
    [InlineData("quiet-street")]
    [InlineData("busy-crossing")]
    [InlineData("yard")]
    public async Task The_demo_classifier_tells_marked_from_unmarked_vehicles(string name)
    {
        SampleClip clip = SampleClip.Load(name);
        // Every evaluated car and truck, plus persons and bicycles, which the classifier must leave alone.
        var truth = new GroundTruthObjects(clip, row => row.Confidence != 0 && row.Visibility >= 0.5
            && (!IsVehicle(row) || clip.Marked.ContainsKey(row.Id)));
        using var classifier = new SecondaryClassifierStage(new ClassifierOptions
        {
            ModelPath = RepositoryRoot.Combine("models", "demo-classifier.onnx"),
            ApplyTo = ["car", "truck"],
            // Every crop is judged, however small, as the reference does.
            MinCrop = 1,
            MaxBatch = 1,
            Session = s_oneThread,
        }, s_detectorClasses);
        Assert.Equal(["unmarked", "marked"], classifier.ClassNames);
        int markedClass = classifier.ClassNames.ToList().IndexOf("marked");
        var recorder = new FrameRecorder(clip);

        TimeSpan elapsed = await RunAsync(clip, pipeline => pipeline.Then(truth).Then(classifier), recorder);

        int crops = 0, correct = 0, markedOk = 0, unmarkedOk = 0, falseMarked = 0, missedMarked = 0;
        var errors = new List<string>();
        foreach (FrameRecorder.RecordedFrame frame in recorder.Frames.Values)
        {
            MotRow[] placed = truth.PlacedOn(frame.Index);
            Assert.Equal(placed.Length, frame.Objects.Length);
            for (int o = 0; o < placed.Length; o++)
            {
                ObjectAttribute[] labels = frame.Attributes.Where(a => a.ObjectIndex == o).ToArray();
                if (!IsVehicle(placed[o]))
                {
                    Assert.Empty(labels);
                    continue;
                }

                ObjectAttribute label = Assert.Single(labels);
                bool predicted = label.ClassId == markedClass;
                bool actual = clip.Marked[placed[o].Id];
                crops++;
                if (predicted == actual)
                {
                    correct++;
                    if (actual)
                    {
                        markedOk++;
                    }
                    else
                    {
                        unmarkedOk++;
                    }
                }
                else
                {
                    if (actual)
                    {
                        missedMarked++;
                    }
                    else
                    {
                        falseMarked++;
                    }

                    errors.Add(string.Create(CultureInfo.InvariantCulture,
                        $"frame {frame.Index + 1} id {placed[o].Id} {s_detectorClasses[placed[o].Class - 1]} vis {placed[o].Visibility} truth {(actual ? "marked" : "unmarked")} got {classifier.ClassNames[label.ClassId]} {label.Confidence:F3}"));
                }
            }
        }

        double accuracy = (double)correct / crops;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"classifier {name}: frames {recorder.Frames.Count} crops {crops} accuracy {accuracy:F4} marked ok {markedOk} unmarked ok {unmarkedOk} false marked {falseMarked} missed marked {missedMarked}; run {elapsed.TotalSeconds:F1} s"));
        foreach (string error in errors.Take(20))
        {
            output.WriteLine("  " + error);
        }

        Assert.Equal(ExpectedFrames(clip), recorder.Frames.Count);
        Assert.True(crops > 0, $"{name}: no crop was judged");
        Assert.True(accuracy >= MinAccuracy, $"{name}: accuracy {accuracy:F4} < {MinAccuracy} over {crops} crops");
    }

    private static bool IsVehicle(MotRow row) => row.Class - 1 is CarClass or TruckClass;

    private static int ExpectedFrames(SampleClip clip) => (clip.FrameCount + Every - 1) / Every;

    /// <summary>
    /// Decodes the clip through an <see cref="FfmpegSource"/> into a pipeline of the stages <paramref name="addStages"/>
    /// appends, then <paramref name="recorder"/>, keeping every third frame (the source's own sampling, by timestamp),
    /// and checks the run: the stream ended, exactly frames 0, 3, 6, ... arrived, and every pooled frame came back.
    /// </summary>
    private static async Task<TimeSpan> RunAsync(SampleClip clip, Func<PipelineBuilder<Frame>, PipelineBuilder<Frame>> addStages, FrameRecorder recorder)
    {
        var pool = new FramePool();
        PipelineBuilder<Frame> builder = addStages(PipelineBuilder.Create(new PipelineSettings { FramePool = pool })).Then(recorder);
        var clock = Stopwatch.StartNew();
        await using (Pipeline pipeline = builder.Build())
        {
            StreamContext stream = pipeline.AddStream(FfmpegSourceFactory.CreateStream(clip.Name, new FfmpegSourceOptions
            {
                Uri = clip.VideoPath,
                Replay = ReplayPacing.Fast,
                PixelFormat = PixelFormat.Yuv420p,
                DetectFps = clip.Fps / Every,
            }));
            pipeline.Start();
            await pipeline.Completion.WaitAsync(s_runTimeout);
            Assert.True(stream.State == StreamState.Ended, $"{clip.Name}: the stream is {stream.State}: {stream.Reason}");
            Assert.Equal(0, stream.TotalDropped);
        }

        Assert.True(pool.GetStatistics().IsBalanced, $"{clip.Name}: frames leaked: {pool.GetStatistics()}");
        int[] expected = Enumerable.Range(0, ExpectedFrames(clip)).Select(i => i * Every).ToArray();
        Assert.Equal(expected, recorder.Frames.Keys.ToArray());
        return clock.Elapsed;
    }
}
