namespace Streams.Inference;

/// <summary>Top-k of a classifier's scores, as probabilities (softmax applied to logits).</summary>
public static class ClassifierDecoder
{
    /// <summary>Tolerance on the sum of scores that are taken for probabilities already.</summary>
    public const float ProbabilitySumTolerance = 0.01f;

    /// <summary>True when every score lies in 0..1 and they sum to 1 (within <see cref="ProbabilitySumTolerance"/>).</summary>
    public static bool LooksLikeProbabilities(ReadOnlySpan<float> scores)
    {
        float sum = 0;
        foreach (float s in scores)
        {
            if (!(s >= 0 && s <= 1))
            {
                return false;
            }

            sum += s;
        }

        return MathF.Abs(sum - 1) <= ProbabilitySumTolerance;
    }

    /// <summary>
    /// Writes the <c>k = classes.Length</c> best classes, best first, and their probabilities. Softmax needs only the
    /// maximum and the sum of exponentials, so nothing is allocated.
    /// </summary>
    /// <returns>How many were written: min(k, number of scores).</returns>
    public static int TopK(ReadOnlySpan<float> scores, ClassifierOutputKind kind, Span<int> classes, Span<float> confidences)
    {
        if (confidences.Length < classes.Length)
        {
            throw new ArgumentException("Give as many confidences as classes.", nameof(confidences));
        }

        int k = Math.Min(classes.Length, scores.Length);
        if (k == 0)
        {
            return 0;
        }

        bool softmax = kind == ClassifierOutputKind.Logits || (kind == ClassifierOutputKind.Auto && !LooksLikeProbabilities(scores));
        int count = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            float s = scores[i];
            if (float.IsNaN(s))
            {
                continue;
            }

            // Insertion into the sorted top-k (k is small: 1 to 5 in practice).
            int at = count < k ? count : k;
            while (at > 0 && s > confidences[at - 1])
            {
                at--;
            }

            if (at >= k)
            {
                continue;
            }

            int last = Math.Min(count, k - 1);
            for (int j = last; j > at; j--)
            {
                classes[j] = classes[j - 1];
                confidences[j] = confidences[j - 1];
            }

            classes[at] = i;
            confidences[at] = s;
            count = Math.Min(count + 1, k);
        }

        if (softmax && count > 0)
        {
            float max = confidences[0];
            float sum = 0;
            foreach (float s in scores)
            {
                if (!float.IsNaN(s))
                {
                    sum += MathF.Exp(s - max);
                }
            }

            for (int j = 0; j < count; j++)
            {
                confidences[j] = MathF.Exp(confidences[j] - max) / sum;
            }
        }

        return count;
    }
}
