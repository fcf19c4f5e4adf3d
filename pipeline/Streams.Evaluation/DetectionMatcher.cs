using Streams.Runtime;

namespace Streams.Evaluation;

/// <summary>
/// Scores a detector frame by frame against MOTChallenge ground truth, with no tracking involved: precision and
/// recall of the boxes themselves (<see cref="DetectionScore"/>).
/// </summary>
/// <remarks>
/// <para>The rules (those of the demo models' accuracy tests): a detection may match a ground-truth row of
/// its class (detector class id = MOTChallenge class − 1; a row of unknown class −1 matches any) at IoU ≥
/// <see cref="MotEvaluationOptions.MinIou"/>. All such pairs of a frame are taken greedily, highest IoU first (ties:
/// lower detection index, then lower row index), each detection and row at most once. Rows that
/// <see cref="MotEvaluator.IsIgnored"/> (confidence 0, or a known visibility below
/// <see cref="MotEvaluationOptions.MinVisibility"/>) are ignored both ways: never a miss, and a detection left
/// unmatched that overlaps one of them (same class rule, same IoU) is not a false positive either.</para>
/// <para>Greedy rather than optimal assignment: it is what the reference evaluation does, and with boxes that match
/// only above IoU 0.5 the two rarely differ. Buffers are kept between frames; one instance is for one thread.</para>
/// </remarks>
public sealed class DetectionMatcher
{
    private static readonly Comparison<Pair> s_bestFirst = static (a, b) =>
    {
        int byIou = b.Iou.CompareTo(a.Iou);
        if (byIou != 0)
        {
            return byIou;
        }

        int byDetection = a.Detection.CompareTo(b.Detection);
        return byDetection != 0 ? byDetection : a.Truth.CompareTo(b.Truth);
    };

    private readonly MotEvaluationOptions _options;
    private readonly List<Pair> _pairs = new(64);
    private readonly List<Tally> _classes = new(8);
    private bool[] _detectionMatched = new bool[64];
    private bool[] _truthMatched = new bool[64];
    private bool[] _truthIgnored = new bool[64];
    private Tally _total;
    private int _frames;

    /// <summary>Creates a matcher.</summary>
    /// <param name="options">IoU and visibility thresholds and class awareness; default <see cref="MotEvaluationOptions.Default"/>.</param>
    public DetectionMatcher(MotEvaluationOptions? options = null) => _options = options ?? MotEvaluationOptions.Default;

    /// <summary>The thresholds in use.</summary>
    public MotEvaluationOptions Options => _options;

    /// <summary>Frames added so far.</summary>
    public int Frames => _frames;

    /// <summary>Matches one frame's detections with its ground-truth rows and adds the outcome.</summary>
    /// <param name="detections">The detector's boxes, in the frame's pixels.</param>
    /// <param name="truth">The frame's ground-truth rows (all of them: ignored rows are recognised here).</param>
    public void AddFrame(ReadOnlySpan<DetectedObject> detections, ReadOnlySpan<MotRow> truth)
    {
        _frames++;
        Grow(ref _detectionMatched, detections.Length);
        Grow(ref _truthMatched, truth.Length);
        Grow(ref _truthIgnored, truth.Length);
        Array.Clear(_detectionMatched, 0, detections.Length);
        Array.Clear(_truthMatched, 0, truth.Length);
        for (int t = 0; t < truth.Length; t++)
        {
            _truthIgnored[t] = MotEvaluator.IsIgnored(truth[t], _options);
        }

        _pairs.Clear();
        for (int d = 0; d < detections.Length; d++)
        {
            for (int t = 0; t < truth.Length; t++)
            {
                if (!_truthIgnored[t] && TryPair(detections[d], truth[t], out float iou))
                {
                    _pairs.Add(new Pair(iou, d, t));
                }
            }
        }

        _pairs.Sort(s_bestFirst);
        foreach (Pair pair in _pairs)
        {
            if (_detectionMatched[pair.Detection] || _truthMatched[pair.Truth])
            {
                continue;
            }

            _detectionMatched[pair.Detection] = true;
            _truthMatched[pair.Truth] = true;
            // A match counts for the truth's class (the same as the detection's unless classes are not compared).
            Count(ClassOf(truth[pair.Truth]), Outcome.TruePositive, pair.Iou);
        }

        for (int d = 0; d < detections.Length; d++)
        {
            if (!_detectionMatched[d])
            {
                Count(detections[d].ClassId, OverlapsIgnored(detections[d], truth) ? Outcome.Ignored : Outcome.FalsePositive, 0);
            }
        }

        for (int t = 0; t < truth.Length; t++)
        {
            if (!_truthIgnored[t] && !_truthMatched[t])
            {
                Count(ClassOf(truth[t]), Outcome.FalseNegative, 0);
            }
        }
    }

    /// <summary>The score of every frame added so far.</summary>
    public DetectionScore GetScore()
    {
        var perClass = new DetectionScore[_classes.Count];
        for (int c = 0; c < perClass.Length; c++)
        {
            perClass[c] = _classes[c].ToScore(_frames, []);
        }

        return _total.ToScore(_frames, perClass);
    }

    // The detector's class id of a ground-truth row: MOTChallenge classes count from 1.
    private static int ClassOf(MotRow truth) => truth.Class < 0 ? -1 : truth.Class - 1;

    private bool TryPair(DetectedObject detection, MotRow truth, out float iou)
    {
        int truthClass = ClassOf(truth);
        if (_options.ClassAware && truthClass >= 0 && truthClass != detection.ClassId)
        {
            iou = 0;
            return false;
        }

        iou = detection.Box.IntersectionOverUnion(truth.Box);
        return iou >= _options.MinIou;
    }

    private bool OverlapsIgnored(DetectedObject detection, ReadOnlySpan<MotRow> truth)
    {
        for (int t = 0; t < truth.Length; t++)
        {
            if (_truthIgnored[t] && TryPair(detection, truth[t], out _))
            {
                return true;
            }
        }

        return false;
    }

    private void Count(int classId, Outcome outcome, float iou)
    {
        _total.Add(outcome, iou);
        if (classId < 0)
        {
            // A row of unknown class (or a detector's negative id) counts in the totals only.
            return;
        }

        while (_classes.Count <= classId)
        {
            _classes.Add(default);
        }

        Tally tally = _classes[classId];
        tally.Add(outcome, iou);
        _classes[classId] = tally;
    }

    private static void Grow(ref bool[] array, int length)
    {
        if (array.Length < length)
        {
            array = new bool[Math.Max(length, array.Length * 2)];
        }
    }

    private readonly record struct Pair(float Iou, int Detection, int Truth);

    private enum Outcome
    {
        TruePositive,
        FalsePositive,
        FalseNegative,
        Ignored,
    }

    /// <summary>Running counts of one class (or of all).</summary>
    private struct Tally
    {
        private long _truePositives;
        private long _falsePositives;
        private long _falseNegatives;
        private long _ignored;
        private double _iouSum;

        public void Add(Outcome outcome, float iou)
        {
            switch (outcome)
            {
                case Outcome.TruePositive:
                    _truePositives++;
                    _iouSum += iou;
                    break;
                case Outcome.FalsePositive:
                    _falsePositives++;
                    break;
                case Outcome.FalseNegative:
                    _falseNegatives++;
                    break;
                default:
                    _ignored++;
                    break;
            }
        }

        public readonly DetectionScore ToScore(int frames, IReadOnlyList<DetectionScore> perClass) => new()
        {
            Frames = frames,
            TruePositives = _truePositives,
            FalsePositives = _falsePositives,
            FalseNegatives = _falseNegatives,
            IgnoredDetections = _ignored,
            IouSum = _iouSum,
            PerClass = perClass,
        };
    }
}
