using Streams.Runtime;

namespace Streams.Inference;

/// <summary>
/// A detector's preprocessing on a stage of its own ahead of the batcher (DeepStream's nvdspreprocess): each frame's
/// model input (letterbox or stretch, normalisation, channel order) is written into <see cref="Frame.Input"/>, so that
/// it is computed while the detector runs the previous batch and the detector only copies it into its batch.
/// </summary>
/// <remarks>
/// Made by <see cref="InferenceStage.CreatePreprocessStage"/> with the detector's own settings. The cost is one input
/// tensor per frame queued between the two stages (3·H·W floats: 4.9 MB at 640x640). A frame this stage cannot
/// preprocess passes on without an input; the detector then tries it itself and fails its stream with the reason.
/// </remarks>
public sealed class PreprocessStage : TransformStage<Frame>
{
    private readonly ImagePreprocessor _preprocessor;

    internal PreprocessStage(string name, ImagePreprocessor preprocessor)
        : base(name) => _preprocessor = preprocessor;

    /// <inheritdoc />
    protected override bool Transform(Frame item)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            _preprocessor.Write(item.Pixels, item.Format, item.Width, item.Height, item.RentInput(_preprocessor.ImageSize));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            item.ReleaseInput();
        }

        return true;
    }
}
