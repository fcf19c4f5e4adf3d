using System.Diagnostics;

namespace Streams.SampleStreams.Internal;

/// <summary>
/// Turns a <see cref="BackgroundLayout"/> into the static rgb24 base frame and the table that per-frame noise is drawn
/// from. The base is clamped so that base + tint + noise can never leave the contract's ranges: ground luminance
/// 60-160, markings 190 or more, grey within 2 * tint.
/// </summary>
internal static class BackgroundPainter
{
    /// <summary>Noise table length in pixels: far more than a row (at most 1920), so rows draw unrelated slices.</summary>
    public const int NoiseTablePixels = 1 << 18;

    /// <summary>The largest noise magnitude: 3 sigma, rounded up (the Irwin-Hall draw is truncated there).</summary>
    public static int NoiseBound(double sigma) => sigma > 0 ? (int)Math.Ceiling(3 * sigma) : 0;

    /// <summary>
    /// The part of the noise that changes every frame: half the sigma (a quarter of the variance). The other
    /// three quarters of the variance are fixed grain baked into the base frame. Fresh per-frame noise is what an
    /// encoder cannot predict: at sigma 3 fully temporal noise makes a 20 s 720p clip ~10 MB, split like this ~3 MB.
    /// </summary>
    public static double TemporalSigma(double sigma) => sigma / 2;

    /// <summary>The fixed grain: sqrt(3)/2 of the sigma, so that both parts add up to the full variance.</summary>
    public static double StaticSigma(double sigma) => sigma * 0.8660254037844386;

    public static byte[] PaintBase(BackgroundLayout layout, int width, int height, double brightness, double noiseSigma, ulong seed)
    {
        double[] luma = new double[width * height];
        bool[] marking = new bool[width * height];

        for (int y = 0; y < height; y++)
        {
            double gy = layout.GradientY * ((y / (double)(height - 1)) - 0.5);
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                luma[row + x] = layout.BaseLuma + gy + (layout.GradientX * ((x / (double)(width - 1)) - 0.5));
            }
        }

        foreach (BackgroundSurface surface in layout.Surfaces)
        {
            PixelBox box = surface.Box.ClipTo(width, height);
            for (int y = box.Top; y < box.Bottom; y++)
            {
                for (int x = box.Left; x < box.Right; x++)
                {
                    luma[(y * width) + x] += surface.LumaOffset;
                }
            }
        }

        foreach (BackgroundPatch patch in layout.Patches)
        {
            PixelBox box = PixelBox.FromEdges(
                (int)Math.Floor(patch.CenterX - patch.RadiusX), (int)Math.Floor(patch.CenterY - patch.RadiusY),
                (int)Math.Ceiling(patch.CenterX + patch.RadiusX) + 1, (int)Math.Ceiling(patch.CenterY + patch.RadiusY) + 1)
                .ClipTo(width, height);
            for (int y = box.Top; y < box.Bottom; y++)
            {
                double dy = (y - patch.CenterY) / patch.RadiusY;
                for (int x = box.Left; x < box.Right; x++)
                {
                    double dx = (x - patch.CenterX) / patch.RadiusX;
                    double d = (dx * dx) + (dy * dy);
                    if (d < 1)
                    {
                        // (1 - d)^2 falls smoothly to 0 at the rim: no visible edge.
                        double fall = 1 - d;
                        luma[(y * width) + x] -= patch.Depth * fall * fall;
                    }
                }
            }
        }

        foreach (PixelBox mark in layout.Markings)
        {
            PixelBox box = mark.ClipTo(width, height);
            for (int y = box.Top; y < box.Bottom; y++)
            {
                for (int x = box.Left; x < box.Right; x++)
                {
                    marking[(y * width) + x] = true;
                    luma[(y * width) + x] = layout.MarkingLuma;
                }
            }
        }

        // Room for the per-frame noise, tint and the rounding of the weighted tint: see the class summary. The fixed
        // grain is added before the clamp and needs no room.
        int margin = NoiseBound(TemporalSigma(noiseSigma)) + BackgroundLayout.MaxTint + 1;
        double grainSigma = StaticSigma(noiseSigma);
        int grainBound = NoiseBound(grainSigma);
        Prng grain = new(seed, RngStreams.StaticNoise);
        double groundLo = 60 + margin;
        double groundHi = 160 - margin;
        double markLo = 190 + margin;
        double markHi = 255 - margin;
        Debug.Assert(groundLo <= groundHi && markLo <= markHi, "noise sigma is at most 8");

        (int tr, int tg, int tb) = layout.Tint;
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < luma.Length; i++)
        {
            double value = luma[i] * brightness;
            if (grainSigma > 0)
            {
                value += Math.Clamp(Math.Floor((grainSigma * grain.NextGaussian()) + 0.5), -grainBound, grainBound);
            }

            value = marking[i] ? Math.Clamp(value, markLo, markHi) : Math.Clamp(value, groundLo, groundHi);
            int l = (int)Math.Floor(value + 0.5);
            rgb[i * 3] = (byte)(l + tr);
            rgb[(i * 3) + 1] = (byte)(l + tg);
            rgb[(i * 3) + 2] = (byte)(l + tb);
        }

        return rgb;
    }

    /// <summary>
    /// Gaussian luminance noise as rgb24 triplets (the same value in all three channels, so greys stay grey), stored as
    /// two's-complement bytes: adding them with wrap-around byte arithmetic adds the signed value, and the clamped base
    /// guarantees no sum wraps.
    /// </summary>
    public static byte[] CreateNoiseTable(ulong seed, double noiseSigma)
    {
        double sigma = TemporalSigma(noiseSigma);
        byte[] table = new byte[NoiseTablePixels * 3];
        if (sigma <= 0)
        {
            return table;
        }

        int bound = NoiseBound(sigma);
        Prng rng = new(seed, RngStreams.NoiseTable);
        for (int i = 0; i < NoiseTablePixels; i++)
        {
            int n = (int)Math.Clamp(Math.Floor((sigma * rng.NextGaussian()) + 0.5), -bound, bound);
            byte b = unchecked((byte)(sbyte)n);
            table[i * 3] = b;
            table[(i * 3) + 1] = b;
            table[(i * 3) + 2] = b;
        }

        return table;
    }
}
