using System.Text.RegularExpressions;

namespace Streams.Cli.Tests;

/// <summary>
/// Signals to a real <c>streams run</c>, one row per way of stopping it: a looping file through ffmpeg beside a
/// synthetic stream that can be made slow to stop. Each row asserts the exit code, the line that says why, no stack
/// trace, and that no ffmpeg outlives the run; a graceful stop also returns every frame to its pool.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class SignalTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string, int[], string, int, string> Cases => new()
    {
        // case, signals (the second sent once the first was taken), the synthetic stream's stop delay ("-": none)
        // and the shutdown timeout, exit code, what the log must say
        { "SIGTERM while streaming", [SigTerm], "- 20s", 0, "SIGTERM: stopping gracefully" },
        { "SIGINT while streaming", [SigInt], "- 20s", 0, "SIGINT: stopping gracefully" },
        { "SIGTERM, and the stop outlasts its deadline", [SigTerm], "linger=60 1s", 3, "Stop deadline passed" },
        { "SIGINT twice", [SigInt, SigInt], "linger=300 5m", 130, "SIGINT again: forcing the stop" },
        { "SIGINT, then SIGTERM", [SigInt, SigTerm], "linger=300 5m", 130, "SIGTERM again: forcing the stop" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_way_of_stopping_ends_with_its_exit_code_and_leaves_no_decoder(string name, int[] signals, string slowness, int exitCode, string says)
    {
        using var files = new TestFiles();
        string unique = "signals-" + Path.GetFileName(files.Root) + ".mp4";
        File.Copy(Path.Combine(Streams.Hosting.Benchmarking.BenchOptions.FindRoot(AppContext.BaseDirectory)!, "sample-streams", "quiet-street.mp4"),
            Path.Combine(files.Root, unique));
        string[] slow = slowness.Split(' ');
        string config = files.Write("signals.yaml", $"""
            runtime:
              shutdown_timeout: {slow[1]}
              metrics_interval: 0
            sources:
              - id: file
                uri: {unique}
                loop: true
              - id: slow
                uri: synthetic://pattern?width=64&height=64&fps=30{(slow[0] == "-" ? "" : "&" + slow[0])}
            """);
        using StreamsProcess streams = StreamsProcess.StartWaitingFor("stopping gracefully", "run", config);
        await streams.WaitForLineCountAsync("is Streaming", 2, s_timeout);

        streams.Signal(signals[0]);
        await streams.Started.WaitAsync(s_timeout);
        for (int i = 1; i < signals.Length; i++)
        {
            streams.Signal(signals[i]);
        }

        int exit = await streams.WaitForExitAsync(s_timeout);
        string log = streams.Stderr;
        Assert.True(exit == exitCode, $"{name}: exit {exit}\n{log}");
        Assert.Contains(says, log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
        if (exitCode == 0)
        {
            Assert.Matches(@"Stream file \(\S+\) is Ended: stopped", log);
            Assert.Matches(new Regex(@"Pipeline \S+ finished; frames: \d+ rented, 0 not returned"), log);
            Assert.DoesNotContain("forced", log, StringComparison.Ordinal);
            Assert.DoesNotContain("forcing", log, StringComparison.Ordinal);
        }

        Assert.Empty(BadSourceTests.ProcessesNaming(unique));
    }
}
