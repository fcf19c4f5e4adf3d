using System.Diagnostics;
using Streams.Tracking.Internal;

namespace Streams.Evaluation;

/// <summary>
/// Accumulates CLEAR MOT events frame by frame from object and hypothesis ids and their pairwise distances (NaN: may
/// not match), as py-motmetrics' <c>MOTAccumulator</c> does, and computes <see cref="MotMetrics"/>.
/// </summary>
/// <remarks>
/// Per frame: an object still paired with the hypothesis it last matched keeps it if that pair may match
/// (MOTChallenge's rule); the rest are matched by the Hungarian method, most matches first, then least total
/// distance; a match whose hypothesis differs from the object's last match is an id switch. Identity metrics come
/// from one global one-to-one mapping of object ids to hypothesis ids that maximises the frames where the pair may match.
/// </remarks>
public sealed class MotAccumulator
{
    /// <summary>MOTChallenge's mostly-tracked share.</summary>
    private const double MostlyTrackedShare = 0.8;

    /// <summary>MOTChallenge's mostly-lost share.</summary>
    private const double MostlyLostShare = 0.2;

    private readonly LinearAssignment _solver = new();
    private readonly Dictionary<long, long> _lastMatch = new();
    private readonly Dictionary<long, ObjectHistory> _objects = new();
    private readonly Dictionary<long, int> _hypothesisFrames = new();
    private readonly Dictionary<(long Object, long Hypothesis), int> _pairFrames = new();
    private int _frames;
    private long _groundTruth;
    private long _hypotheses;
    private long _matches;
    private long _falsePositives;
    private long _falseNegatives;
    private long _idSwitches;
    private double _distanceSum;

    /// <summary>Tracker boxes the caller dropped before matching (reported, not counted).</summary>
    public long IgnoredHypotheses { get; set; }

    /// <summary>Adds one frame.</summary>
    /// <param name="objectIds">Ground-truth ids present in the frame.</param>
    /// <param name="hypothesisIds">Tracker ids present in the frame.</param>
    /// <param name="distances">Row-major objects × hypotheses; NaN (or infinity) where a pair may not match.</param>
    public void Update(ReadOnlySpan<long> objectIds, ReadOnlySpan<long> hypothesisIds, ReadOnlySpan<double> distances)
    {
        int n = objectIds.Length;
        int m = hypothesisIds.Length;
        if (distances.Length != n * m)
        {
            throw new ArgumentException($"Expected {n} x {m} distances, got {distances.Length}.", nameof(distances));
        }

        _frames++;
        _groundTruth += n;
        _hypotheses += m;
        for (int j = 0; j < m; j++)
        {
            _hypothesisFrames[hypothesisIds[j]] = _hypothesisFrames.GetValueOrDefault(hypothesisIds[j]) + 1;
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                if (double.IsFinite(distances[(i * m) + j]))
                {
                    var key = (objectIds[i], hypothesisIds[j]);
                    _pairFrames[key] = _pairFrames.GetValueOrDefault(key) + 1;
                }
            }
        }

        var rowToCol = new int[n];
        var colToRow = new int[m];
        Array.Fill(rowToCol, -1);
        Array.Fill(colToRow, -1);

        // Keep last frame's pairs that may still match.
        for (int i = 0; i < n; i++)
        {
            if (!_lastMatch.TryGetValue(objectIds[i], out long previous))
            {
                continue;
            }

            for (int j = 0; j < m; j++)
            {
                if (colToRow[j] < 0 && hypothesisIds[j] == previous && double.IsFinite(distances[(i * m) + j]))
                {
                    rowToCol[i] = j;
                    colToRow[j] = i;
                    break;
                }
            }
        }

        // The rest: most matches, then least distance.
        _solver.ClearEdges();
        for (int i = 0; i < n; i++)
        {
            if (rowToCol[i] >= 0)
            {
                continue;
            }

            for (int j = 0; j < m; j++)
            {
                double d = distances[(i * m) + j];
                if (colToRow[j] < 0 && double.IsFinite(d))
                {
                    _solver.AddEdge(i, j, (float)d);
                }
            }
        }

        var newRowToCol = new int[n];
        var newColToRow = new int[m];
        _solver.SolveEdges(n, m, double.PositiveInfinity, newRowToCol, newColToRow);
        for (int i = 0; i < n; i++)
        {
            int j = newRowToCol[i];
            if (j < 0)
            {
                continue;
            }

            Debug.Assert(rowToCol[i] < 0 && colToRow[j] < 0);
            rowToCol[i] = j;
            colToRow[j] = i;
            if (_lastMatch.TryGetValue(objectIds[i], out long previous) && previous != hypothesisIds[j])
            {
                _idSwitches++;
            }
        }

        for (int i = 0; i < n; i++)
        {
            if (!_objects.TryGetValue(objectIds[i], out ObjectHistory? history))
            {
                history = new ObjectHistory();
                _objects.Add(objectIds[i], history);
            }

            history.Frames++;
            int j = rowToCol[i];
            if (j < 0)
            {
                _falseNegatives++;
                history.InRun = false;
                continue;
            }

            _matches++;
            _distanceSum += distances[(i * m) + j];
            _lastMatch[objectIds[i]] = hypothesisIds[j];
            history.Matched++;
            if (!history.InRun)
            {
                history.Runs++;
                history.InRun = true;
            }
        }

        for (int j = 0; j < m; j++)
        {
            if (colToRow[j] < 0)
            {
                _falsePositives++;
            }
        }
    }

    /// <summary>The metrics of the frames so far.</summary>
    public MotMetrics Compute()
    {
        int mostlyTracked = 0, partiallyTracked = 0, mostlyLost = 0;
        long fragmentations = 0;
        foreach (ObjectHistory h in _objects.Values)
        {
            double share = (double)h.Matched / h.Frames;
            if (share >= MostlyTrackedShare)
            {
                mostlyTracked++;
            }
            else if (share < MostlyLostShare)
            {
                mostlyLost++;
            }
            else
            {
                partiallyTracked++;
            }

            fragmentations += Math.Max(0, h.Runs - 1);
        }

        return new MotMetrics
        {
            Frames = _frames,
            GroundTruth = _groundTruth,
            Hypotheses = _hypotheses,
            Matches = _matches,
            FalsePositives = _falsePositives,
            FalseNegatives = _falseNegatives,
            IdSwitches = _idSwitches,
            Fragmentations = fragmentations,
            IgnoredHypotheses = IgnoredHypotheses,
            GroundTruthTracks = _objects.Count,
            MostlyTracked = mostlyTracked,
            PartiallyTracked = partiallyTracked,
            MostlyLost = mostlyLost,
            DistanceSum = _distanceSum,
            IdTruePositives = IdentityTruePositives(),
        };
    }

    /// <summary>The most frames any one-to-one mapping of object ids to hypothesis ids can match.</summary>
    private long IdentityTruePositives()
    {
        if (_pairFrames.Count == 0)
        {
            return 0;
        }

        var objectIndex = new Dictionary<long, int>();
        var hypothesisIndex = new Dictionary<long, int>();
        foreach (((long o, long h), _) in _pairFrames)
        {
            objectIndex.TryAdd(o, objectIndex.Count);
            hypothesisIndex.TryAdd(h, hypothesisIndex.Count);
        }

        // Maximising Σ frames is minimising Σ -frames; every pair with a frame beats leaving both unmapped (cost 0).
        _solver.ClearEdges();
        var weights = new int[objectIndex.Count, hypothesisIndex.Count];
        foreach (((long o, long h), int frames) in _pairFrames)
        {
            int r = objectIndex[o];
            int c = hypothesisIndex[h];
            weights[r, c] = frames;
            _solver.AddEdge(r, c, -frames);
        }

        var rowToCol = new int[objectIndex.Count];
        var colToRow = new int[hypothesisIndex.Count];
        _solver.SolveEdges(objectIndex.Count, hypothesisIndex.Count, 0, rowToCol, colToRow);
        long total = 0;
        for (int r = 0; r < rowToCol.Length; r++)
        {
            if (rowToCol[r] >= 0)
            {
                total += weights[r, rowToCol[r]];
            }
        }

        return total;
    }

    private sealed class ObjectHistory
    {
        public int Frames;
        public int Matched;
        public int Runs;
        public bool InRun;
    }
}
