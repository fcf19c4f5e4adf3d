using System.Text.Json;

namespace Streams.Cli.Tests;

/// <summary><c>streams bench --quick</c>: every scenario runs, the table is printed and the JSON report parses.</summary>
[Trait("Tier", "Integration")]
public sealed class BenchCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Quick_bench_prints_the_table_and_writes_a_report_with_every_scenario()
    {
        using var files = new TestFiles();
        string json = Path.Combine(files.Root, "bench.json");
        using StreamsProcess streams = StreamsProcess.Start("bench", "--quick", "--json", json);
        int exit = await streams.WaitForExitAsync(s_timeout);

        Assert.True(exit == 0, $"exit {exit}\nstdout:\n{streams.Stdout}\nstderr:\n{streams.Stderr}");
        Assert.Contains("| scenario | model |", streams.Stdout, StringComparison.Ordinal);
        Assert.Contains("| inference-bound | demo-detector |", streams.Stdout, StringComparison.Ordinal);

        using JsonDocument report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.True(report.RootElement.GetProperty("quick").GetBoolean());
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement scenario in report.RootElement.GetProperty("scenarios").EnumerateArray())
        {
            string name = scenario.GetProperty("name").GetString()!;
            names.Add(name);
            Assert.True(scenario.GetProperty("rss_mb").GetDouble() > 0, name);
            if (name is "inference-bound" or "decode-bound" or "decode-bound-sampled")
            {
                Assert.True(scenario.GetProperty("pipeline_fps").GetDouble() > 0, $"{name}: pipeline fps");
                Assert.True(scenario.GetProperty("reference_fps").GetDouble() > 0, $"{name}: reference fps");
                Assert.True(scenario.GetProperty("ratio").GetDouble() > 0, $"{name}: ratio");
            }

            if (name == "latency-kafka" && scenario.GetProperty("model").GetString() == "demo-detector")
            {
                // The demo detector sees the sample clip's objects: their events reach the broker and are acknowledged.
                Assert.True(scenario.GetProperty("pipeline_fps").GetDouble() > 0, "latency: pipeline fps");
                Assert.True(scenario.GetProperty("frame_latency_p50_ms").GetDouble() > 0, "latency: frame latency");
            }
        }

        Assert.Equal(["capacity-720p30", "decode-bound", "decode-bound-sampled", "inference-bound", "latency-kafka"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Scenarios_can_be_chosen_and_an_unknown_one_is_refused_by_name()
    {
        using StreamsProcess bad = StreamsProcess.Start("bench", "--quick", "--scenarios", "decode-bound,warp-speed");
        int exit = await bad.WaitForExitAsync(s_timeout);
        Assert.Equal(2, exit);
        Assert.Contains("no scenario 'warp-speed'", bad.Stderr, StringComparison.Ordinal);

        using var files = new TestFiles();
        string json = Path.Combine(files.Root, "bench.json");
        using StreamsProcess streams = StreamsProcess.Start("bench", "--quick", "--scenarios", "decode-bound", "--json", json);
        exit = await streams.WaitForExitAsync(s_timeout);
        Assert.True(exit == 0, $"exit {exit}\nstdout:\n{streams.Stdout}\nstderr:\n{streams.Stderr}");
        using JsonDocument report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var names = new List<string>();
        foreach (JsonElement scenario in report.RootElement.GetProperty("scenarios").EnumerateArray())
        {
            names.Add(scenario.GetProperty("name").GetString()!);
        }

        Assert.Equal(["decode-bound", "decode-bound-sampled"], names);
    }

    [Theory]
    [InlineData("--rounds", "0", "--rounds must be 1..100, not 0")]
    [InlineData("--threads", "0", "--threads must be 1..256, not 0")]
    public async Task Counts_out_of_range_are_refused_by_option_name(string option, string value, string message)
    {
        using StreamsProcess streams = StreamsProcess.Start("bench", "--quick", "--scenarios", "decode-bound", option, value);
        int exit = await streams.WaitForExitAsync(s_timeout);
        Assert.Equal(2, exit);
        Assert.Contains(message, streams.Stderr, StringComparison.Ordinal);
    }
}
