using Microsoft.Extensions.Logging;
using Streams.Configuration;
using Streams.Inference;

namespace Streams.Hosting.Composition;

/// <summary>Turns <c>models:</c> entries into inference stages: detectors run on frames, classifiers on their crops.</summary>
internal static class ModelStages
{
    /// <summary>Opens a detector; the session is loaded (and the model checked) here, at start-up.</summary>
    /// <exception cref="ModelLoadException">The model is missing, unreadable or fits no decoder; the message names it.</exception>
    public static InferenceStage CreateDetector(ModelOptions model, string? library, ILoggerFactory loggers) =>
        new(new DetectorOptions
        {
            ModelPath = model.Path,
            Name = model.Id,
            Session = SessionFor(model, library),
            InputWidth = model.InputWidth,
            InputHeight = model.InputHeight,
            Classes = model.Classes,
            Confidence = (float)model.Confidence,
            Iou = (float)model.Iou,
            MaxBatch = model.MaxBatch,
            MaxWait = model.MaxWait,
        }, loggers);

    /// <summary>Opens a classifier that labels crops of the detector's classes named in <c>apply_to</c>.</summary>
    public static SecondaryClassifierStage CreateClassifier(ModelOptions model, int modelIndex, IReadOnlyList<string> detectorClasses, string? library, ILoggerFactory loggers) =>
        new(new ClassifierOptions
        {
            ModelPath = model.Path,
            Name = model.Id,
            ModelIndex = modelIndex,
            Session = SessionFor(model, library),
            InputWidth = model.InputWidth,
            InputHeight = model.InputHeight,
            Classes = model.Classes,
            ApplyTo = model.ApplyTo,
            MinCrop = model.MinCrop,
            MaxBatch = model.MaxBatch,
            MaxWait = model.MaxWait,
        }, detectorClasses, loggers);

    private static InferenceSessionOptions SessionFor(ModelOptions model, string? library)
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
            LibraryPath = library,
        };
    }
}
