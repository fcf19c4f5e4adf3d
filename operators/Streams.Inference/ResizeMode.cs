namespace Streams.Inference;

/// <summary>How a picture is fitted to the model's input.</summary>
public enum ResizeMode
{
    /// <summary>Scaled to fit with its aspect ratio kept, centred, the rest padded (Ultralytics' letterbox, pad 114).</summary>
    Letterbox,

    /// <summary>Scaled to fill the input exactly; the aspect ratio changes (classifiers on crops, models trained so).</summary>
    Stretch,
}
