namespace Streams.Inference;

/// <summary>The order of the colour planes the model expects.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue: Ultralytics, torchvision and most exported models.</summary>
    Rgb,

    /// <summary>Blue, green, red: models trained on OpenCV's raw order (Caffe-era models).</summary>
    Bgr,
}
