using Streams.Configuration.Internal;

namespace Streams.Configuration.Tests;

[Trait("Tier", "Unit")]
public sealed class DurationAndNamingTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("3", 3_000)]
    [InlineData("0.25", 250)]
    [InlineData("0", 0)]
    [InlineData(" 5 s ", 5_000)]
    [InlineData("-1s", -1_000)]
    public void Durations_parse_with_units_or_as_seconds(string text, long milliseconds)
    {
        Assert.True(DurationFormat.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("10 seconds")]
    [InlineData("1d")]
    [InlineData("1,5s")]
    [InlineData("99999999999999999999h")]
    public void Malformed_durations_do_not_parse(string text) => Assert.False(DurationFormat.TryParse(text, out _));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(1_500, "1.5s")]
    [InlineData(10_000, "10s")]
    [InlineData(90_000, "90s")]
    [InlineData(7_200_000, "2h")]
    public void Durations_format_in_their_shortest_exact_form(long milliseconds, string expected)
    {
        string text = DurationFormat.Format(TimeSpan.FromMilliseconds(milliseconds));
        Assert.Equal(expected, text);
        Assert.True(DurationFormat.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }

    [Theory]
    [InlineData("QueueCapacity", "queue_capacity")]
    [InlineData("Iou", "iou")]
    [InlineData("TopicPerEventType", "topic_per_event_type")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("Input2Width", "input2_width")]
    public void Property_names_become_snake_case(string name, string expected) =>
        Assert.Equal(expected, ConfigNaming.ToSnakeCase(name));

    [Theory]
    [InlineData("queue_capcity", "queue_capacity")]
    [InlineData("queue_capacity_frames", "queue_capacity")]
    [InlineData("metrcis_interval", "metrics_interval")]
    [InlineData("shutdown", "shutdown_timeout")]
    [InlineData("totally_else", null)]
    [InlineData("qu", null)]
    public void Suggestions_catch_typos_and_clear_prefixes(string given, string? expected) =>
        Assert.Equal(expected, ConfigNaming.Suggest(given, ["queue_capacity", "shutdown_timeout", "metrics_interval"]));
}
