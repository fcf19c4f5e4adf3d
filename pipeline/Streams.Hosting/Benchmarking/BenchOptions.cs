using Streams.Inference;

namespace Streams.Hosting.Benchmarking;

/// <summary>What <c>streams bench</c> runs.</summary>
public sealed record BenchOptions
{
    /// <summary>The repository root: <c>models/</c> and <c>sample-streams/</c> are found under it.</summary>
    public required string Root { get; init; }

    /// <summary>Tiny versions of each scenario (a few seconds, one or two streams), for tests.</summary>
    public bool Quick { get; init; }

    /// <summary>The measured window of each pipeline run (after its warm-up).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Turns each side of a comparison gets (pipeline and reference take turns; the best of each is compared). Background
    /// load only ever lowers a figure, so more turns give both sides more chances at a quiet moment. Ignored by
    /// <see cref="Quick"/>, which runs one.
    /// </summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Model ids, each <c>models/&lt;id&gt;.onnx</c> under <see cref="Root"/>.</summary>
    public IReadOnlyList<string> Models { get; init; } = ["yolov8n-cost", "demo-detector"];

    /// <summary>
    /// The scenarios to run, by name (<see cref="BenchRunner.InferenceBound"/>, <see cref="BenchRunner.DecodeBound"/>,
    /// <see cref="BenchRunner.Capacity"/>, <see cref="BenchRunner.Latency"/>); empty runs them all.
    /// </summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>True when <paramref name="scenario"/> is to run.</summary>
    public bool Runs(string scenario) => Scenarios.Count == 0 || Scenarios.Contains(scenario, StringComparer.Ordinal);

    /// <summary>
    /// Intra-op threads of every model run, the pipeline's and the raw reference's; null: one per core. One thread leaves
    /// the other cores to decoding and preprocessing, the fair inference-bound comparison on a small CPU-only machine.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>
    /// The models' execution providers, in order, for the pipeline; the raw reference runs on the one the pipeline's
    /// detector gets. Default <c>[cpu]</c>. A list without cpu fails the run when no GPU provider loads.
    /// </summary>
    public IReadOnlyList<ExecutionProviderKind> Providers { get; init; } = [ExecutionProviderKind.Cpu];

    /// <summary>The most streams the capacity search tries.</summary>
    public int MaxStreams { get; init; } = 32;

    /// <summary>The repository root above <paramref name="start"/> (the folder holding <c>Streams.sln</c>), or null.</summary>
    public static string? FindRoot(params string[] start)
    {
        ArgumentNullException.ThrowIfNull(start);
        foreach (string from in start)
        {
            for (DirectoryInfo? dir = new(from); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
