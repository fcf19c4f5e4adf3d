namespace Streams.Inference;

/// <summary>What a classifier's scores are.</summary>
public enum ClassifierOutputKind
{
    /// <summary>
    /// Decided per result: scores that are all within 0..1 and sum to 1 (±0.01) are probabilities, anything else
    /// is logits and goes through softmax. Ultralytics classifiers end in softmax; torchvision ones give logits.
    /// </summary>
    Auto,

    /// <summary>Raw scores: softmax turns them into probabilities.</summary>
    Logits,

    /// <summary>Probabilities already: used as they are.</summary>
    Probabilities,
}
