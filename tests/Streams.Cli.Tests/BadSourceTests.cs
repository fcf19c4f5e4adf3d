using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Streams.Cli.Tests;

/// <summary>
/// Bad inputs, one class per row, each beside a good stream in a real <c>streams run</c>: the bad stream fails with an
/// error that names it, the good one runs to its end, the run exits 1 (a stream failed), every frame went back to its
/// pool and no ffmpeg is left behind. A damaged file beside a good stream ends alone, with a reason that says what
/// was wrong with it.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BadSourceTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    private static string SampleClip => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../sample-streams/quiet-street.mp4"));

    public static TheoryData<string, string, string> Cases => new()
    {
        // case, the bad source's YAML (uri and keys), what its error must say
        { "text file", "uri: not-a-video.mp4\n    replay: fast", @"not-a-video\.mp4: .*Invalid data found when processing input" },
        { "empty file", "uri: empty.mp4\n    replay: fast", @"empty\.mp4: .*Invalid data found when processing input" },
        { "audio without video", "uri: audio.m4a\n    replay: fast", @"audio\.m4a: ffmpeg exited with code 1: the input has no video stream \(ffmpeg: Stream map '0:v:0' matches no streams\.\)" },
        { "truncated header", "uri: head.mp4\n    replay: fast", @"head\.mp4: .*End of file .*error reading header" },
        { "closed RTSP port", "uri: rtsp://127.0.0.1:1/{unique}\n    max_retries: 0", @"rtsp://127\.0\.0\.1:1/{unique}: gave up after 1 failed attempt: .*Connection refused" },
        { "closed HTTP port", "uri: http://127.0.0.1:1/{unique}.mp4\n    max_retries: 0", @"http://127\.0\.0\.1:1/{unique}\.mp4: gave up after 1 failed attempt: .*Connection refused" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_source_fails_alone_with_its_name_in_the_error(string name, string source, string error)
    {
        using var files = new TestFiles();
        string unique = Path.GetFileName(files.Root);
        files.Write("not-a-video.mp4", "this is text, not H.264");
        files.Write("empty.mp4", "");
        if (name == "audio without video")
        {
            await RunFfmpegAsync("-f", "lavfi", "-i", "sine=duration=1", Path.Combine(files.Root, "audio.m4a"));
        }

        if (name == "truncated header")
        {
            // The first 4 KB of a real clip: the container starts and ends before any frame.
            byte[] clip = await File.ReadAllBytesAsync(SampleClip);
            await File.WriteAllBytesAsync(Path.Combine(files.Root, "head.mp4"), clip.AsMemory(0, 4096).ToArray());
        }

        string config = files.Write("bad.yaml", $"""
            runtime:
              metrics_interval: 0
            sources:
              - id: bad
                {source.Replace("{unique}", unique, StringComparison.Ordinal)}
              - id: good
                uri: synthetic://pattern?width=64&height=64&frames=30
                replay: fast
            """);
        using StreamsProcess streams = StreamsProcess.Start("run", config);
        int exit = await streams.WaitForExitAsync(s_timeout);

        string log = streams.Stderr;
        Assert.True(exit == 1, $"{name}: exit {exit}\n{log}");
        Assert.Matches(new Regex("Stream bad failed: source: .*" + error.Replace("{unique}", unique, StringComparison.Ordinal)), log);
        AssertTheGoodStreamEndedAndNothingLeaked(log, unique);
    }

    public static TheoryData<string, string> DamagedCases => new()
    {
        // case, how its stream must end
        { "cut in half", @"truncated: the frames end at [\d.]+ s, the input declares 20 s" },
        { "200 KB overwritten in the middle", @"end of input; \d+ frames lost or damaged in decoding" },
    };

    [Theory]
    [MemberData(nameof(DamagedCases))]
    public async Task A_damaged_file_ends_alone_saying_what_was_wrong_with_it(string name, string reason)
    {
        using var files = new TestFiles();
        string unique = Path.GetFileName(files.Root);
        byte[] clip = await File.ReadAllBytesAsync(SampleClip);
        if (name == "cut in half")
        {
            clip = clip.AsMemory(0, clip.Length / 2).ToArray();
        }
        else
        {
            // A fixed seed: the same bytes every run.
            const int Damage = 200 * 1024;
            new Random(9).NextBytes(clip.AsSpan((clip.Length - Damage) / 2, Damage));
        }

        await File.WriteAllBytesAsync(Path.Combine(files.Root, "damaged.mp4"), clip);
        string config = files.Write("damaged.yaml", """
            runtime:
              metrics_interval: 0
            sources:
              - id: damaged
                uri: damaged.mp4
                replay: fast
              - id: good
                uri: synthetic://pattern?width=64&height=64&frames=30
                replay: fast
            """);
        using StreamsProcess streams = StreamsProcess.Start("run", config);
        int exit = await streams.WaitForExitAsync(s_timeout);

        string log = streams.Stderr;
        // A damaged file ends, it does not fail: what it held was delivered, and its reason says what was wrong.
        Assert.True(exit == 0, $"{name}: exit {exit}\n{log}");
        Assert.Matches(new Regex(@"Stream damaged \(\S*damaged\.mp4\) is Ended: " + reason), log);
        AssertTheGoodStreamEndedAndNothingLeaked(log, unique);
    }

    /// <summary>
    /// The good stream beside the bad one ran to its end, every frame went back to its pool, no stack trace was logged
    /// and no process names <paramref name="unique"/> (the test's own folder or URL).
    /// </summary>
    private static void AssertTheGoodStreamEndedAndNothingLeaked(string log, string unique)
    {
        Assert.Contains("Stream good (synthetic://pattern?width=64&height=64&frames=30) is Ended: end of input", log, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"Pipeline \S+ finished; frames: \d+ rented, 0 not returned"), log);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
        Assert.Empty(ProcessesNaming(unique));
    }

    /// <summary>Live processes whose command line mentions <paramref name="text"/> (the test's own folder or URL).</summary>
    internal static List<string> ProcessesNaming(string text)
    {
        var found = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                string cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal))
                {
                    found.Add($"{pid}: {cmdline}");
                }
            }
            catch (IOException)
            {
                // Gone while listed.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return found;
    }

    private static async Task RunFfmpegAsync(params string[] args)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])["-hide_banner", "-loglevel", "error", "-y", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using Process ffmpeg = Process.Start(info)!;
        string stderr = await ffmpeg.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        await ffmpeg.WaitForExitAsync(timeout.Token);
        Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg {string.Join(' ', args)}: {stderr}");
    }
}
