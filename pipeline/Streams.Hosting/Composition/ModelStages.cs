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

    /// <summary>
    /// Opens every model as <see cref="PipelineComposer"/> does, on the CPU, and closes it again: the session loads, a
    /// detector's output fits a decoder and its class count the configured classes, a classifier's classes and
    /// <c>apply_to</c> fit the detector's. Returns one problem per model that would stop a run.
    /// </summary>
    public static List<ModelProblem> Check(IReadOnlyList<ModelOptions> models, ILoggerFactory loggers)
    {
        var problems = new List<ModelProblem>();
        IReadOnlyList<string> classNames = [];
        int attributeIndex = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            // Detectors first, as the composer builds them: a classifier is checked against the detector's classes.
            for (int i = 0; i < models.Count; i++)
            {
                ModelOptions model = models[i];
                if ((model.Kind == ModelKind.Detector) != (pass == 0))
                {
                    continue;
                }

                ModelOptions onCpu = model with { Provider = [ExecutionProviderKind.Cpu] };
                try
                {
                    if (pass == 0)
                    {
                        using InferenceStage detector = CreateDetector(onCpu, loggers);
                        classNames = detector.ClassNames;
                    }
                    else
                    {
                        using SecondaryClassifierStage classifier = CreateClassifier(onCpu, attributeIndex++, classNames, loggers);
                    }
                }
                catch (Exception ex) when (ex is ModelLoadException or OnnxRuntimeException or ArgumentException or IOException or UnauthorizedAccessException)
                {
                    problems.Add(new ModelProblem(i, model.Id, model.Path, ex.Message));
                }
            }
        }

        return problems;
    }

    internal static InferenceSessionOptions SessionFor(ModelOptions model) => InferenceSessionOptions.Default with
    {
        Providers = model.Provider,
        IntraOpThreads = model.IntraOpThreads,
        Cuda = model.Cuda,
        TensorRt = model.TensorRT,
    };
}
