using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Streams.Inference.Internal;

/// <summary>Vectorised row operations of preprocessing: Vector256 where the CPU has it, Vector128 else, scalar tails.</summary>
internal static class RowMath
{
    // BT.601 limited range ("tv"), ffmpeg's assumption for untagged SD and HD video alike:
    // R = 1.164383 (Y − 16) + 1.596027 (V − 128); G = 1.164383 (Y − 16) − 0.391762 (U − 128) − 0.812968 (V − 128);
    // B = 1.164383 (Y − 16) + 2.017232 (U − 128).
    private const float LumaGain = 1.164383f;
    private const float RedFromV = 1.596027f;
    private const float GreenFromU = 0.391762f;
    private const float GreenFromV = 0.812968f;
    private const float BlueFromU = 2.017232f;

    /// <summary>Splits packed 3-byte pixels into three float rows (bytes 0, 1, 2 of each pixel), Vector128 shuffles and widening.</summary>
    public static void Deinterleave3(ReadOnlySpan<byte> packed, Span<float> c0, Span<float> c1, Span<float> c2)
    {
        int n = packed.Length / 3;
        if (c0.Length < n || c1.Length < n || c2.Length < n)
        {
            throw new ArgumentException("The rows are shorter than the pixels.", nameof(packed));
        }

        ref byte s = ref MemoryMarshal.GetReference(packed);
        ref float d0 = ref MemoryMarshal.GetReference(c0);
        ref float d1 = ref MemoryMarshal.GetReference(c1);
        ref float d2 = ref MemoryMarshal.GetReference(c2);
        int x = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // 4 pixels per step from a 16-byte load (12 used): gather each channel's 4 bytes, then widen to floats.
            // Indices past 15 give zero.
            Vector128<byte> gather = Vector128.Create((byte)0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11, 255, 255, 255, 255);
            for (; (x * 3) + 16 <= packed.Length; x += 4)
            {
                Vector128<byte> grouped = Vector128.Shuffle(Vector128.LoadUnsafe(ref s, (nuint)(x * 3)), gather);
                Vector128<ushort> low = Vector128.WidenLower(grouped);
                Vector128<ushort> high = Vector128.WidenUpper(grouped);
                Vector128.ConvertToSingle(Vector128.WidenLower(low).AsInt32()).StoreUnsafe(ref d0, (nuint)x);
                Vector128.ConvertToSingle(Vector128.WidenUpper(low).AsInt32()).StoreUnsafe(ref d1, (nuint)x);
                Vector128.ConvertToSingle(Vector128.WidenLower(high).AsInt32()).StoreUnsafe(ref d2, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref d0, x) = Unsafe.Add(ref s, x * 3);
            Unsafe.Add(ref d1, x) = Unsafe.Add(ref s, (x * 3) + 1);
            Unsafe.Add(ref d2, x) = Unsafe.Add(ref s, (x * 3) + 2);
        }
    }

    /// <summary>Bytes to floats, 16 at a time with Vector128 widening.</summary>
    public static void Widen(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int n = source.Length;
        if (destination.Length < n)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        ref byte s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        int x = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; x <= n - 16; x += 16)
            {
                Vector128<byte> bytes = Vector128.LoadUnsafe(ref s, (nuint)x);
                Vector128<ushort> low = Vector128.WidenLower(bytes);
                Vector128<ushort> high = Vector128.WidenUpper(bytes);
                Vector128.ConvertToSingle(Vector128.WidenLower(low).AsInt32()).StoreUnsafe(ref d, (nuint)x);
                Vector128.ConvertToSingle(Vector128.WidenUpper(low).AsInt32()).StoreUnsafe(ref d, (nuint)(x + 4));
                Vector128.ConvertToSingle(Vector128.WidenLower(high).AsInt32()).StoreUnsafe(ref d, (nuint)(x + 8));
                Vector128.ConvertToSingle(Vector128.WidenUpper(high).AsInt32()).StoreUnsafe(ref d, (nuint)(x + 12));
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref d, x) = Unsafe.Add(ref s, x);
        }
    }

    /// <summary>destination[i] = source[i] · gain + bias.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> source, float gain, float bias, Span<float> destination)
    {
        int n = source.Length;
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        if (destination.Length < n)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> g = Vector256.Create(gain);
            Vector256<float> b = Vector256.Create(bias);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref s, (nuint)i);
                Vector256.FusedMultiplyAdd(v, g, b).StoreUnsafe(ref d, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> g = Vector128.Create(gain);
            Vector128<float> b = Vector128.Create(bias);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<float> v = Vector128.LoadUnsafe(ref s, (nuint)i);
                Vector128.FusedMultiplyAdd(v, g, b).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref s, i), gain, bias);
        }
    }

    /// <summary>Converts rows of Y, U, V (0..255) to R, G, B (0..255, clamped), BT.601 limited range.</summary>
    public static void YuvToRgb(ReadOnlySpan<float> y, ReadOnlySpan<float> u, ReadOnlySpan<float> v, Span<float> r, Span<float> g, Span<float> b)
    {
        int n = y.Length;
        if (u.Length < n || v.Length < n || r.Length < n || g.Length < n || b.Length < n)
        {
            throw new ArgumentException("Every row must be as long as the luma row.", nameof(y));
        }

        ref float py = ref MemoryMarshal.GetReference(y);
        ref float pu = ref MemoryMarshal.GetReference(u);
        ref float pv = ref MemoryMarshal.GetReference(v);
        ref float pr = ref MemoryMarshal.GetReference(r);
        ref float pg = ref MemoryMarshal.GetReference(g);
        ref float pb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> c16 = Vector256.Create(16f);
            Vector256<float> c128 = Vector256.Create(128f);
            Vector256<float> zero = Vector256<float>.Zero;
            Vector256<float> max = Vector256.Create(255f);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> c = (Vector256.LoadUnsafe(ref py, (nuint)i) - c16) * LumaGain;
                Vector256<float> d = Vector256.LoadUnsafe(ref pu, (nuint)i) - c128;
                Vector256<float> e = Vector256.LoadUnsafe(ref pv, (nuint)i) - c128;
                Vector256.Min(Vector256.Max(Vector256.FusedMultiplyAdd(e, Vector256.Create(RedFromV), c), zero), max).StoreUnsafe(ref pr, (nuint)i);
                Vector256<float> green = c - (d * GreenFromU) - (e * GreenFromV);
                Vector256.Min(Vector256.Max(green, zero), max).StoreUnsafe(ref pg, (nuint)i);
                Vector256.Min(Vector256.Max(Vector256.FusedMultiplyAdd(d, Vector256.Create(BlueFromU), c), zero), max).StoreUnsafe(ref pb, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> c16 = Vector128.Create(16f);
            Vector128<float> c128 = Vector128.Create(128f);
            Vector128<float> zero = Vector128<float>.Zero;
            Vector128<float> max = Vector128.Create(255f);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<float> c = (Vector128.LoadUnsafe(ref py, (nuint)i) - c16) * LumaGain;
                Vector128<float> d = Vector128.LoadUnsafe(ref pu, (nuint)i) - c128;
                Vector128<float> e = Vector128.LoadUnsafe(ref pv, (nuint)i) - c128;
                Vector128.Min(Vector128.Max(c + (e * RedFromV), zero), max).StoreUnsafe(ref pr, (nuint)i);
                Vector128.Min(Vector128.Max(c - (d * GreenFromU) - (e * GreenFromV), zero), max).StoreUnsafe(ref pg, (nuint)i);
                Vector128.Min(Vector128.Max(c + (d * BlueFromU), zero), max).StoreUnsafe(ref pb, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            float c = (Unsafe.Add(ref py, i) - 16f) * LumaGain;
            float d = Unsafe.Add(ref pu, i) - 128f;
            float e = Unsafe.Add(ref pv, i) - 128f;
            Unsafe.Add(ref pr, i) = Math.Clamp(c + (e * RedFromV), 0f, 255f);
            Unsafe.Add(ref pg, i) = Math.Clamp(c - (d * GreenFromU) - (e * GreenFromV), 0f, 255f);
            Unsafe.Add(ref pb, i) = Math.Clamp(c + (d * BlueFromU), 0f, 255f);
        }
    }
}
