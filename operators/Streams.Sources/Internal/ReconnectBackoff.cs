namespace Streams.Sources.Internal;

/// <summary>
/// Exponential backoff with jitter: the n-th failure in a row waits <c>initial * 2^(n-1)</c>, capped at
/// <c>max</c>, spread by +-<c>jitter</c> (never above <c>max</c>). Pure: the random source is injected.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Func<double> _random;

    /// <param name="initial">Wait after the first failure.</param>
    /// <param name="max">Cap of any wait.</param>
    /// <param name="jitter">Spread as a fraction in [0, 1).</param>
    /// <param name="random">Uniform numbers in [0, 1); <see cref="Random.Shared"/> by default.</param>
    public ReconnectBackoff(TimeSpan initial, TimeSpan max, double jitter, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1.0);
        _initial = initial;
        _max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>Failures since the last <see cref="Reset"/>.</summary>
    public int Failures { get; private set; }

    /// <summary>Counts a failure and returns how long to wait before the next attempt.</summary>
    public TimeSpan NextDelay()
    {
        Failures++;
        // Doubling stops mattering once past the cap; the exponent is bounded so the arithmetic cannot overflow.
        double exponential = _initial.Ticks * Math.Pow(2, Math.Min(Failures - 1, 62));
        double capped = Math.Min(exponential, _max.Ticks);
        double spread = 1 + (_jitter * ((2 * _random()) - 1));
        return TimeSpan.FromTicks((long)Math.Min(capped * spread, _max.Ticks));
    }

    /// <summary>Forgets the failures after a healthy period: the next wait is the initial one again.</summary>
    public void Reset() => Failures = 0;
}
