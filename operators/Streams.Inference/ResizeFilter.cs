namespace Streams.Inference;

/// <summary>How pixels are sampled when a picture is resized.</summary>
public enum ResizeFilter
{
    /// <summary>
    /// Two-by-two taps at pixel centres (OpenCV's <c>INTER_LINEAR</c>, which Ultralytics' letterbox uses): no
    /// anti-aliasing, so large reductions alias as OpenCV's do, and results match the models' training.
    /// </summary>
    Bilinear,

    /// <summary>The nearest source pixel: about twice as fast, slightly blockier.</summary>
    Nearest,
}
