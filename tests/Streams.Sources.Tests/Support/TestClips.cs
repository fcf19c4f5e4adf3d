using System.Diagnostics;

namespace Streams.Sources.Tests.Support;

/// <summary>
/// Small clips made once per test run with ffmpeg's test source (320x240, 30 fps, a keyframe every 0.5 s) in a
/// temporary folder whose name is unique to the run, plus the broken inputs; removed at exit.
/// </summary>
internal sealed class TestClips
{
    private static readonly Lazy<Task<TestClips>> s_instance = new(CreateAsync);

    private TestClips(string directory) => Directory = directory;

    /// <summary>The folder; its name also marks this run's ffmpeg command lines.</summary>
    public string Directory { get; }

    /// <summary>2 s, 60 frames, 320x240, 30 fps, H.264 in MP4.</summary>
    public string Clip => Path.Combine(Directory, "clip.mp4");

    /// <summary>1 s at 320x240 then 1 s at 160x120, in one MPEG-TS file.</summary>
    public string Resizing => Path.Combine(Directory, "resizing.ts");

    /// <summary>The first 100 000 bytes of <see cref="Clip"/> (its index, at the end, is missing).</summary>
    public string Truncated => Path.Combine(Directory, "truncated.mp4");

    /// <summary>Zero bytes.</summary>
    public string Empty => Path.Combine(Directory, "empty.mp4");

    /// <summary>A text file named like a video.</summary>
    public string Text => Path.Combine(Directory, "notes.mp4");

    public static Task<TestClips> GetAsync() => s_instance.Value;

    private static async Task<TestClips> CreateAsync()
    {
        string directory = Path.Combine(Path.GetTempPath(), "streams-sources-tests-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind does no harm.
            }
        };
        var clips = new TestClips(directory);
        await EncodeAsync(clips.Clip, "320x240", 2, "mp4");
        string first = Path.Combine(directory, "a.ts");
        string second = Path.Combine(directory, "b.ts");
        await EncodeAsync(first, "320x240", 1, "mpegts");
        await EncodeAsync(second, "160x120", 1, "mpegts", "-output_ts_offset", "1");
        await using (FileStream joined = File.Create(clips.Resizing))
        {
            foreach (string part in new[] { first, second })
            {
                await using FileStream input = File.OpenRead(part);
                await input.CopyToAsync(joined);
            }
        }

        byte[] clip = await File.ReadAllBytesAsync(clips.Clip);
        await File.WriteAllBytesAsync(clips.Truncated, clip.AsMemory(0, 100_000).ToArray());
        await File.WriteAllBytesAsync(clips.Empty, []);
        await File.WriteAllTextAsync(clips.Text, "These are meeting notes, not a video.\n");
        return clips;
    }

    private static async Task EncodeAsync(string path, string size, int seconds, string format, params string[] extra)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[]
        {
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate=30:duration={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "15", "-pix_fmt", "yuv420p",
        })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (string arg in extra)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("-f");
        info.ArgumentList.Add(format);
        info.ArgumentList.Add(path);
        using Process process = Process.Start(info)!;
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TestTimeouts.Wait);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"making {path} failed: {errors}");
        }
    }
}
