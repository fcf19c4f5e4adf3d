using System.Diagnostics;
using System.Text;

namespace Streams.Cli.Tests;

/// <summary>The real <c>streams</c> program in a child process, with its output captured.</summary>
internal sealed class StreamsProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _startedMarker;
    private readonly List<(string Text, TaskCompletionSource Seen)> _watchers = [];

    private StreamsProcess(string startedMarker, params string[] args)
    {
        _startedMarker = startedMarker;
        // Through `env --default-signal=INT`, which execs dotnet (same pid): a test runner started in the background
        // has SIGINT ignored, children inherit that, and .NET rightly keeps ignoring it (nohup semantics); the
        // signal tests need the disposition an interactive user's process has.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streams.dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        // Watchers match lines of either stream: each waiter looks for text only one of them carries.
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes when stderr shows the marker line.</summary>
    public Task Started => _started.Task;

    public static StreamsProcess Start(params string[] args) => new("Pipeline", args);

    public static StreamsProcess StartWaitingFor(string marker, params string[] args) => new(marker, args);

    /// <summary>Waits until stderr has shown <paramref name="text"/>.</summary>
    public Task WaitForLineAsync(string text, TimeSpan timeout) => WaitForTextAsync(() => Stderr, text, timeout);

    /// <summary>Waits until stdout has shown <paramref name="text"/>.</summary>
    public Task WaitForStdoutAsync(string text, TimeSpan timeout) => WaitForTextAsync(() => Stdout, text, timeout);

    /// <summary>Waits until stderr has shown <paramref name="text"/> at least <paramref name="count"/> times.</summary>
    public async Task WaitForLineCountAsync(string text, int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (_watchers)
            {
                if (Occurrences(Stderr, text) >= count)
                {
                    return;
                }

                // The next line with the text: registered under the lock Append scans with, so none is missed.
                var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _watchers.Add((text, seen));
                next = seen.Task;
            }

            await next.WaitAsync(deadline.Token);
        }
    }

    private static int Occurrences(string haystack, string text)
    {
        int n = 0;
        for (int i = haystack.IndexOf(text, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(text, i + text.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"streams did not exit within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    // Checked and registered under one lock with Append's scan, so a line that lands in between is never missed.
    private async Task WaitForTextAsync(Func<string> output, string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_watchers)
        {
            if (output().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _watchers.Add((text, seen));
        }

        await seen.Task.WaitAsync(timeout);
    }

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }

        if (line.Contains(_startedMarker, StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }

        lock (_watchers)
        {
            foreach ((string text, TaskCompletionSource seen) in _watchers)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    seen.TrySetResult();
                }
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
