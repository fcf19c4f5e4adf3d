using System.Diagnostics;

namespace Streams.Sources.Tests.Support;

/// <summary>
/// scripts/rtsp-test-server.py run as a real process on loopback: started, paused, resumed and killed by PID.
/// </summary>
internal sealed class RtspTestServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _stderr;

    private RtspTestServer(Process process, int port)
    {
        _process = process;
        Port = port;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary><c>rtsp://127.0.0.1:PORT</c> + <paramref name="path"/>.</summary>
    public string Url(string path) => $"rtsp://127.0.0.1:{Port}{path}";

    /// <summary>Starts the server with a looped mount <c>/loop</c> of <paramref name="clip"/>, on <paramref name="port"/>
    /// (0: a free one), and waits for its READY line. With <paramref name="auth"/> (<c>user:password</c>) the mount
    /// asks for those credentials.</summary>
    public static async Task<RtspTestServer> StartAsync(string clip, int port = 0, string? auth = null)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "rtsp-test-server.py"));
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--mount");
        info.ArgumentList.Add("/loop=" + clip);
        if (auth is not null)
        {
            info.ArgumentList.Add("--auth");
            info.ArgumentList.Add(auth);
        }

        var process = Process.Start(info)!;
        try
        {
            while (true)
            {
                string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TestTimeouts.Wait);
                if (line is null)
                {
                    string errors = await process.StandardError.ReadToEndAsync().WaitAsync(TestTimeouts.Wait);
                    throw new InvalidOperationException($"the RTSP test server exited before READY: {errors}");
                }

                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    var url = new Uri(line["READY ".Length..]);
                    return new RtspTestServer(process, url.Port);
                }
            }
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGSTOP: the server hangs with its connections open.</summary>
    public void Pause() => Posix.Signal(Pid, Posix.SigStop);

    /// <summary>SIGCONT.</summary>
    public void Resume() => Posix.Signal(Pid, Posix.SigCont);

    /// <summary>SIGKILL, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Wait);
        await _stderr.WaitAsync(TestTimeouts.Wait);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The folder holding Streams.sln, found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Streams.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Streams.sln not found above " + AppContext.BaseDirectory);
    }
}
