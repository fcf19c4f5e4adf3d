using Streams.Options;

namespace Streams.Inference;

/// <summary>
/// How ONNX Runtime runs one model: execution providers, threads, graph optimisation. <see cref="Validate"/> holds the
/// rules; a session checks them, and those of <see cref="Cuda"/> and <see cref="TensorRt"/>, when it opens.
/// </summary>
public sealed record InferenceSessionOptions : IValidatableOptions
{
    /// <summary>Most threads one session may ask for.</summary>
    private const int MaxThreads = 256;

    /// <summary>The defaults.</summary>
    public static InferenceSessionOptions Default { get; } = new();

    /// <summary>
    /// Execution providers to try, most preferred first, at least one; the first that loads runs the model, and each one
    /// skipped is logged with its reason (the missing NVIDIA libraries by name, or ONNX Runtime's message). List
    /// <see cref="ExecutionProviderKind.Cpu"/> last to fall back to it; a list without it fails when no GPU provider
    /// loads. Default <c>[cpu]</c>.
    /// </summary>
    public IReadOnlyList<ExecutionProviderKind> Providers { get; init; } = [ExecutionProviderKind.Cpu];

    /// <summary>Threads inside one operator, 0..256. Default 0: ONNX Runtime's choice (one per physical core).
    /// Fewer leave cores to decoding; one gives the steadiest latency per stream.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads running independent operators at once, 0..256; used only with <see cref="ParallelExecution"/>. Default 0.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Runs independent branches of the graph at once. Default false: sequential, best for detectors' chains.</summary>
    public bool ParallelExecution { get; init; }

    /// <summary>Graph rewriting before the run. Default <see cref="GraphOptimizationLevel.All"/>.</summary>
    public GraphOptimizationLevel GraphOptimization { get; init; } = GraphOptimizationLevel.All;

    /// <summary>
    /// <c>session.intra_op.allow_spinning</c>: idle pool threads spin for work instead of sleeping. Default true
    /// (ONNX Runtime's default): lowest latency, but spinning threads take CPU from decoding; set false when
    /// inference shares the cores with ffmpeg.
    /// </summary>
    public bool AllowSpinning { get; init; } = true;

    /// <summary>The CUDA provider's settings (also used by TensorRT for the nodes it leaves to CUDA), a model's
    /// <c>cuda:</c> section. Default: ONNX Runtime's.</summary>
    public CudaProviderOptions Cuda { get; init; } = CudaProviderOptions.Default;

    /// <summary>The TensorRT provider's settings, a model's <c>tensorrt:</c> section. Default: ONNX Runtime's, no engine
    /// or timing cache.</summary>
    public TensorRtProviderOptions TensorRt { get; init; } = TensorRtProviderOptions.Default;

    /// <summary>At least one provider; each thread count in 0..256.</summary>
    public void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (Providers is not { Count: > 0 })
        {
            validation.Error(nameof(Providers), "must list at least one execution provider");
        }

        validation.InRange(nameof(IntraOpThreads), IntraOpThreads, 0, MaxThreads);
        validation.InRange(nameof(InterOpThreads), InterOpThreads, 0, MaxThreads);
    }
}
