namespace Streams.Cli.Tests;

public sealed class ValidateCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_valid_file_exits_zero_and_says_what_it_holds()
    {
        using var files = new TestFiles();
        string config = files.Write("ok.yaml", "sources:\n  - id: a\n    uri: synthetic://pattern?frames=10\n");
        using StreamsProcess streams = StreamsProcess.Start("validate", config);

        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("ok.yaml: valid (1 source, 0 models, 0 zones/lines, 0 sinks)", streams.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_file_exits_two_and_prints_every_error_with_its_position()
    {
        using var files = new TestFiles();
        string config = files.Write("bad.yaml", """
            runtime:
              queue_capacity: 0
            sources:
              - id: a
                uri: missing.mp4
              - id: a
                uri: synthetic://pattern
                replay: slow
            """);
        using StreamsProcess streams = StreamsProcess.Start("validate", config);

        Assert.Equal(2, await streams.WaitForExitAsync(s_timeout));
        string prefix = config + ":";
        Assert.Equal(
            [
                prefix + "2:19: runtime.queue_capacity: must be between 1 and 4096, got 0",
                prefix + "5:10: sources[0].uri: file not found: " + Path.Combine(files.Root, "missing.mp4"),
                prefix + "6:9: sources[1].id: duplicate source id 'a'; first declared at line 4",
                prefix + "8:13: sources[1].replay: invalid value 'slow'; expected one of: realtime, fast",
                "4 errors in bad.yaml",
            ],
            streams.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_missing_file_is_named_in_the_error()
    {
        using StreamsProcess streams = StreamsProcess.Start("validate", "/nonexistent/pipeline.yaml");

        Assert.Equal(2, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("/nonexistent/pipeline.yaml", streams.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_every_command()
    {
        using StreamsProcess streams = StreamsProcess.Start("--help");

        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        foreach (string command in new[] { "run <config>", "validate <config>", "demo" })
        {
            Assert.Contains(command, streams.Stdout, StringComparison.Ordinal);
        }
    }
}
