using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Inference.Internal;
using Streams.Runtime;

namespace Streams.Inference;

/// <summary>
/// The primary detector (DeepStream's primary nvinfer): frames batched across streams run through one ONNX model,
/// and each frame leaves with its <see cref="Frame.Objects"/> filled, in source pixels, in the order it came.
/// </summary>
/// <remarks>
/// <para>Everything that can be wrong with the model is found when the stage is made (a
/// <see cref="ModelLoadException"/> naming the model): missing or non-ONNX file, provider failure, an input that is
/// not an image or disagrees with the options' size, an output no decoder fits, classes the options name that the
/// model lacks.</para>
/// <para>Batches: up to <see cref="DetectorOptions.MaxBatch"/> frames; a fixed-batch model runs in chunks of its size
/// with the rest of the last chunk zeroed, a dynamic one at the batch's own size. Frames are preprocessed straight
/// into the pinned input tensor and handed on in batch order, so one stream's frames never change order.</para>
/// <para>Faults: a frame that cannot be preprocessed (format, size) fails its own stream only; a failing run throws
/// <see cref="PipelineFaultException"/>, as the model is then unusable for every stream.</para>
/// <para>Dispose the stage after the pipeline has completed: it releases the session and the tensors.</para>
/// </remarks>
public sealed class InferenceStage : BatchStage<Frame>, IDisposable
{
    private readonly DetectorOptions _options;
    private readonly ILogger _logger;
    private readonly InferenceSession _session;
    private readonly BatchedModel _model;
    private readonly ImagePreprocessor _preprocessor;
    private readonly DetectionPostprocessor _postprocessor;
    private readonly ImageTransform[] _transforms;
    private readonly int[] _slotFrames;
    private readonly bool[] _rejected;
    private readonly int? _namedClasses;
    private DetectionDecoder? _decoder;

    /// <summary>Opens the model and checks it against the options.</summary>
    /// <exception cref="ModelLoadException">The model cannot be used as the options say; the message says why.</exception>
    public InferenceStage(DetectorOptions options, ILoggerFactory? loggerFactory = null)
        : base(Validated(options).Name, options.MaxBatch, options.MaxWait)
    {
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Streams.Inference");
        _session = InferenceSession.Open(options.ModelPath, options.Session, _logger);
        try
        {
            _model = new BatchedModel(_session, options.MaxBatch, options.InputWidth, options.InputHeight, options.Name);
            IReadOnlyList<string> configured = options.Classes;
            IReadOnlyList<string> names;
            try
            {
                names = Inference.ClassNames.Resolve(configured, _session.Metadata, 0);
            }
            catch (FormatException ex)
            {
                throw new ModelLoadException(_session.Model, $"its names metadata cannot be read: {ex.Message}", ex);
            }

            _namedClasses = names.Count > 0 ? names.Count : null;
            IReadOnlyList<long> shape = _session.Outputs[0].Shape;
            if (shape.Count == 3 && shape[1] > 0 && shape[2] > 0)
            {
                _decoder = DetectionDecoder.Create(options.Decoder, shape, _model.InputWidth, _model.InputHeight, _namedClasses, _session.Model);
            }
            else if (shape.Count != 3)
            {
                // Throws with the shape in the message.
                DetectionDecoder.Create(options.Decoder, shape, _model.InputWidth, _model.InputHeight, null, _session.Model);
            }

            int classCount = _decoder?.ClassCount ?? 0;
            ClassNames = names.Count > 0 ? names : ClassNamesOf(classCount);
            _postprocessor = new DetectionPostprocessor(options, ClassNames, classCount, _session.Model);
            _preprocessor = new ImagePreprocessor(options.Preprocess, _model.InputWidth, _model.InputHeight);
        }
        catch
        {
            _model?.Dispose();
            _session.Dispose();
            throw;
        }

        _transforms = new ImageTransform[_model.Capacity];
        _slotFrames = new int[_model.Capacity];
        _rejected = new bool[options.MaxBatch];
        _logger.LogInformation(InferenceLogEvents.ModelDescribed,
            "Detector {Stage}: model {Model} input {Input} {Batch}, output {Output}, decoder {Decoder}, {Classes} classes",
            Name, _session.Model, _session.Inputs[0], _model.IsFixedBatch ? $"fixed batch {_model.Capacity}" : $"batches up to {_model.Capacity}",
            _session.Outputs[0], _decoder is null ? "chosen at the first run" : DetectionDecoder.NameOf(_decoder.Kind), ClassNames.Count);
    }

    /// <summary>
    /// A stage that writes each frame's input for this detector ahead of it (same size and preprocessing), so that
    /// preprocessing overlaps the detector's runs; put it before the detector. Frames without it are preprocessed here.
    /// </summary>
    public PreprocessStage CreatePreprocessStage() =>
        new($"{Name}.preprocess", new ImagePreprocessor(_options.Preprocess, _model.InputWidth, _model.InputHeight));

    /// <summary>The model's session.</summary>
    public InferenceSession Session => _session;

    /// <summary>Class names by index: from the options, the model's metadata, or numbers.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The output layout decoded; <see cref="DetectionDecoderKind.Auto"/> until the first run when the output's dims are dynamic.</summary>
    public DetectionDecoderKind DecoderKind => _decoder?.Kind ?? DetectionDecoderKind.Auto;

    /// <summary>The model's input width.</summary>
    public int InputWidth => _model.InputWidth;

    /// <summary>The model's input height.</summary>
    public int InputHeight => _model.InputHeight;

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask ProcessBatchAsync(IReadOnlyList<Frame> batch, StageOutput<Frame> output, CancellationToken cancellationToken)
    {
        int handedOn = 0;
        // A forced stop ends the model's run in flight instead of waiting for it.
        using CancellationTokenRegistration terminate = _session.TerminateOn(cancellationToken);
        try
        {
            for (int start = 0; start < batch.Count; start += _model.Capacity)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RunChunk(batch, start, Math.Min(_model.Capacity, batch.Count - start));
            }

            while (handedOn < batch.Count)
            {
                bool rejected = _rejected[handedOn];
                Frame frame = batch[handedOn++];
                if (rejected)
                {
                    output.Discard(frame, DropReason.StreamFailed);
                }
                else
                {
                    await output.WriteAsync(frame).ConfigureAwait(false);
                }
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

    private void RunChunk(IReadOnlyList<Frame> batch, int start, int count)
    {
        if (count == 1 && _model.CanRunInPlace && batch[start] is { InputArray: { } input } single && single.Input.Length == _model.ImageSize)
        {
            // One frame preprocessed ahead: the model reads its input where it lies (a pinned pooled array), no copy.
            _rejected[start] = false;
            _transforms[0] = _preprocessor.TransformFor(single.Width, single.Height);
            _slotFrames[0] = start;
            RunAndDecode(batch, 1, input);
            single.ReleaseInput();
            return;
        }

        int slots = 0;
        for (int i = start; i < start + count; i++)
        {
            Frame frame = batch[i];
            _rejected[i] = false;
            try
            {
                Span<float> slot = _model.Slot(slots);
                if (frame.Input.Length == slot.Length)
                {
                    // Preprocessed ahead (PreprocessStage) with the same settings: the transform follows from the size.
                    frame.Input.CopyTo(slot);
                    frame.ReleaseInput();
                    _transforms[slots] = _preprocessor.TransformFor(frame.Width, frame.Height);
                }
                else
                {
                    _transforms[slots] = _preprocessor.Write(frame.Pixels, frame.Format, frame.Width, frame.Height, slot);
                }

                _slotFrames[slots++] = i;
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                _rejected[i] = true;
                _logger.LogError(InferenceLogEvents.FrameRejected, ex, "Detector {Stage}: frame {Sequence} of stream {Stream} cannot be used; the stream stops",
                    Name, frame.Sequence, frame.Stream.Id);
                frame.Stream.Fail(Name, ex);
            }
        }

        if (slots == 0)
        {
            return;
        }

        RunAndDecode(batch, slots, inPlaceInput: null);
    }

    /// <summary>Runs the model on the first <paramref name="slots"/> slots (or on one input in place) and fills their frames' objects.</summary>
    private void RunAndDecode(IReadOnlyList<Frame> batch, int slots, byte[]? inPlaceInput)
    {
        try
        {
            if (inPlaceInput is null)
            {
                _model.Run(slots);
            }
            else
            {
                _model.RunInPlace(inPlaceInput);
            }
        }
        catch (OnnxRuntimeException ex)
        {
            throw new PipelineFaultException($"Detector '{Name}': {ex.Message}", ex);
        }

        ReadOnlySpan<long> shape = _model.OutputShape;
        DetectionDecoder decoder = _decoder ??= CreateDecoderFromRun(shape);
        int rows = (int)shape[1];
        int columns = (int)shape[2];
        for (int s = 0; s < slots; s++)
        {
            Frame frame = batch[_slotFrames[s]];
            _options.RegionsOfInterest.TryGetValue(frame.Stream.Id, out RoiPolygon? roi);
            _postprocessor.Process(decoder, _model.Output(s), rows, columns, _transforms[s], roi, frame.Objects);
        }
    }

    private DetectionDecoder CreateDecoderFromRun(ReadOnlySpan<long> shape)
    {
        try
        {
            DetectionDecoder decoder = DetectionDecoder.Create(_options.Decoder, shape.ToArray(), _model.InputWidth, _model.InputHeight,
                _namedClasses, _session.Model);
            _logger.LogInformation(InferenceLogEvents.ModelDescribed, "Detector {Stage}: output {Shape} decoded as {Decoder}", Name,
                TensorInfo.FormatShape(shape.ToArray()), DetectionDecoder.NameOf(decoder.Kind));
            return decoder;
        }
        catch (ModelLoadException ex)
        {
            throw new PipelineFaultException(ex.Message, ex);
        }
    }

    private static string[] ClassNamesOf(int count)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names;
    }

    private static DetectorOptions Validated(DetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ModelPath);
        return options;
    }
}
