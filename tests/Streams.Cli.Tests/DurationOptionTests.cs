using System.CommandLine;
using System.CommandLine.Parsing;
using Streams.Cli.Commands;

namespace Streams.Cli.Tests;

/// <summary>Command-line durations read the way the pipeline file's do: <c>--duration 500ms</c> is half a second.</summary>
[Trait("Tier", "Unit")]
public sealed class DurationOptionTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1_500)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("20", 20_000)]
    [InlineData("0.5", 500)]
    public void Duration_reads_the_pipeline_file_s_grammar(string text, long milliseconds)
    {
        Option<TimeSpan?> duration = CommonOptions.Duration();

        ParseResult parsed = new RootCommand { duration }.Parse(["--duration", text]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), parsed.GetValue(duration));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("10 seconds")]
    [InlineData("1d")]
    [InlineData("0")]
    [InlineData("0ms")]
    [InlineData("-5s")]
    public void Bad_or_non_positive_text_is_refused_naming_the_option_and_the_grammar(string text)
    {
        Option<TimeSpan?> duration = CommonOptions.Duration();

        ParseResult parsed = new RootCommand { duration }.Parse(["--duration", text]);

        ParseError error = Assert.Single(parsed.Errors);
        Assert.StartsWith($"--duration: '{text}' is not a positive duration;", error.Message, StringComparison.Ordinal);
        Assert.Contains("250ms, 10s, 2m, 1h", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bench_window_takes_a_duration_and_its_older_seconds_spelling_still_means_seconds()
    {
        Option<TimeSpan?> window = CommonOptions.PositiveDuration("--window", "Measured window.", "--seconds");
        var command = new RootCommand { window };

        Assert.Equal(TimeSpan.FromMilliseconds(1500), command.Parse(["--window", "1500ms"]).GetValue(window));
        Assert.Equal(TimeSpan.FromSeconds(5), command.Parse(["--seconds", "5"]).GetValue(window));
        ParseError error = Assert.Single(command.Parse(["--seconds", "fast"]).Errors);
        Assert.StartsWith("--seconds: 'fast'", error.Message, StringComparison.Ordinal);
    }
}
