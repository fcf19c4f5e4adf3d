using System.Globalization;
using System.Text;

namespace Streams.Configuration.Tests;

/// <summary>
/// Documents built to hurt the reader: each ends in one clear error naming the limit it passed and where, never in a
/// stack overflow, an endless error list or a value that should not pass. The generated inputs are the ones that
/// crashed or stalled <c>streams validate</c> and <c>POST /streams</c> before the reader had limits.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class HostileInputTests : ConfigTestBase
{
    private const int TenMiB = 10 * 1024 * 1024;

    /// <summary>Name, document, and the one error expected: line, column, key path, message.</summary>
    public static TheoryData<string, Func<string>, int, int, string, string> Documents() => new()
    {
        {
            "24k levels of nested lists under pipeline.name",
            () => "pipeline:\n  name: " + new string('[', 24_000) + new string(']', 24_000) + "\n",
            // The root, pipeline and 62 lists fit in 64 levels; the 63rd '[' after "  name: " is past the limit.
            2, 9 + 62, "pipeline.name" + Repeat("[0]", 62), "lists and mappings nest deeper than the limit of 64 levels"
        },
        {
            "52 KiB of unclosed '['",
            () => "name: " + new string('[', 52 * 1024) + "\n",
            1, 7 + 63, "name" + Repeat("[0]", 63), "lists and mappings nest deeper than the limit of 64 levels"
        },
        {
            // Found by the fuzz run (input 6546): the parser threw an ArgumentException past the loader.
            "a tag that is no valid URI",
            () => "a: 1\nb: !!str[uri *a\n",
            2, 13, "", "invalid YAML: Global tags must be valid URIs."
        },
        {
            "10 KiB of '{'",
            () => new string('{', 10_752),
            1, 65, "", "lists and mappings nest deeper than the limit of 64 levels"
        },
        {
            "a mapping nested 100 levels in block style",
            () => string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', i) + "k" + i.ToString(CultureInfo.InvariantCulture) + ":\n")),
            65, 65, string.Join('.', Enumerable.Range(0, 64).Select(i => "k" + i.ToString(CultureInfo.InvariantCulture))),
            "lists and mappings nest deeper than the limit of 64 levels"
        },
        {
            "10 MiB of unknown keys",
            () => UnknownKeys(TenMiB),
            // 22 bytes a line: the limit is passed on line 1048576 / 22 + 1, at column 1048576 % 22 + 1.
            1_048_576 / 22 + 1, 1_048_576 % 22 + 1, "",
            $"the document is {UnknownKeys(TenMiB).Length} bytes, over the limit of 1048576 bytes (1 MiB); it passes the limit here"
        },
        {
            "a 10 MiB pipeline.name",
            () => "pipeline:\n  name: " + new string('x', TenMiB) + "\n",
            // Line 2 starts at byte 10: byte 1048576, the first past the limit, is in its column 1048576 - 10 + 1.
            2, 1_048_576 - 10 + 1, "", $"the document is {TenMiB + 19} bytes, over the limit of 1048576 bytes (1 MiB); it passes the limit here"
        },
        {
            "a 100 KiB value within the document limit",
            () => "pipeline:\n  name: " + new string('x', 100 * 1024) + "\n",
            2, 9, "pipeline.name", "a value of 102400 characters is over the limit of 65536"
        },
        {
            "a 1000-character key",
            () => "runtime:\n  " + new string('k', 1000) + ": 1\n",
            2, 3, "runtime", "a key of 1000 characters is over the limit of 256"
        },
        {
            "an alias bomb of nine levels of ten",
            AliasBomb,
            // a4 stands for 111,111 values, and the document up to a5's list for 123,463: a5's eighth alias passes a million.
            6, 45, "a5[7]", "the document, with its aliases repeated, holds more than the limit of 1000000 values"
        },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_hostile_document_ends_in_one_error_naming_the_limit(string name, Func<string> document, int line, int column, string keyPath, string message)
    {
        var error = Assert.Single(Errors(document()));

        Assert.True((line, column, keyPath, message) == (error.Line, error.Column, error.KeyPath, error.Message),
            $"{name}: got {error}");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_hostile_document_read_from_a_file_ends_in_the_same_error(string name, Func<string> document, int line, int column, string keyPath, string message)
    {
        string file = Dir.Touch("hostile.yaml", document());

        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.Load(file, NoEnvironment)).Errors);

        Assert.True((file, line, column, keyPath, message) == (error.File, error.Line, error.Column, error.KeyPath, error.Message),
            $"{name}: got {error}");
    }

    [Fact]
    public void An_endless_file_is_refused_after_the_limit()
    {
        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.Load("/dev/zero", NoEnvironment)).Errors);

        Assert.Equal("the document is over the limit of 1048576 bytes (1 MiB); it passes the limit here", error.Message);
    }

    [Fact]
    public void Past_fifty_errors_one_more_says_how_many_were_left_out()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Load(UnknownKeys(1000 * 22)));

        Assert.Equal(1000, exception.ErrorCount);
        Assert.Equal(51, exception.Errors.Count);
        Assert.StartsWith("unknown key 'unknown_key_000049'; expected one of: pipeline, ", exception.Errors[49].Message, StringComparison.Ordinal);
        AssertError(exception.Errors[50], 0, 0, "", "... and 950 more errors (only the first 50 are listed)");
    }

    [Fact]
    public void A_file_of_unknown_keys_under_the_limit_lists_fifty_of_them()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Load(UnknownKeys(1_000_000)));

        Assert.Equal(1_000_000 / 22 + 1, exception.ErrorCount);
        Assert.Equal(51, exception.Errors.Count);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("instance_id")]
    public void A_pipeline_name_or_instance_id_over_128_characters_is_refused(string key)
    {
        var error = SingleError($"pipeline:\n  {key}: {new string('n', 129)}\n");

        AssertError(error, 2, key.Length + 5, "pipeline." + key, "must be at most 128 characters, got 129");
    }

    [Fact]
    public void A_long_value_is_cut_in_messages()
    {
        var error = SingleError($"runtime:\n  queue_capacity: {new string('9', 5000)}x\n");

        AssertError(error, 2, 19, "runtime.queue_capacity", $"expected an integer, got '{new string('9', 100)}...' (5001 characters)");
    }

    [Fact]
    public void A_tab_on_line_two_is_reported_on_line_two()
    {
        var error = SingleError("pipeline:\n\tname: x\n");

        AssertError(error, 2, 1, "", "invalid YAML: While scanning a mapping, found invalid tab as indentation.");
    }

    [Fact]
    public void A_tab_among_indented_keys_is_reported_where_it_is()
    {
        var error = SingleError("runtime:\n  queue_capacity: 8\n\tshutdown_timeout: 4s\n");

        AssertError(error, 3, 1, "", "invalid YAML: While scanning a plain scalar, found a tab character that violate indentation.");
    }

    [Fact]
    public void The_deepest_document_within_the_limit_loads()
    {
        // The root, sinks, the entry, settings: four levels; 64 are allowed, and options that deep are not unknown keys.
        var options = Load("sinks:\n  - type: kafka\n    settings: { a: b }\n");

        Assert.Single(options.Sinks);
    }

    /// <summary>Lines of 22 bytes, <c>unknown_key_000000: 1</c>, up to <paramref name="bytes"/>.</summary>
    private static string UnknownKeys(int bytes)
    {
        var text = new StringBuilder(bytes + 22);
        for (int i = 0; text.Length < bytes; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"unknown_key_{i:D6}: 1\n");
        }

        return text.ToString();
    }

    private static string AliasBomb()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"a{i}: &a{i} [");
            text.AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 10));
            text.Append("]\n");
        }

        return text.ToString();
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
