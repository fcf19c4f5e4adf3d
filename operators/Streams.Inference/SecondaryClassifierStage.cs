using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Inference.Internal;
using Streams.Runtime;

namespace Streams.Inference;

/// <summary>
/// A secondary classifier (DeepStream's secondary nvinfer): crops of the chosen detected classes, from all the
/// frames of a batch, run through a classifier in batches of crops; each object gets its top-k labels as
/// <see cref="ObjectAttribute"/>s in <see cref="Frame.Attributes"/>. Frames leave in the order they came.
/// </summary>
/// <remarks>
/// Objects whose box (clipped to the frame) is narrower or shorter than <see cref="ClassifierOptions.MinCrop"/> are
/// skipped. Crops are stretched to the classifier's input. Start-up problems are <see cref="ModelLoadException"/>s;
/// a failing run is a <see cref="PipelineFaultException"/>. Dispose after the pipeline has completed.
/// </remarks>
public sealed class SecondaryClassifierStage : BatchStage<Frame>, IDisposable
{
    private readonly ClassifierOptions _options;
    private readonly ILogger _logger;
    private readonly InferenceSession _session;
    private readonly BatchedModel _model;
    private readonly ImagePreprocessor _preprocessor;
    private readonly bool[]? _applies;
    private readonly List<(int Frame, int Object)> _crops = new(64);
    private readonly int[] _topClasses;
    private readonly float[] _topConfidences;
    private readonly int _classCount;

    /// <summary>Opens the classifier.</summary>
    /// <param name="options">The classifier's options.</param>
    /// <param name="detectorClasses">The detector's class names, to resolve <see cref="ClassifierOptions.ApplyTo"/> (indices work without them).</param>
    /// <param name="loggerFactory">Where logs go.</param>
    /// <exception cref="ModelLoadException">The model cannot be used as the options say.</exception>
    public SecondaryClassifierStage(ClassifierOptions options, IReadOnlyList<string>? detectorClasses = null, ILoggerFactory? loggerFactory = null)
        : base(Validated(options).Name, options.MaxBatch, options.MaxWait)
    {
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Streams.Inference");
        _session = InferenceSession.Open(options.ModelPath, options.Session, _logger);
        try
        {
            _model = new BatchedModel(_session, options.MaxCropBatch, options.InputWidth, options.InputHeight, options.Name);
            IReadOnlyList<long> shape = _model.DeclaredOutputShape;
            if (shape.Count != 2 || shape[1] <= 0)
            {
                throw new ModelLoadException(_session.Model,
                    $"its output {_session.Outputs[0]} does not fit a classifier: [N,C] scores with C fixed are needed");
            }

            _classCount = (int)shape[1];
            try
            {
                ClassNames = Inference.ClassNames.Resolve(options.Classes, _session.Metadata, _classCount);
            }
            catch (FormatException ex)
            {
                throw new ModelLoadException(_session.Model, $"its names metadata cannot be read: {ex.Message}", ex);
            }

            if (ClassNames.Count != _classCount)
            {
                throw new ModelLoadException(_session.Model, $"its output {_session.Outputs[0]} has {_classCount} classes, but {ClassNames.Count} class names are given");
            }

            _applies = ResolveApplyTo(options.ApplyTo, detectorClasses ?? [], _session.Model);
            _preprocessor = new ImagePreprocessor(options.Preprocess with { Resize = ResizeMode.Stretch }, _model.InputWidth, _model.InputHeight);
        }
        catch
        {
            _model?.Dispose();
            _session.Dispose();
            throw;
        }

        _topClasses = new int[options.TopK];
        _topConfidences = new float[options.TopK];
        _logger.LogInformation(InferenceLogEvents.ModelDescribed,
            "Classifier {Stage}: model {Model} input {Input}, {Classes} classes, crops of {ApplyTo} at least {MinCrop} px, {Batch}",
            Name, _session.Model, _session.Inputs[0], _classCount, options.ApplyTo.Count == 0 ? "every class" : string.Join(", ", options.ApplyTo),
            options.MinCrop, _model.IsFixedBatch ? $"fixed batch {_model.Capacity}" : $"up to {_model.Capacity} crops per run");
    }

    /// <summary>The model's session.</summary>
    public InferenceSession Session => _session;

    /// <summary>The classifier's label names.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask ProcessBatchAsync(IReadOnlyList<Frame> batch, StageOutput<Frame> output, CancellationToken cancellationToken)
    {
        int handedOn = 0;
        // A forced stop ends the model's run in flight instead of waiting for it.
        using CancellationTokenRegistration terminate = _session.TerminateOn(cancellationToken);
        try
        {
            CollectCrops(batch);
            for (int start = 0; start < _crops.Count; start += _model.Capacity)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RunChunk(batch, start, Math.Min(_model.Capacity, _crops.Count - start));
            }

            while (handedOn < batch.Count)
            {
                await output.WriteAsync(batch[handedOn++]).ConfigureAwait(false);
            }
        }
        catch
        {
            for (int i = handedOn; i < batch.Count; i++)
            {
                batch[i].Release();
            }

            throw;
        }
    }

    /// <summary>Releases the session and the tensors.</summary>
    public void Dispose()
    {
        _model.Dispose();
        _session.Dispose();
    }

    private void CollectCrops(IReadOnlyList<Frame> batch)
    {
        _crops.Clear();
        for (int f = 0; f < batch.Count; f++)
        {
            Frame frame = batch[f];
            List<DetectedObject> objects = frame.Objects;
            for (int o = 0; o < objects.Count; o++)
            {
                DetectedObject obj = objects[o];
                if (_applies is not null && ((uint)obj.ClassId >= (uint)_applies.Length || !_applies[obj.ClassId]))
                {
                    continue;
                }

                (_, _, int w, int h) = ImageTransform.CropRegion(obj.Box, frame.Width, frame.Height);
                if (w >= _options.MinCrop && h >= _options.MinCrop)
                {
                    _crops.Add((f, o));
                }
            }
        }
    }

    private void RunChunk(IReadOnlyList<Frame> batch, int start, int count)
    {
        for (int s = 0; s < count; s++)
        {
            (int f, int o) = _crops[start + s];
            Frame frame = batch[f];
            _preprocessor.WriteCrop(frame.Pixels, frame.Format, frame.Width, frame.Height, frame.Objects[o].Box, _model.Slot(s));
        }

        try
        {
            _model.Run(count);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new PipelineFaultException($"Classifier '{Name}': {ex.Message}", ex);
        }

        for (int s = 0; s < count; s++)
        {
            (int f, int o) = _crops[start + s];
            int n = ClassifierDecoder.TopK(_model.Output(s), _options.Output, _topClasses, _topConfidences);
            List<ObjectAttribute> attributes = batch[f].Attributes;
            for (int k = 0; k < n; k++)
            {
                if (_topConfidences[k] >= _options.Confidence)
                {
                    attributes.Add(new ObjectAttribute(o, _options.ModelIndex, _topClasses[k], _topConfidences[k]));
                }
            }
        }
    }

    private static bool[]? ResolveApplyTo(IReadOnlyList<string> applyTo, IReadOnlyList<string> detectorClasses, string model)
    {
        if (applyTo.Count == 0)
        {
            return null;
        }

        var ids = new List<int>(applyTo.Count);
        foreach (string name in applyTo)
        {
            int id = Inference.ClassNames.IndexOf(detectorClasses, name);
            if (id < 0)
            {
                throw new ModelLoadException(model, $"apply_to names class '{name}', which is not one of the detector's classes");
            }

            ids.Add(id);
        }

        var applies = new bool[ids.Max() + 1];
        foreach (int id in ids)
        {
            applies[id] = true;
        }

        return applies;
    }

    private static ClassifierOptions Validated(ClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ModelPath);
        return options;
    }
}
