using Streams.Options;
using Streams.Configuration.Internal;
using Streams.Inference;

namespace Streams.Configuration;

/// <summary>One entry of <c>models:</c>: an ONNX model and how it is batched and run.</summary>
public sealed record ModelOptions : IValidatableOptions
{
    /// <summary>Largest input side and crop size accepted; beyond any model input this pipeline runs.</summary>
    private const int MaxSide = 8192;

    /// <summary>Largest batch: more only adds latency and device memory.</summary>
    private const int MaxBatchLimit = 256;

    /// <summary>Most threads one session may ask for.</summary>
    private const int MaxThreads = 256;

    /// <summary><c>id</c> (required): names the model in events and metrics; unique across models.</summary>
    public required string Id { get; init; }

    /// <summary><c>path</c> (required): the <c>.onnx</c> file, resolved against the pipeline file's directory
    /// (stored absolute); must exist.</summary>
    [ConfigPath]
    public required string Path { get; init; }

    /// <summary><c>kind</c>: what the model does. Default <c>detector</c>.</summary>
    public ModelKind Kind { get; init; } = ModelKind.Detector;

    /// <summary><c>input_width</c>: input width in pixels, 1..8192. Default null: read from the model.</summary>
    public int? InputWidth { get; init; }

    /// <summary><c>input_height</c>: input height in pixels, 1..8192. Default null: read from the model.</summary>
    public int? InputHeight { get; init; }

    /// <summary><c>classes</c>: class names by output index. Default empty: read from the model's metadata, else numbered.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary><c>confidence</c>: detections below this score are dropped, 0..1. Default 0.25.</summary>
    public double Confidence { get; init; } = 0.25;

    /// <summary><c>iou</c>: non-maximum suppression overlap above which the weaker box is dropped, 0..1. Default 0.45.</summary>
    public double Iou { get; init; } = 0.45;

    /// <summary><c>max_batch</c>: most frames (or crops) run in one inference call, 1..256. Default 8.</summary>
    public int MaxBatch { get; init; } = 8;

    /// <summary><c>max_wait</c>: longest a partial batch waits for more inputs before it runs, at least 0. Default 10ms.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary><c>provider</c>: execution providers to try, in order; at least one. Default <c>[cpu]</c>.</summary>
    public IReadOnlyList<ExecutionProviderKind> Provider { get; init; } = [ExecutionProviderKind.Cpu];

    /// <summary><c>cuda:</c> the CUDA provider's settings, as the inference session takes them. Default: ONNX Runtime's.</summary>
    public CudaProviderOptions Cuda { get; init; } = new();

    /// <summary><c>tensorrt:</c> the TensorRT provider's settings, as the inference session takes them. Default: ONNX
    /// Runtime's, no caches.</summary>
    [ConfigName("tensorrt")]
    public TensorRtProviderOptions TensorRT { get; init; } = new();

    /// <summary><c>intra_op_threads</c>: threads ONNX Runtime uses inside one operator, 0..256. Default 0: its own choice.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// <c>preprocess_ahead</c>: a detector's preprocessing runs on a stage of its own before the batcher, overlapping the
    /// detector's runs (on the CPU, the other cores work while the model runs; on a GPU, the device waits less). Costs one
    /// model input per frame queued between them (4.9 MB at 640x640). Default true; false preprocesses on the
    /// detector's thread between runs. Classifiers ignore it (their crops are cut from the batch's frames).
    /// </summary>
    public bool PreprocessAhead { get; init; } = true;

    /// <summary><c>apply_to</c>: for a classifier, the detected class names whose crops it labels. Default empty: all.</summary>
    public IReadOnlyList<string> ApplyTo { get; init; } = [];

    /// <summary><c>min_crop</c>: a classifier skips crops whose shorter side is below this many pixels, 1..8192. Default 32.</summary>
    public int MinCrop { get; init; } = 32;

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        context.NotEmpty(nameof(Id), Id);
        if (Path is not null && !File.Exists(Path))
        {
            context.Error(nameof(Path), $"file not found: {context.Show(nameof(Path), Path)}");
        }

        if (InputWidth is { } width)
        {
            context.InRange(nameof(InputWidth), width, 1, MaxSide);
        }

        if (InputHeight is { } height)
        {
            context.InRange(nameof(InputHeight), height, 1, MaxSide);
        }

        context.InRange(nameof(Confidence), Confidence, 0.0, 1.0);
        context.InRange(nameof(Iou), Iou, 0.0, 1.0);
        context.InRange(nameof(MaxBatch), MaxBatch, 1, MaxBatchLimit);
        context.AtLeast(nameof(MaxWait), MaxWait, TimeSpan.Zero);
        context.InRange(nameof(IntraOpThreads), IntraOpThreads, 0, MaxThreads);
        context.InRange(nameof(MinCrop), MinCrop, 1, MaxSide);

        if (Provider.Count == 0)
        {
            context.Error(nameof(Provider), "list at least one execution provider: tensorrt, cuda or cpu");
        }

        for (int i = 1; i < Provider.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (Provider[i] == Provider[j])
                {
                    context.ItemError(nameof(Provider), i, $"provider '{ConfigBinder.NameOf(Provider[i])}' is listed twice");
                }
            }
        }

        if (Kind != ModelKind.Classifier && ApplyTo.Count > 0)
        {
            context.Error(nameof(ApplyTo), "apply_to is only for classifier models (kind: classifier)");
        }
    }
}
