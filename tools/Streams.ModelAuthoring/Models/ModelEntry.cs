namespace Streams.ModelAuthoring.Models;

/// <summary>
/// A model's entry in models.json: how to feed it and how to read it. Shapes use -1 for the dynamic batch.
/// </summary>
internal sealed record ModelEntry
{
    /// <summary>The model's name, e.g. <c>demo-detector</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The file name next to models.json.</summary>
    public required string File { get; init; }

    /// <summary><c>detect</c> or <c>classify</c>.</summary>
    public required string Task { get; init; }

    /// <summary>The model's version (bumped when its behaviour changes).</summary>
    public required int Version { get; init; }

    /// <summary>What it is for, in one sentence.</summary>
    public required string Description { get; init; }

    /// <summary>The input tensor's name.</summary>
    public required string InputName { get; init; }

    /// <summary>The input shape, NCHW, -1 for the batch.</summary>
    public required int[] InputShape { get; init; }

    /// <summary>How a frame or crop becomes the input: <c>letterbox</c> (Ultralytics, grey 114) or <c>stretch</c>.</summary>
    public required string Resize { get; init; }

    /// <summary>The output tensor's name.</summary>
    public required string OutputName { get; init; }

    /// <summary>The output shape, -1 for the batch.</summary>
    public required int[] OutputShape { get; init; }

    /// <summary>How to read the output.</summary>
    public required string OutputLayout { get; init; }

    /// <summary>Class names in class-id (or output) order.</summary>
    public required string[] ClassNames { get; init; }

    /// <summary>Suggested confidence threshold for detectors (0 for classifiers).</summary>
    public float ConfidenceThreshold { get; init; }

    /// <summary>Suggested class-aware NMS IoU threshold for detectors (0 for classifiers).</summary>
    public float NmsIou { get; init; }

    /// <summary>Multiply-accumulates x 2 at the input size, where counted (0 otherwise).</summary>
    public long Flops { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file, filled in when the bytes are known.</summary>
    public string Sha256 { get; init; } = "";
}
