using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Streams.Inference.Internal;

/// <summary>Column-wise arg-max over consecutive rows of a row-major matrix (YOLOv8's class rows), Vector256/128.</summary>
internal static class VectorArgMax
{
    /// <summary>
    /// For each column j of rows <paramref name="firstRow"/> .. + <paramref name="rowCount"/> − 1: the largest value
    /// and the index (from 0) of the first row holding it. NaN never wins.
    /// </summary>
    public static void Rows(ReadOnlySpan<float> matrix, int firstRow, int rowCount, int columns, Span<float> best, Span<int> bestRow)
    {
        if (matrix.Length < (long)(firstRow + rowCount) * columns || best.Length < columns || bestRow.Length < columns || rowCount < 1)
        {
            throw new ArgumentException("The matrix or the result spans are too small.", nameof(matrix));
        }

        matrix.Slice(firstRow * columns, columns).CopyTo(best);
        bestRow[..columns].Clear();
        ref float b = ref MemoryMarshal.GetReference(best);
        ref int k = ref MemoryMarshal.GetReference(bestRow);
        for (int r = 1; r < rowCount; r++)
        {
            ref float row = ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), (firstRow + r) * columns);
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<int> index = Vector256.Create(r);
                for (; j <= columns - Vector256<float>.Count; j += Vector256<float>.Count)
                {
                    Vector256<float> v = Vector256.LoadUnsafe(ref row, (nuint)j);
                    Vector256<float> current = Vector256.LoadUnsafe(ref b, (nuint)j);
                    Vector256<float> greater = Vector256.GreaterThan(v, current);
                    Vector256.ConditionalSelect(greater, v, current).StoreUnsafe(ref b, (nuint)j);
                    Vector256.ConditionalSelect(greater.AsInt32(), index, Vector256.LoadUnsafe(ref k, (nuint)j)).StoreUnsafe(ref k, (nuint)j);
                }
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                Vector128<int> index = Vector128.Create(r);
                for (; j <= columns - Vector128<float>.Count; j += Vector128<float>.Count)
                {
                    Vector128<float> v = Vector128.LoadUnsafe(ref row, (nuint)j);
                    Vector128<float> current = Vector128.LoadUnsafe(ref b, (nuint)j);
                    Vector128<float> greater = Vector128.GreaterThan(v, current);
                    Vector128.ConditionalSelect(greater, v, current).StoreUnsafe(ref b, (nuint)j);
                    Vector128.ConditionalSelect(greater.AsInt32(), index, Vector128.LoadUnsafe(ref k, (nuint)j)).StoreUnsafe(ref k, (nuint)j);
                }
            }

            for (; j < columns; j++)
            {
                float v = Unsafe.Add(ref row, j);
                if (v > Unsafe.Add(ref b, j))
                {
                    Unsafe.Add(ref b, j) = v;
                    Unsafe.Add(ref k, j) = r;
                }
            }
        }
    }
}
