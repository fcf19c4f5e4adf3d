using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Streams.SampleStreams.Internal;

/// <summary>
/// An ffmpeg child process encoding raw rgb24 frames from its stdin to H.264. Its stderr is drained on its own task
/// (a full pipe would block ffmpeg) and the last lines are kept for the error message when it fails.
/// </summary>
internal sealed class FfmpegEncoder : IAsyncDisposable
{
    private const int KeptStderrLines = 15;

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Task _stderrPump;
    private readonly Queue<string> _stderrTail = new();
    private readonly Lock _tailLock = new();
    private bool _completed;

    private FfmpegEncoder(Process process)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    public static FfmpegEncoder Start(int width, int height, int fps, string output, ClipEncoderOptions options)
    {
        ProcessStartInfo info = new(options.FfmpegPath)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        string size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        string rate = fps.ToString(CultureInfo.InvariantCulture);
        string[] args =
        [
            "-hide_banner", "-loglevel", "warning", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", size, "-framerate", rate, "-i", "pipe:0",
            "-an", "-c:v", "libx264", "-preset", options.Preset, "-crf", options.Crf.ToString(CultureInfo.InvariantCulture),
            "-threads", options.Threads.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-g", (2 * fps).ToString(CultureInfo.InvariantCulture),
            // No ffmpeg version strings in the container: same build, same bytes.
            "-fflags", "+bitexact", "-map_metadata", "-1",
        ];
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (output.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) || output.EndsWith(".mov", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add("-movflags");
            info.ArgumentList.Add("+faststart");
        }

        info.ArgumentList.Add(output);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start '{options.FfmpegPath}'");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"could not start '{options.FfmpegPath}': {ex.Message} (is ffmpeg installed?)", ex);
        }

        return new FfmpegEncoder(process);
    }

    /// <summary>Writes one frame; the buffer may be reused once the returned task completes.</summary>
    public async Task WriteFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        try
        {
            await _stdin.WriteAsync(frame, cancellationToken);
        }
        catch (IOException ex)
        {
            // ffmpeg closed its end: it has died; report how.
            await WaitForExitAsync(TimeSpan.FromSeconds(5));
            throw Failure("ffmpeg stopped reading frames", ex);
        }
    }

    /// <summary>Closes stdin so that ffmpeg finalises the file, then waits for it; throws when it fails.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _completed = true;
        try
        {
            await _stdin.FlushAsync(cancellationToken);
            _stdin.Close();
        }
        catch (IOException ex)
        {
            await WaitForExitAsync(TimeSpan.FromSeconds(5));
            throw Failure("ffmpeg stopped reading frames", ex);
        }

        await _process.WaitForExitAsync(cancellationToken);
        await _stderrPump;
        if (_process.ExitCode != 0)
        {
            throw Failure("ffmpeg failed", null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && !_completed)
        {
            // Abandoned mid-clip (cancelled or failed): do not leave an encoder running.
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private async Task WaitForExitAsync(TimeSpan timeout)
    {
        using CancellationTokenSource cts = new(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Still running after the grace period; the caller reports what it has.
            return;
        }

        try
        {
            // Let the pump read ffmpeg's last words before they are reported.
            await _stderrPump.WaitAsync(timeout);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException)
        {
            // Reported with whatever arrived.
        }
    }

    private InvalidOperationException Failure(string what, Exception? inner)
    {
        string code = _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "(still running)";
        string tail;
        lock (_tailLock)
        {
            tail = string.Join(Environment.NewLine, _stderrTail);
        }

        return new InvalidOperationException(
            $"{what}: exit code {code}; last stderr lines:{Environment.NewLine}{(tail.Length == 0 ? "(none)" : tail)}", inner);
    }

    private async Task PumpStderrAsync()
    {
        StreamReader reader = _process.StandardError;
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_tailLock)
            {
                _stderrTail.Enqueue(line);
                if (_stderrTail.Count > KeptStderrLines)
                {
                    _stderrTail.Dequeue();
                }
            }
        }
    }
}
