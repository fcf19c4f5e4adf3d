using Microsoft.Extensions.Logging;
using Streams.Configuration;
using Streams.Inference;

namespace Streams.Hosting.Composition;

/// <summary>Turns <c>models:</c> entries into inference stages: detectors run on frames, classifiers on their crops.</summary>
internal static class ModelStages
{
    /// <summary>Opens a detector; the session is loaded (and the model checked) here, at start-up.</summary>
    /// <exception cref="ModelLoadException">The model is missing, unreadable or fits no decoder; the message names it.</exception>
    public static InferenceStage CreateDetector(ModelOptions model, ILoggerFactory loggers) =>
        new(new DetectorOptions
        {
            ModelPath = model.Path,
            Name = model.Id,
            Session = SessionFor(model),
            InputWidth = model.InputWidth,
            InputHeight = model.InputHeight,
            Classes = model.Classes,
            Confidence = (float)model.Confidence,
            Iou = (float)model.Iou,
            MaxBatch = model.MaxBatch,
            MaxWait = model.MaxWait,
        }, loggers);

    /// <summary>Opens a classifier that labels crops of the detector's classes named in <c>apply_to</c>.</summary>
    public static SecondaryClassifierStage CreateClassifier(ModelOptions model, int modelIndex, IReadOnlyList<string> detectorClasses, ILoggerFactory loggers) =>
        new(new ClassifierOptions
        {
            ModelPath = model.Path,
            Name = model.Id,
            ModelIndex = modelIndex,
            Session = SessionFor(model),
            InputWidth = model.InputWidth,
            InputHeight = model.InputHeight,
            Classes = model.Classes,
            ApplyTo = model.ApplyTo,
            MinCrop = model.MinCrop,
            MaxBatch = model.MaxBatch,
            MaxWait = model.MaxWait,
        }, detectorClasses, loggers);

    internal static InferenceSessionOptions SessionFor(ModelOptions model)
    {
        var providers = new ExecutionProviderKind[model.Provider.Count];
        for (int i = 0; i < providers.Length; i++)
        {
            providers[i] = model.Provider[i] switch
            {
                ExecutionProvider.TensorRT => ExecutionProviderKind.TensorRt,
                ExecutionProvider.Cuda => ExecutionProviderKind.Cuda,
                _ => ExecutionProviderKind.Cpu,
            };
        }

        return InferenceSessionOptions.Default with
        {
            Providers = providers,
            IntraOpThreads = model.IntraOpThreads,
            Cuda = new CudaProviderOptions
            {
                DeviceId = model.Cuda.DeviceId,
                ArenaExtendStrategy = model.Cuda.ArenaExtendStrategy == Configuration.CudaArenaExtendStrategy.SameAsRequested
                    ? Inference.CudaArenaExtendStrategy.SameAsRequested
                    : Inference.CudaArenaExtendStrategy.NextPowerOfTwo,
                CudnnConvAlgoSearch = model.Cuda.CudnnConvAlgoSearch switch
                {
                    Configuration.CudnnConvAlgoSearch.Heuristic => Inference.CudnnConvAlgoSearch.Heuristic,
                    Configuration.CudnnConvAlgoSearch.Default => Inference.CudnnConvAlgoSearch.Default,
                    _ => Inference.CudnnConvAlgoSearch.Exhaustive,
                },
                UseTf32 = model.Cuda.UseTf32,
            },
            TensorRt = new TensorRtProviderOptions
            {
                DeviceId = model.TensorRT.DeviceId,
                Fp16 = model.TensorRT.Fp16,
                Int8 = model.TensorRT.Int8,
                Int8CalibrationTable = model.TensorRT.Int8CalibrationTable,
                EngineCacheDir = model.TensorRT.EngineCacheDir,
                MaxWorkspace = model.TensorRT.MaxWorkspace,
                TimingCacheDir = model.TensorRT.TimingCache,
            },
        };
    }
}
