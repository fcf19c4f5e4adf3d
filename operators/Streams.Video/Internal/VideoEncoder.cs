using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Streams.Runtime;

namespace Streams.Video.Internal;

/// <summary>
/// One stream's file: a bounded queue of annotated pictures and a writer task that feeds them to an ffmpeg child
/// (raw frames on its standard input, libx264 into an mp4). The file is written under a <c>.part</c> name and renamed
/// once ffmpeg exits cleanly, so a finished name is always a playable file.
/// </summary>
internal sealed class VideoEncoder
{
    private const int StderrLines = 20;
    private static readonly TimeSpan s_killWait = TimeSpan.FromSeconds(10);

    private readonly Channel<byte[]> _queue;
    private readonly ConcurrentQueue<byte[]> _free = new();
    private readonly Queue<string> _stderr = new();
    private readonly Lock _stderrLock = new();
    private readonly AnnotatedVideoOptions _options;
    private readonly EncoderCounters _counters;
    private readonly ILogger _logger;
    private readonly string _partialPath;
    private Process? _process;
    private int _killed;
    private long _encoded;

    public VideoEncoder(string streamId, string path, int width, int height, PixelFormat format, AnnotatedVideoOptions options,
        EncoderCounters counters, ILogger logger)
    {
        StreamId = streamId;
        Path = path;
        Width = width;
        Height = height;
        Format = format;
        FrameLength = PixelFormats.FrameSize(format, width, height);
        _options = options;
        _counters = counters;
        _logger = logger;
        _partialPath = path + ".part";
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        Completion = Task.Run(RunAsync);
    }

    public string StreamId { get; }

    public string Path { get; }

    public int Width { get; }

    public int Height { get; }

    public PixelFormat Format { get; }

    /// <summary>Bytes of one picture.</summary>
    public int FrameLength { get; }

    /// <summary>Completes (never faults) once ffmpeg exited and the file was renamed or given up.</summary>
    public Task Completion { get; }

    /// <summary>True once the encoder takes no more pictures (it failed, or <see cref="Complete"/> was called).</summary>
    public bool IsClosed => _queue.Reader.Completion.IsCompleted || Volatile.Read(ref _killed) == 1;

    /// <summary>The arguments ffmpeg gets for a picture of this size and format written to <paramref name="path"/>.</summary>
    public static List<string> BuildArguments(int width, int height, PixelFormat format, AnnotatedVideoOptions options, string path)
    {
        var arguments = new List<string>
        {
            "-hide_banner", "-nostats", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", PixelFormats.FfmpegName(format),
            "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
            "-framerate", options.FrameRate.ToString("0.###", CultureInfo.InvariantCulture),
            "-i", "pipe:0",
            "-an",
        };
        if (width > options.MaxWidth)
        {
            arguments.AddRange(["-vf", string.Create(CultureInfo.InvariantCulture, $"scale={options.MaxWidth & ~1}:-2")]);
        }

        arguments.AddRange([
            "-c:v", "libx264", "-preset", options.Preset, "-crf", options.Crf.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", "-y", path,
        ]);
        return arguments;
    }

    /// <summary>A buffer for one picture (reused once the writer is done with it).</summary>
    public byte[] Rent() => _free.TryDequeue(out byte[]? buffer) ? buffer : new byte[FrameLength];

    /// <summary>Gives back a buffer that was not queued.</summary>
    public void Return(byte[] buffer) => _free.Enqueue(buffer);

    /// <summary>Queues <paramref name="buffer"/> if there is room now.</summary>
    public bool TryWrite(byte[] buffer) => _queue.Writer.TryWrite(buffer);

    /// <summary>
    /// Queues <paramref name="buffer"/>, waiting for room. False when the encoder closed (the buffer is taken back);
    /// an encoder that takes no picture for <see cref="AnnotatedVideoOptions.StallTimeout"/> is killed, so a hung
    /// ffmpeg cannot hold the pipeline. Allocates a little per call; it is only called when the queue is full.
    /// </summary>
    public async ValueTask<bool> WriteAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(_options.StallTimeout);
        try
        {
            while (await _queue.Writer.WaitToWriteAsync(stall.Token).ConfigureAwait(false))
            {
                if (_queue.Writer.TryWrite(buffer))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(VideoLogEvents.EncoderFailed, "Stream {StreamId}: ffmpeg took no frame for {Timeout}; killing it, the rest of {Path} is not recorded",
                StreamId, _options.StallTimeout, Path);
            Kill();
        }
        catch
        {
            Return(buffer);
            throw;
        }

        Return(buffer);
        return false;
    }

    /// <summary>No more pictures: ffmpeg gets end-of-file once the queue is written, and finishes the file.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Kills ffmpeg (the file is lost). Harmless when repeated or after it exited.</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        _queue.Writer.TryComplete();
        if (Volatile.Read(ref _process) is { } process)
        {
            KillProcess(process);
        }
    }

    private async Task RunAsync()
    {
        Process? process = null;
        bool written = false;
        try
        {
            string ffmpeg = ChildProcessLauncher.FindOnPath(_options.FfmpegPath)
                ?? throw new Win32Exception($"'{_options.FfmpegPath}' was not found");
            List<string> arguments = BuildArguments(Width, Height, Format, _options, _partialPath);
            process = await ChildProcessLauncher.StartAsync(ffmpeg, arguments, ChildDataPipe.StandardInput, _logger).ConfigureAwait(false);
            Volatile.Write(ref _process, process);
            if (Volatile.Read(ref _killed) == 1)
            {
                KillProcess(process);
            }

            process.ErrorDataReceived += OnStandardError;
            process.BeginErrorReadLine();
            _logger.LogInformation(VideoLogEvents.EncoderStarted, "Stream {StreamId}: encoding {Width}x{Height} {Format} to {Path} (ffmpeg pid {Pid})",
                StreamId, Width, Height, Format, Path, process.Id);

            Stream input = process.StandardInput.BaseStream;
            ChannelReader<byte[]> reader = _queue.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out byte[]? buffer))
                {
                    try
                    {
                        await input.WriteAsync(buffer.AsMemory(0, FrameLength)).ConfigureAwait(false);
                    }
                    finally
                    {
                        _free.Enqueue(buffer);
                    }

                    _encoded++;
                    _counters.CountEncoded();
                }
            }

            process.StandardInput.Close();
            int exitCode = await WaitForExitAsync(process).ConfigureAwait(false);
            if (exitCode == 0 && Volatile.Read(ref _killed) == 0)
            {
                File.Move(_partialPath, Path, overwrite: true);
                written = true;
                _counters.CountFile();
                _logger.LogInformation(VideoLogEvents.FileWritten, "Stream {StreamId}: wrote {Frames} frames to {Path}", StreamId, _encoded, Path);
            }
            else
            {
                ReportFailure(Volatile.Read(ref _killed) == 1 ? "ffmpeg was killed" : $"ffmpeg exited with code {exitCode}", null);
            }
        }
        catch (Exception ex) when (ex is IOException or Win32Exception or InvalidOperationException or UnauthorizedAccessException or TimeoutException)
        {
            ReportFailure(Volatile.Read(ref _killed) == 1 ? "ffmpeg was killed" : "encoding failed", ex);
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out byte[]? left))
            {
                _free.Enqueue(left);
                _counters.CountNotRecorded();
            }

            if (process is not null)
            {
                KillProcess(process);
                ChildProcessLauncher.Forget(process.Id, process);
                process.Dispose();
            }

            if (!written)
            {
                TryDelete(_partialPath);
            }
        }
    }

    private async Task<int> WaitForExitAsync(Process process)
    {
        using (var grace = new CancellationTokenSource(_options.CloseTimeout))
        {
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                return process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                _logger.LogWarning(VideoLogEvents.EncoderFailed, "Stream {StreamId}: ffmpeg did not finish {Path} within {Timeout}; killing it",
                    StreamId, Path, _options.CloseTimeout);
                Interlocked.Exchange(ref _killed, 1);
                KillProcess(process);
            }
        }

        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_killWait).ConfigureAwait(false);
        return process.ExitCode;
    }

    private void ReportFailure(string what, Exception? error)
    {
        _counters.CountFailure();
        string tail;
        lock (_stderrLock)
        {
            tail = _stderr.Count == 0 ? "(nothing on stderr)" : string.Join(" | ", _stderr);
        }

        _logger.LogError(VideoLogEvents.EncoderFailed, error, "Stream {StreamId}: {What}; {Path} not written after {Frames} frames. ffmpeg said: {Stderr}",
            StreamId, what, Path, _encoded, tail);
    }

    private void OnStandardError(object sender, DataReceivedEventArgs e)
    {
        if (string.IsNullOrWhiteSpace(e.Data))
        {
            return;
        }

        lock (_stderrLock)
        {
            if (_stderr.Count == StderrLines)
            {
                _stderr.Dequeue();
            }

            _stderr.Enqueue(e.Data);
        }
    }

    private static void KillProcess(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Exited already, or disposed.
        }
        catch (Win32Exception)
        {
            // Exiting right now.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next run to overwrite.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}

/// <summary>Counters shared by a stage and its encoders.</summary>
internal sealed class EncoderCounters
{
    private long _queued;
    private long _encoded;
    private long _notRecorded;
    private long _files;
    private long _failures;

    public void CountQueued() => Interlocked.Increment(ref _queued);

    public void CountEncoded() => Interlocked.Increment(ref _encoded);

    public void CountNotRecorded() => Interlocked.Increment(ref _notRecorded);

    public void CountFile() => Interlocked.Increment(ref _files);

    public void CountFailure() => Interlocked.Increment(ref _failures);

    public AnnotatedVideoStatistics Snapshot() => new(
        Interlocked.Read(ref _queued), Interlocked.Read(ref _encoded), Interlocked.Read(ref _notRecorded),
        Interlocked.Read(ref _files), Interlocked.Read(ref _failures));
}
