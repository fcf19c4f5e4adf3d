namespace Streams.SampleStreams.Internal;

/// <summary>
/// The static background of a scene, before brightness and noise: a grey base with linear gradients, surfaces,
/// darker patches and light lane markings, plus a small per-channel tint.
/// </summary>
internal sealed record BackgroundLayout
{
    /// <summary>Luminance at the frame's centre before gradients and surfaces.</summary>
    public double BaseLuma { get; init; } = 110;

    /// <summary>Luminance change from the left edge to the right edge (centred, so half each side).</summary>
    public double GradientX { get; init; }

    /// <summary>Luminance change from the top edge to the bottom edge.</summary>
    public double GradientY { get; init; }

    /// <summary>Per-channel offsets added to the grey, at most <see cref="MaxTint"/> each way.</summary>
    public (int R, int G, int B) Tint { get; init; }

    public IReadOnlyList<BackgroundSurface> Surfaces { get; init; } = [];

    public IReadOnlyList<BackgroundPatch> Patches { get; init; } = [];

    /// <summary>Lane markings (each at most 8 px across in its narrow direction).</summary>
    public IReadOnlyList<PixelBox> Markings { get; init; } = [];

    /// <summary>Luminance of markings before brightness; kept at 190 or more after it.</summary>
    public double MarkingLuma { get; init; } = 228;

    /// <summary>The largest tint offset: grey pixels keep max-min within 2 * MaxTint, far under the contract's 30.</summary>
    public const int MaxTint = 4;
}
