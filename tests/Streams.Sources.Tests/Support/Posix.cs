using System.Runtime.InteropServices;

namespace Streams.Sources.Tests.Support;

/// <summary>Signals and /proc, for the tests that stop, resume and kill processes.</summary>
internal static class Posix
{
    public const int SigKill = 9;
    public const int SigCont = 18;
    public const int SigStop = 19;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>.</summary>
    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>True while <paramref name="pid"/> exists and is not a zombie (a zombie is dead, just not reaped).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) S ...": the state letter follows the last ')'.
            int close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>The command line of <paramref name="pid"/>, arguments joined by spaces, or null.</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }

    /// <summary>The environment of <paramref name="pid"/>, variables joined by newlines, or null.</summary>
    public static string? Environment(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Replace('\0', '\n');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Ids of the living processes whose command line contains <paramref name="marker"/>.</summary>
    public static List<int> FindProcesses(string marker)
    {
        var found = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out int pid) && CommandLine(pid) is { } cmd
                && cmd.Contains(marker, StringComparison.Ordinal) && IsAlive(pid))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>Waits until <paramref name="pid"/> has exited (zombies count as exited), through a pidfd.</summary>
    /// <returns>False when it still runs after <paramref name="timeout"/>.</returns>
    public static bool WaitForExit(int pid, TimeSpan timeout)
    {
        const long SysPidfdOpen = 434; // x86-64 and arm64 alike
        int fd = (int)Syscall(SysPidfdOpen, pid, 0);
        if (fd < 0)
        {
            return true; // ESRCH: gone and reaped already
        }

        try
        {
            var poll = new PollFd { Fd = fd, Events = 1 }; // POLLIN: readable once the process exits
            return Poll(ref poll, 1, (int)timeout.TotalMilliseconds) == 1;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long Syscall(long number, long arg1, long arg2);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollFd fds, ulong count, int timeoutMilliseconds);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
