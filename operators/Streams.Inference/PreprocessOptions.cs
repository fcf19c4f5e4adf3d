namespace Streams.Inference;

/// <summary>
/// How a frame becomes a model input: resize, channel order and normalisation. Each tensor value is
/// <c>(pixel · Scale − Mean[c]) / Std[c]</c>, with pixel 0..255 and c the model's channel (after <see cref="Channels"/>).
/// </summary>
public sealed record PreprocessOptions
{
    private readonly IReadOnlyList<float> _mean = [0f, 0f, 0f];
    private readonly IReadOnlyList<float> _std = [1f, 1f, 1f];
    private readonly float _scale = 1f / 255f;

    /// <summary>The defaults: Ultralytics' (letterbox with 114, RGB, bilinear, pixel / 255).</summary>
    public static PreprocessOptions Default { get; } = new();

    /// <summary>ImageNet normalisation for classifiers (torchvision's): stretched, RGB, mean and std per channel.</summary>
    public static PreprocessOptions ImageNet { get; } = new()
    {
        Resize = ResizeMode.Stretch,
        Mean = [0.485f, 0.456f, 0.406f],
        Std = [0.229f, 0.224f, 0.225f],
    };

    /// <summary>How the picture is fitted. Default <see cref="ResizeMode.Letterbox"/>. Crops for classifiers are always stretched.</summary>
    public ResizeMode Resize { get; init; } = ResizeMode.Letterbox;

    /// <summary>The sampling when resizing. Default <see cref="ResizeFilter.Bilinear"/>.</summary>
    public ResizeFilter Filter { get; init; } = ResizeFilter.Bilinear;

    /// <summary>The plane order of the model. Default <see cref="ChannelOrder.Rgb"/>.</summary>
    public ChannelOrder Channels { get; init; } = ChannelOrder.Rgb;

    /// <summary>The grey of the letterbox border, as a pixel value before normalisation. Default 114 (Ultralytics').</summary>
    public byte PadValue { get; init; } = 114;

    /// <summary>Multiplies each pixel (0..255) first. Default 1/255.</summary>
    public float Scale
    {
        get => _scale;
        init
        {
            if (!float.IsFinite(value) || value == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The scale must be finite and not zero.");
            }

            _scale = value;
        }
    }

    /// <summary>Subtracted per model channel after scaling. Default [0, 0, 0].</summary>
    public IReadOnlyList<float> Mean
    {
        get => _mean;
        init => _mean = RequireThree(value, nameof(Mean), allowZero: true);
    }

    /// <summary>Divides per model channel last. Default [1, 1, 1].</summary>
    public IReadOnlyList<float> Std
    {
        get => _std;
        init => _std = RequireThree(value, nameof(Std), allowZero: false);
    }

    private static IReadOnlyList<float> RequireThree(IReadOnlyList<float> value, string name, bool allowZero)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Count != 3)
        {
            throw new ArgumentException($"{name} needs one value per channel (3), got {value.Count}.", name);
        }

        foreach (float v in value)
        {
            if (!float.IsFinite(v) || (!allowZero && v == 0))
            {
                throw new ArgumentException($"{name} values must be finite{(allowZero ? string.Empty : " and not zero")}.", name);
            }
        }

        return value;
    }
}
