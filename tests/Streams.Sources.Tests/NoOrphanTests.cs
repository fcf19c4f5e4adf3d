using System.Diagnostics;
using Streams.Sources.Tests.Support;

namespace Streams.Sources.Tests;

[Trait("Tier", "Integration")]
public sealed class NoOrphanTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ffmpeg_dies_with_a_pipeline_process_that_is_SIGKILLed()
    {
        TestClips clips = await TestClips.GetAsync();
        string assembly = typeof(ChildProgram).Assembly.Location;
        var info = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add("run-source");
        info.ArgumentList.Add(clips.Clip);
        using Process child = Process.Start(info)!;
        Task<string> errors = child.StandardError.ReadToEndAsync();
        int ffmpeg;
        try
        {
            string? line = await child.StandardOutput.ReadLineAsync().WaitAsync(TestTimeouts.Wait);
            Assert.True(line is not null && line.StartsWith("FFMPEG ", StringComparison.Ordinal), $"child said '{line}'; stderr: {(child.HasExited ? await errors : "")}");
            ffmpeg = int.Parse(line["FFMPEG ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Posix.IsAlive(ffmpeg));
            Assert.Contains(clips.Clip, Posix.CommandLine(ffmpeg), StringComparison.Ordinal);
            Assert.Equal(child.Id, ParentOf(ffmpeg));
        }
        finally
        {
            // SIGKILL: no handler, no finally, no ProcessExit runs in the child.
            child.Kill();
            await child.WaitForExitAsync().WaitAsync(TestTimeouts.Wait);
        }

        // The kernel sends the parent-death signal as the child dies; wait for ffmpeg's exit through a pidfd.
        var clock = Stopwatch.StartNew();
        bool exited = Posix.WaitForExit(ffmpeg, TimeSpan.FromSeconds(5));
        output.WriteLine($"ffmpeg {ffmpeg} gone {clock.Elapsed.TotalMilliseconds:0} ms after its parent was killed");
        Assert.True(exited && !Posix.IsAlive(ffmpeg), $"ffmpeg {ffmpeg} outlived its SIGKILLed parent: {Posix.CommandLine(ffmpeg)}");
    }

    private static int ParentOf(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
