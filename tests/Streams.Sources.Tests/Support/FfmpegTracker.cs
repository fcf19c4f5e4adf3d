namespace Streams.Sources.Tests.Support;

/// <summary>Collects the ids of the ffmpeg processes a test's sources started, to prove none is left behind.</summary>
internal sealed class FfmpegTracker
{
    private readonly Lock _lock = new();
    private readonly List<(int Pid, long Timestamp)> _started = [];

    public void Track(int pid)
    {
        lock (_lock)
        {
            _started.Add((pid, System.Diagnostics.Stopwatch.GetTimestamp()));
        }
    }

    public IReadOnlyList<(int Pid, long Timestamp)> Started
    {
        get
        {
            lock (_lock)
            {
                return [.. _started];
            }
        }
    }

    /// <summary>Asserts that every tracked process is gone. Sources reap their ffmpeg before they return, so no wait is needed.</summary>
    public void AssertNoneRunning()
    {
        foreach ((int pid, _) in Started)
        {
            Assert.False(Posix.IsAlive(pid) && Posix.CommandLine(pid)?.Contains("ffmpeg", StringComparison.Ordinal) == true,
                $"ffmpeg {pid} is still running: {Posix.CommandLine(pid)}");
        }
    }
}
