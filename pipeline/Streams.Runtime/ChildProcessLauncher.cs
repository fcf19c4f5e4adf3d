using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>
/// Starts child processes so that none outlives this one, however this one ends.
/// </summary>
/// <remarks>
/// <para>Each child is started as <c>setsid setpriv --pdeathsig KILL -- program args</c>: setsid gives it a session of
/// its own (no terminal signals), setpriv sets PR_SET_PDEATHSIG, and both exec, so the program keeps the pid this
/// process started; the kernel kills it when its parent dies, SIGKILL included. The "parent" of
/// PR_SET_PDEATHSIG is the <em>thread</em> that forked, and .NET forks on the thread calling
/// <see cref="Process.Start()"/>: a thread-pool thread that retires would kill the child with it. So every start
/// runs on one dedicated thread that lives as long as the process.</para>
/// <para>Children still running at a normal exit are killed too (a fallback for machines without setpriv), and
/// callers kill theirs on stop and dispose. Sources (ffmpeg decoding into a pipe) and encoders (ffmpeg reading frames
/// from one) share this one thread and this one list of children.</para>
/// </remarks>
public static class ChildProcessLauncher
{
    private static readonly BlockingCollection<Request> s_requests = [];
    private static readonly ConcurrentDictionary<int, Process> s_running = new();
    private static readonly Lazy<string?> s_setpriv = new(() => FindOnPath("setpriv"));
    private static readonly Lazy<string?> s_setsid = new(() => FindOnPath("setsid"));
    private static readonly Lock s_startLock = new();
    private static Thread? s_thread;
    private static int s_warnedNoSetpriv;

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>: standard error and the data pipe
    /// <paramref name="data"/> names are redirected, the other standard stream is not. Completes once the process runs.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static Task<Process> StartAsync(string fileName, IReadOnlyList<string> arguments, ChildDataPipe data, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(logger);
        var info = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = data is ChildDataPipe.StandardOutput or ChildDataPipe.StandardOutputWithInput,
            RedirectStandardError = true,
            RedirectStandardInput = data is ChildDataPipe.StandardInput or ChildDataPipe.StandardOutputWithInput,
            CreateNoWindow = true,
        };
        info.Environment["AV_LOG_FORCE_NOCOLOR"] = "1";
        var command = new List<string>(arguments.Count + 6);
        if (s_setsid.Value is { } setsid)
        {
            // A session of its own: a Ctrl+C at the terminal reaches this process (which stops its pipeline in
            // order) but not the child, which would otherwise die first and look like a failed input or a cut file.
            command.Add(setsid);
        }

        if (s_setpriv.Value is { } setpriv)
        {
            command.AddRange([setpriv, "--pdeathsig", "KILL", "--"]);
        }
        else if (Interlocked.Exchange(ref s_warnedNoSetpriv, 1) == 0)
        {
            logger.LogWarning(LogEvents.NoParentDeathSignal,
                "setpriv (util-linux) not found: child processes (ffmpeg) would outlive this process if it were killed");
        }

        command.Add(fileName);
        command.AddRange(arguments);
        info.FileName = command[0];
        for (int i = 1; i < command.Count; i++)
        {
            info.ArgumentList.Add(command[i]);
        }

        var request = new Request(info, new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously));
        EnsureThread();
        s_requests.Add(request);
        return request.Started.Task;
    }

    /// <summary>Forgets an exited process.</summary>
    public static void Forget(int pid, Process process) => s_running.TryRemove(new KeyValuePair<int, Process>(pid, process));

    /// <summary>The full path of <paramref name="program"/> when it is a bare name found on PATH, the name itself
    /// when it holds a '/', or null.</summary>
    public static string? FindOnPath(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        string? path = Environment.GetEnvironmentVariable("PATH");
        foreach (string directory in (path ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void EnsureThread()
    {
        if (Volatile.Read(ref s_thread) is not null)
        {
            return;
        }

        lock (s_startLock)
        {
            if (s_thread is not null)
            {
                return;
            }

            AppDomain.CurrentDomain.ProcessExit += static (_, _) => KillAll();
            var thread = new Thread(Run) { IsBackground = true, Name = "Streams process launcher" };
            thread.Start();
            Volatile.Write(ref s_thread, thread);
        }
    }

    private static void Run()
    {
        foreach (Request request in s_requests.GetConsumingEnumerable())
        {
            try
            {
                var process = new Process { StartInfo = request.Info };
                process.Start();
                s_running[process.Id] = process;
                request.Started.SetResult(process);
            }
#pragma warning disable CA1031 // The error belongs to the caller: it is handed over, and this thread must live on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                request.Started.SetException(ex);
            }
        }
    }

    private static void KillAll()
    {
        foreach (Process process in s_running.Values)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Exited already.
            }
        }
    }

    private sealed record Request(ProcessStartInfo Info, TaskCompletionSource<Process> Started);
}
