using System.CommandLine;
using System.Text.Json;
using Streams.SampleStreams.Cli;

namespace Streams.SampleStreams.Tests;

[Trait("Tier", "Unit")]
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sample-streams-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Values_outside_the_contract_are_reported_with_the_option_and_exit_code_1()
    {
        (int code, _, string errors) = await InvokeAsync("--preset", "busy-crossing", "--out", Path.Combine(_dir, "x.mp4"), "--width", "641", "--brightness", "2");
        Assert.Equal(SampleStreamsCommand.ExitBadArguments, code);
        Assert.Contains("--width must be an even number from 640 to 1920 (got 641)", errors, StringComparison.Ordinal);
        Assert.Contains("--brightness must be from 0.85 to 1.15 (got 2)", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.mp4")));
    }

    [Theory]
    [InlineData("--preset", "nowhere", "--out", "x.mp4")]
    [InlineData("--preset", "yard", "--out", "x.mp4", "--width", "wide")]
    [InlineData("--preset", "yard")]
    [InlineData("--all", "--out-dir", "d", "--seed", "4")]
    [InlineData("--all")]
    [InlineData("--out", "x.mp4")]
    public async Task Incomplete_or_contradictory_arguments_are_rejected(params string[] args)
    {
        (int code, _, string errors) = await InvokeAsync(args);
        Assert.Equal(SampleStreamsCommand.ExitBadArguments, code);
        Assert.False(string.IsNullOrWhiteSpace(errors));
    }

    [Fact]
    public async Task The_recorded_command_regenerates_identical_output()
    {
        string output = Path.Combine(_dir, "first.rgb");
        (int code, string stdout, string errors) = await InvokeAsync(
            "--preset", "yard", "--seed", "9", "--out", output, "--format", "raw",
            "--width", "640", "--height", "360", "--fps", "5", "--duration", "2", "--cars", "3", "--dwell-max", "4.5");
        Assert.True(code == 0, errors);
        Assert.Contains("wrote", stdout, StringComparison.Ordinal);

        using JsonDocument manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "first.scene.json")));
        JsonElement root = manifest.RootElement;
        Assert.Equal(640, root.GetProperty("width").GetInt32());
        Assert.Equal(10, root.GetProperty("frameCount").GetInt32());
        Assert.Equal(9UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(3, root.GetProperty("options").GetProperty("cars").GetInt32());
        Assert.NotEmpty(root.GetProperty("lines").EnumerateArray());
        Assert.NotEmpty(root.GetProperty("zones").EnumerateArray());
        string command = root.GetProperty("command").GetString()!;
        Assert.StartsWith(SampleStreamsCommand.CommandPrefix, command, StringComparison.Ordinal);

        string second = Path.Combine(_dir, "second.rgb");
        string[] again = command[(SampleStreamsCommand.CommandPrefix.Length + 1)..].Replace(output, second, StringComparison.Ordinal).Split(' ');
        (code, _, errors) = await InvokeAsync(again);
        Assert.True(code == 0, errors);
        byte[] firstBytes = await File.ReadAllBytesAsync(output);
        byte[] secondBytes = await File.ReadAllBytesAsync(second);
        Assert.True(firstBytes.AsSpan().SequenceEqual(secondBytes));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(_dir, "first.gt.txt")), await File.ReadAllTextAsync(Path.Combine(_dir, "second.gt.txt")));
    }

    [Fact]
    public async Task List_shows_every_preset()
    {
        (int code, string stdout, _) = await InvokeAsync("--list");
        Assert.Equal(0, code);
        Assert.All(ScenePreset.All, p => Assert.Contains(p.Name, stdout, StringComparison.Ordinal));
    }

    private static async Task<(int Code, string Stdout, string Stderr)> InvokeAsync(params string[] args)
    {
        using StringWriter stdout = new();
        using StringWriter stderr = new();
        int code = await SampleStreamsCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }
}
