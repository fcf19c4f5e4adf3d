namespace Streams.Cli.Tests;

/// <summary><c>streams eval</c> on every committed sample stream with the demo detector: the tracking floors, end to end.</summary>
public sealed class EvalCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Every_sample_stream_tracks_with_mota_and_idf1_above_0_9_and_exact_line_counts()
    {
        string demo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../configs/demo.yaml"));
        using var files = new TestFiles();
        // The demo's pipeline with detection on every frame; its paths made absolute, its outputs left out.
        var yaml = new System.Text.StringBuilder();
        foreach (string line in File.ReadAllLines(demo))
        {
            if (!line.Contains("detect_fps", StringComparison.Ordinal))
            {
                yaml.AppendLine(line.Replace("../", Path.GetDirectoryName(demo) + "/../", StringComparison.Ordinal));
            }
        }

        string config = files.Write("eval.yaml", yaml.ToString()
            .Replace(Path.GetDirectoryName(demo) + "/../out/demo/", files.Root + "/", StringComparison.Ordinal));
        string tracks = Path.Combine(files.Root, "tracks");

        using StreamsProcess eval = StreamsProcess.Start("eval", config, "--min-mota", "0.9", "--min-idf1", "0.9", "--exact-lines", "--tracks-out", tracks);
        int exit = await eval.WaitForExitAsync(s_timeout);

        Assert.True(exit == 0, $"exit {exit}\n{eval.Stdout}\n{eval.Stderr}");
        foreach (string stream in new[] { "quiet-street", "busy-crossing", "yard" })
        {
            Assert.Matches($@"\| {stream} \| 600 \| 0\.9\d\d \| 0\.9\d\d \| \d+ \| \d+ \| \d+ \| [01]\.\d+ \| [01]\.\d+ \| \d+/\d+, exact \|", eval.Stdout);
            Assert.True(new FileInfo(Path.Combine(tracks, stream + ".txt")).Length > 0);
        }
    }
}
