using Streams.Inference.Internal;
using Streams.Runtime;

namespace Streams.Inference;

/// <summary>
/// Turns frames (yuv420p, nv12, bgr24, rgb24, gray8) into a model's NCHW input: resize (letterbox or stretch,
/// bilinear or nearest), colour conversion, channel order and normalisation in one pass, written straight into the
/// tensor. Crops of a frame (for secondary classifiers) go the same way, stretched.
/// </summary>
/// <remarks>
/// <para>Each output row is sampled once into three float rows (scalar taps from precomputed column tables), then
/// colour-converted and normalised with Vector256 (Vector128 where that is all there is) into the three planes.
/// YUV is converted with BT.601 limited-range coefficients, which is what ffmpeg assumes for untagged video.</para>
/// <para>An instance keeps its scratch rows and tables: it allocates nothing per frame, and is for one thread.</para>
/// </remarks>
public sealed class ImagePreprocessor
{
    private readonly float[] _gain = new float[3];
    private readonly float[] _bias = new float[3];
    private readonly int[] _source = new int[3];
    private readonly PixelRowSampler _sampler;
    private float[]? _halfStaging;

    /// <summary>Creates a preprocessor for a <paramref name="targetWidth"/> × <paramref name="targetHeight"/> input.</summary>
    public ImagePreprocessor(PreprocessOptions options, int targetWidth, int targetHeight)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetHeight);
        Options = options;
        TargetWidth = targetWidth;
        TargetHeight = targetHeight;
        for (int p = 0; p < 3; p++)
        {
            // value = (pixel · scale − mean) / std = pixel · gain + bias
            _gain[p] = options.Scale / options.Std[p];
            _bias[p] = -options.Mean[p] / options.Std[p];
            _source[p] = options.Channels == ChannelOrder.Rgb ? p : 2 - p;
        }

        _sampler = new PixelRowSampler(targetWidth, options.Filter);
    }

    /// <summary>The options.</summary>
    public PreprocessOptions Options { get; }

    /// <summary>The input width.</summary>
    public int TargetWidth { get; }

    /// <summary>The input height.</summary>
    public int TargetHeight { get; }

    /// <summary>Values one image takes: 3 · width · height.</summary>
    public int ImageSize => 3 * TargetWidth * TargetHeight;

    /// <summary>The transform <see cref="Write(ReadOnlySpan{byte}, PixelFormat, int, int, Span{float})"/> uses for a frame of this size.</summary>
    public ImageTransform TransformFor(int width, int height) => Options.Resize == ResizeMode.Letterbox
        ? ImageTransform.Letterbox(width, height, TargetWidth, TargetHeight)
        : ImageTransform.Stretch(width, height, TargetWidth, TargetHeight);

    /// <summary>Writes a whole frame into <paramref name="destination"/> (one image: 3 planes of width · height).</summary>
    /// <returns>The transform that maps the input's pixels back to the frame's.</returns>
    /// <exception cref="ArgumentException">The pixels are fewer than the format and size need, or the destination is short.</exception>
    public ImageTransform Write(ReadOnlySpan<byte> pixels, PixelFormat format, int width, int height, Span<float> destination)
    {
        ImageTransform transform = TransformFor(width, height);
        Write(pixels, format, width, height, transform, destination);
        return transform;
    }

    /// <summary>Writes the part of a frame under <paramref name="box"/> (source pixels), stretched over the whole input.</summary>
    /// <exception cref="ArgumentException">The box lies outside the frame.</exception>
    public ImageTransform WriteCrop(ReadOnlySpan<byte> pixels, PixelFormat format, int width, int height, BoxF box, Span<float> destination)
    {
        (int left, int top, int w, int h) = ImageTransform.CropRegion(box, width, height);
        if (w == 0 || h == 0)
        {
            throw new ArgumentException($"The box {box} lies outside the {width}x{height} frame.", nameof(box));
        }

        ImageTransform transform = ImageTransform.Stretch(left, top, w, h, TargetWidth, TargetHeight);
        Write(pixels, format, width, height, transform, destination);
        return transform;
    }

    /// <summary>Writes a frame into a float16 input (through a float staging image kept by this instance).</summary>
    public ImageTransform Write(ReadOnlySpan<byte> pixels, PixelFormat format, int width, int height, Span<Half> destination)
    {
        ImageTransform transform = TransformFor(width, height);
        Write(pixels, format, width, height, transform, destination);
        return transform;
    }

    /// <summary>Writes with an explicit transform into a float16 input.</summary>
    public void Write(ReadOnlySpan<byte> pixels, PixelFormat format, int width, int height, in ImageTransform transform, Span<Half> destination)
    {
        if (destination.Length < ImageSize)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; one image needs {ImageSize}.", nameof(destination));
        }

        _halfStaging ??= new float[ImageSize];
        Write(pixels, format, width, height, transform, _halfStaging);
        HalfConversion.ToHalf(_halfStaging, destination);
    }

    /// <summary>Writes with an explicit transform (its region and target must fit the frame and this input).</summary>
    /// <exception cref="ArgumentException">The inputs do not fit each other.</exception>
    public void Write(ReadOnlySpan<byte> pixels, PixelFormat format, int width, int height, in ImageTransform transform, Span<float> destination)
    {
        int frameSize = PixelFormats.FrameSize(format, width, height);
        if (pixels.Length < frameSize)
        {
            throw new ArgumentException($"A {width}x{height} {PixelFormats.FfmpegName(format)} frame needs {frameSize} bytes; {pixels.Length} were given.",
                nameof(pixels));
        }

        if (destination.Length < ImageSize)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; one image needs {ImageSize}.", nameof(destination));
        }

        if (transform.TargetWidth != TargetWidth || transform.TargetHeight != TargetHeight
            || transform.RegionLeft < 0 || transform.RegionTop < 0 || transform.PadLeft < 0 || transform.PadTop < 0
            || transform.RegionWidth <= 0 || transform.RegionHeight <= 0 || transform.ContentWidth <= 0 || transform.ContentHeight <= 0
            || transform.RegionLeft + transform.RegionWidth > width || transform.RegionTop + transform.RegionHeight > height
            || transform.PadLeft + transform.ContentWidth > TargetWidth || transform.PadTop + transform.ContentHeight > TargetHeight)
        {
            throw new ArgumentException($"The transform {transform} does not fit a {width}x{height} frame and a {TargetWidth}x{TargetHeight} input.",
                nameof(transform));
        }

        int plane = TargetWidth * TargetHeight;
        FillPadding(transform, destination, plane);
        _sampler.Prepare(transform, format, width, height);
        for (int y = 0; y < transform.ContentHeight; y++)
        {
            _sampler.SampleRow(pixels, y, out ReadOnlySpan<float> r, out ReadOnlySpan<float> g, out ReadOnlySpan<float> b);
            int offset = ((transform.PadTop + y) * TargetWidth) + transform.PadLeft;
            for (int p = 0; p < 3; p++)
            {
                ReadOnlySpan<float> source = _source[p] switch
                {
                    0 => r,
                    1 => g,
                    _ => b,
                };
                RowMath.MultiplyAdd(source, _gain[p], _bias[p], destination.Slice((p * plane) + offset, transform.ContentWidth));
            }
        }
    }

    private void FillPadding(in ImageTransform t, Span<float> destination, int plane)
    {
        int w = TargetWidth;
        int contentBottom = t.PadTop + t.ContentHeight;
        int contentRight = t.PadLeft + t.ContentWidth;
        for (int p = 0; p < 3; p++)
        {
            float pad = (Options.PadValue * _gain[p]) + _bias[p];
            Span<float> planeSpan = destination.Slice(p * plane, plane);
            planeSpan[..(t.PadTop * w)].Fill(pad);
            planeSpan[(contentBottom * w)..].Fill(pad);
            if (t.PadLeft == 0 && contentRight == w)
            {
                continue;
            }

            for (int y = t.PadTop; y < contentBottom; y++)
            {
                Span<float> row = planeSpan.Slice(y * w, w);
                row[..t.PadLeft].Fill(pad);
                row[contentRight..].Fill(pad);
            }
        }
    }
}
