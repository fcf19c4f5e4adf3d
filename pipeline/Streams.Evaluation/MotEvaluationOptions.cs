namespace Streams.Evaluation;

/// <summary>How tracker output is matched to ground truth.</summary>
public sealed record MotEvaluationOptions
{
    private readonly double _minIou = 0.5;
    private readonly double _minVisibility = 0.25;

    /// <summary>The defaults: MOTChallenge's.</summary>
    public static MotEvaluationOptions Default { get; } = new();

    /// <summary>A tracker box matches a ground-truth box at this IoU or more, in (0, 1]. Default 0.5 (MOTChallenge).</summary>
    public double MinIou
    {
        get => _minIou;
        init
        {
            if (!(value > 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The IoU threshold must lie in (0, 1].");
            }

            _minIou = value;
        }
    }

    /// <summary>
    /// Ground-truth rows with a known visibility below this are ignored, like rows with confidence 0, 0..1.
    /// Default 0.25 (the synthetic world's rule; it marks those rows with confidence 0 too). 0 ignores only by confidence.
    /// </summary>
    public double MinVisibility
    {
        get => _minVisibility;
        init
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The visibility threshold must lie in 0..1.");
            }

            _minVisibility = value;
        }
    }

    /// <summary>Boxes of different classes never match (a class of -1 matches any). Default true.</summary>
    public bool ClassAware { get; init; } = true;
}
