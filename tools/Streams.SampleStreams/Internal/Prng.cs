namespace Streams.SampleStreams.Internal;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64. Integer-only, so every machine draws the same
/// numbers; each concern (background, objects, per-frame noise) takes its own stream so that changing one option does
/// not reshuffle the others.
/// </summary>
internal sealed class Prng
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Prng(ulong seed, ulong stream)
    {
        // 0x9E3779B97F4A7C15 is 2^64 / golden ratio, SplitMix64's increment: it spreads neighbouring streams apart.
        ulong x = seed ^ (stream * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform integer in [min, max], both inclusive (Lemire's multiply-shift; the bias is below 2^-32).</summary>
    public int NextInt(int min, int max)
    {
        if (max <= min)
        {
            return min;
        }

        ulong range = (ulong)((long)max - min + 1);
        ulong high = Math.BigMul(NextUInt64(), range, out _);
        return (int)(min + (long)high);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool NextBool(double p) => NextDouble() < p;

    /// <summary>
    /// An approximately standard-normal value: the Irwin-Hall sum of 12 uniforms minus 6 (integer arithmetic, no
    /// transcendental functions, so identical everywhere; bounded to +-6).
    /// </summary>
    public double NextGaussian()
    {
        long sum = 0;
        for (int i = 0; i < 12; i++)
        {
            sum += (long)(NextUInt64() >> 32);
        }

        // Each term is uniform in [0, 2^32): the sum's mean is 6 * 2^32.
        return (sum - (6L << 32)) / 4294967296.0;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
