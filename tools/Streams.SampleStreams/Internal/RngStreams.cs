namespace Streams.SampleStreams.Internal;

/// <summary>Stream numbers of <see cref="Prng"/>, one per concern, so options of one do not reshuffle another.</summary>
internal static class RngStreams
{
    public const ulong Background = 1;
    public const ulong Objects = 2;
    public const ulong NoiseTable = 3;
    public const ulong StaticNoise = 4;

    /// <summary>Frame f's noise offsets use stream FrameNoiseBase + f: frames render independently, in any order.</summary>
    public const ulong FrameNoiseBase = 1UL << 32;
}
