using System.Text;

namespace Streams.Cli.Tests;

/// <summary>
/// <c>streams validate</c> on the files that crashed it (exit 134) or ran it for minutes and gigabytes: each now
/// exits 2 with one error naming the limit, and a file of errors past fifty says how many it left out.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class ValidateHostileFilesTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string> Files() => new()
    {
        { "deep-24k.yaml", ":2:71: pipeline.name" },
        { "brackets-52k.yaml", ":1:70: name" },
        { "unknown-keys-10mb.yaml", ":47663:13: the document is 10485750 bytes, over the limit of 1048576 bytes (1 MiB); it passes the limit here" },
        { "scalar-10mb.yaml", ":2:1048567: the document is 10485779 bytes, over the limit of 1048576 bytes (1 MiB); it passes the limit here" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_pathological_file_exits_two_with_one_error_naming_the_limit(string name, string says)
    {
        using var files = new TestFiles();
        string config = files.Write(name, Generate(name));
        using StreamsProcess streams = StreamsProcess.Start("validate", config);

        Assert.Equal(2, await streams.WaitForExitAsync(s_timeout));
        string[] lines = streams.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(config + says, lines[0], StringComparison.Ordinal);
        Assert.Equal("1 error in " + name, lines[1]);
    }

    [Fact]
    public async Task A_file_of_a_thousand_unknown_keys_lists_fifty_and_counts_them_all()
    {
        using var files = new TestFiles();
        string config = files.Write("unknown.yaml", UnknownKeys(1000));
        using StreamsProcess streams = StreamsProcess.Start("validate", config);

        Assert.Equal(2, await streams.WaitForExitAsync(s_timeout));
        string[] lines = streams.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(52, lines.Length);
        Assert.Equal(config + ": ... and 950 more errors (only the first 50 are listed)", lines[50]);
        Assert.Equal("1000 errors in unknown.yaml", lines[51]);
    }

    private static string Generate(string name) => name switch
    {
        "deep-24k.yaml" => "pipeline:\n  name: " + new string('[', 24_000) + new string(']', 24_000) + "\n",
        "brackets-52k.yaml" => "name: " + new string('[', 52 * 1024) + "\n",
        "unknown-keys-10mb.yaml" => UnknownKeys(10 * 1024 * 1024 / 22),
        "scalar-10mb.yaml" => "pipeline:\n  name: " + new string('x', 10 * 1024 * 1024) + "\n",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Lines of 22 bytes: <c>unknown_key_000000: 1</c>.</summary>
    private static string UnknownKeys(int count)
    {
        var text = new StringBuilder(count * 22);
        for (int i = 0; i < count; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"unknown_key_{i:D6}: 1\n");
        }

        return text.ToString();
    }
}
