namespace Streams.Snapshots;

/// <summary>
/// Copies one channel of a picture region into another buffer, shrinking it by area averaging (each output sample is
/// the mean of the source samples it covers, which avoids the aliasing of point sampling) and mapping each sample
/// through a table. Strides and steps let the same loop read planar, interleaved (NV12 chroma) and packed (BGR) data.
/// </summary>
internal static class PlaneResampler
{
    /// <param name="source">The region's first sample of the channel.</param>
    /// <param name="sourceStride">Bytes from one source row to the next.</param>
    /// <param name="sourceStep">Bytes from one source sample of the channel to the next in a row.</param>
    /// <param name="sourceWidth">Region width in samples.</param>
    /// <param name="sourceHeight">Region height in samples.</param>
    /// <param name="destination">The output's first sample of the channel.</param>
    /// <param name="destinationStride">Bytes from one output row to the next.</param>
    /// <param name="destinationStep">Bytes from one output sample of the channel to the next in a row.</param>
    /// <param name="destinationWidth">Output width, at most <paramref name="sourceWidth"/> (no enlarging).</param>
    /// <param name="destinationHeight">Output height, at most <paramref name="sourceHeight"/>.</param>
    /// <param name="map">256 entries applied to every output sample.</param>
    public static void Shrink(
        ReadOnlySpan<byte> source, int sourceStride, int sourceStep, int sourceWidth, int sourceHeight,
        Span<byte> destination, int destinationStride, int destinationStep, int destinationWidth, int destinationHeight,
        ReadOnlySpan<byte> map)
    {
        if (destinationWidth == sourceWidth && destinationHeight == sourceHeight)
        {
            Copy(source, sourceStride, sourceStep, destination, destinationStride, destinationStep, destinationWidth, destinationHeight, map);
            return;
        }

        for (int dy = 0; dy < destinationHeight; dy++)
        {
            int y0 = (int)((long)dy * sourceHeight / destinationHeight);
            int y1 = Math.Max(y0 + 1, (int)((long)(dy + 1) * sourceHeight / destinationHeight));
            int outRow = dy * destinationStride;
            for (int dx = 0; dx < destinationWidth; dx++)
            {
                int x0 = (int)((long)dx * sourceWidth / destinationWidth);
                int x1 = Math.Max(x0 + 1, (int)((long)(dx + 1) * sourceWidth / destinationWidth));
                int sum = 0;
                for (int y = y0; y < y1; y++)
                {
                    int row = y * sourceStride;
                    for (int x = x0; x < x1; x++)
                    {
                        sum += source[row + (x * sourceStep)];
                    }
                }

                int count = (y1 - y0) * (x1 - x0);
                destination[outRow + (dx * destinationStep)] = map[(sum + (count / 2)) / count];
            }
        }
    }

    private static void Copy(
        ReadOnlySpan<byte> source, int sourceStride, int sourceStep,
        Span<byte> destination, int destinationStride, int destinationStep, int width, int height, ReadOnlySpan<byte> map)
    {
        if (sourceStep == 1 && destinationStep == 1)
        {
            // Planar rows (the yuv420p case): exact-length slices let the JIT drop most bounds checks.
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<byte> inRow = source.Slice(y * sourceStride, width);
                Span<byte> outRow = destination.Slice(y * destinationStride, width);
                for (int x = 0; x < inRow.Length; x++)
                {
                    outRow[x] = map[inRow[x]];
                }
            }

            return;
        }

        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> inRow = source[(y * sourceStride)..];
            Span<byte> outRow = destination[(y * destinationStride)..];
            for (int x = 0; x < width; x++)
            {
                outRow[x * destinationStep] = map[inRow[x * sourceStep]];
            }
        }
    }
}
