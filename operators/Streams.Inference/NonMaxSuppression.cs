using System.Runtime.InteropServices;

namespace Streams.Inference;

/// <summary>
/// Greedy non-maximum suppression: best score first, a candidate is kept unless a kept box of the same class (any
/// class, when agnostic) overlaps it with IoU above the threshold. Boxes of zero area overlap nothing, so they are
/// never suppressed and suppress nothing (the minimum box size removes them).
/// </summary>
public static class NonMaxSuppression
{
    /// <summary>Most candidates looked at, best first (Ultralytics' <c>max_nms</c>): bounds the work on noisy frames.</summary>
    public const int MaxCandidates = 30000;

    /// <summary>
    /// Sorts <paramref name="candidates"/> by score (in place) and appends the survivors to <paramref name="kept"/>,
    /// best first, at most <paramref name="maxDetections"/>. Comparing each candidate with the kept boxes only gives the
    /// same result as the textbook loop, with no scratch memory.
    /// </summary>
    public static void Apply(List<DetectionCandidate> candidates, float iouThreshold, bool classAgnostic, int maxDetections, List<DetectionCandidate> kept)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(kept);
        SortByScore(candidates);
        int firstKept = kept.Count;
        int limit = Math.Min(candidates.Count, MaxCandidates);
        ReadOnlySpan<DetectionCandidate> sorted = CollectionsMarshal.AsSpan(candidates)[..limit];
        foreach (ref readonly DetectionCandidate candidate in sorted)
        {
            if (kept.Count - firstKept >= maxDetections)
            {
                return;
            }

            bool suppressed = false;
            ReadOnlySpan<DetectionCandidate> survivors = CollectionsMarshal.AsSpan(kept)[firstKept..];
            foreach (ref readonly DetectionCandidate survivor in survivors)
            {
                if ((classAgnostic || survivor.ClassId == candidate.ClassId) && survivor.Box.IntersectionOverUnion(candidate.Box) > iouThreshold)
                {
                    suppressed = true;
                    break;
                }
            }

            if (!suppressed)
            {
                kept.Add(candidate);
            }
        }
    }

    /// <summary>Sorts by score, highest first (ties keep no particular order).</summary>
    public static void SortByScore(List<DetectionCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        // A static lambda is one cached delegate; Sort with an IComparer (even a struct one) boxes it and makes a
        // Comparison delegate of it on every call.
        CollectionsMarshal.AsSpan(candidates).Sort(static (x, y) => y.Score.CompareTo(x.Score));
    }
}
