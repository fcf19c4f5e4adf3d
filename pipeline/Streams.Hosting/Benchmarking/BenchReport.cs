using System.Text.Json.Serialization;

namespace Streams.Hosting.Benchmarking;

/// <summary>What <c>streams bench</c> measured: the machine, then one row per scenario and model.</summary>
public sealed record BenchReport
{
    /// <summary>UTC time the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Whether the tiny <c>--quick</c> versions ran.</summary>
    public required bool Quick { get; init; }

    /// <summary>Logical processors the runtime sees.</summary>
    public required int Cores { get; init; }

    /// <summary>The operating system, as the runtime describes it.</summary>
    public required string Os { get; init; }

    /// <summary>How to read the figures (and their caveats).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The scenario rows, in the order they ran.</summary>
    public required IReadOnlyList<BenchScenarioResult> Scenarios { get; init; }

    /// <summary>Peak resident set size of the whole run (VmHWM), MiB.</summary>
    public double PeakRssMb { get; init; }
}

/// <summary>One scenario with one model (or none): the measured figure, its reference, and the resources used.</summary>
public sealed record BenchScenarioResult
{
    /// <summary><c>inference-bound</c>, <c>decode-bound</c>, <c>capacity-720p30</c> or <c>latency-kafka</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The model's id, or null for none.</summary>
    public string? Model { get; init; }

    /// <summary>The settings in words (streams, batch, threads, replay).</summary>
    public required string Settings { get; init; }

    /// <summary>Streams in the pipeline (for capacity: the highest sustained).</summary>
    public int Streams { get; init; }

    /// <summary>Frames per second at the end of the pipeline, all streams together.</summary>
    public double? PipelineFps { get; init; }

    /// <summary>The reference: raw inference fps (inference-bound) or ffmpeg -f null fps (decode-bound).</summary>
    public double? ReferenceFps { get; init; }

    /// <summary><see cref="PipelineFps"/> / <see cref="ReferenceFps"/>.</summary>
    public double? Ratio { get; init; }

    /// <summary>The ratio the spec asks for.</summary>
    public double? Target { get; init; }

    /// <summary>Whether <see cref="Ratio"/> reached <see cref="Target"/>.</summary>
    public bool? Met { get; init; }

    /// <summary>Capacity: the steps tried, as <c>streams: delivered/expected fps, p99 ms, ok|behind</c>.</summary>
    public IReadOnlyList<string>? Steps { get; init; }

    /// <summary>Frame arrival at the source to the end of the pipeline (every delivered frame), p50 ms.</summary>
    public double? FrameLatencyP50Ms { get; init; }

    /// <summary>As <see cref="FrameLatencyP50Ms"/>, p99.</summary>
    public double? FrameLatencyP99Ms { get; init; }

    /// <summary>Frame arrival at the source to the broker's acknowledgement of the event it raised, p50 ms.</summary>
    public double? AckLatencyP50Ms { get; init; }

    /// <summary>As <see cref="AckLatencyP50Ms"/>, p99.</summary>
    public double? AckLatencyP99Ms { get; init; }

    /// <summary>The produce call to acknowledgement part alone (the sink's own histogram), p50 ms.</summary>
    public double? ProduceToAckP50Ms { get; init; }

    /// <summary>As <see cref="ProduceToAckP50Ms"/>, p99.</summary>
    public double? ProduceToAckP99Ms { get; init; }

    /// <summary>Events acknowledged in the measured window.</summary>
    public long? EventsAcked { get; init; }

    /// <summary>Resident set size at the end of the measured window, MiB.</summary>
    public required double RssMb { get; init; }

    /// <summary>Collections of generation 0 during the scenario (setup to teardown).</summary>
    public required int Gen0 { get; init; }

    /// <summary>Collections of generation 1 during the scenario.</summary>
    public required int Gen1 { get; init; }

    /// <summary>Collections of generation 2 during the scenario.</summary>
    public required int Gen2 { get; init; }

    /// <summary>Managed bytes allocated during the scenario, MiB.</summary>
    public required double AllocatedMb { get; init; }

    /// <summary>Managed bytes the process allocated per frame delivered in the measured window (steady state); null where not measured.</summary>
    public double? BytesPerFrame { get; init; }

    /// <summary>Buffers (frame pixels, model inputs) the pool allocated during the measured window (its growth, counted in <see cref="BytesPerFrame"/>); null where not measured.</summary>
    public long? PoolBuffersAdded { get; init; }

    /// <summary>Why the row has no figure, when it has none.</summary>
    public string? Note { get; init; }
}

/// <summary>Source-generated JSON for the report (snake_case, indented, nulls left out).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BenchReport))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
