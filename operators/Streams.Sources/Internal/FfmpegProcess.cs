using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using Microsoft.Extensions.Logging;
using Streams.Runtime;

namespace Streams.Sources.Internal;

/// <summary>
/// One run of ffmpeg: raw frames on its standard output, and on its standard error the showinfo line of each frame
/// (read before the frame's bytes, so the reader knows the frame's size and time first) plus its warnings and
/// errors, which go to the log. Standard error is drained all the time on a thread of its own, or ffmpeg would block.
/// </summary>
/// <remarks>
/// Both pipes are read with blocking reads on dedicated threads: on Linux a plain read() of a pipe costs half the
/// CPU of PipeStream's asynchronous reads (which wake an event loop several times per 3 MB frame), and allocates
/// nothing. A kill ends both reads with end-of-file.
/// </remarks>
internal sealed class FfmpegProcess : IDisposable
{
    // How ffmpeg names an input read from its standard input in its messages.
    private const string HiddenInputPrefix = "pipe:0: ";

    // Longest stderr line kept; longer ones (hex dumps of side data) are cut, they carry nothing we use.
    private const int LineBufferSize = 16 * 1024;

    // How long a process that closed its output may take to exit before it is killed.
    private static readonly TimeSpan s_exitGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly LogRateLimiter _limiter;
    private readonly StreamContext _stream;
    private readonly string _streamId;
    private readonly TimeSpan _timeOffset;
    private readonly string? _hiddenInputName;
    private readonly FrameInfoQueue _frames = new();
    private readonly TaskCompletionSource _stderrDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _timeBaseNumerator;
    private long _timeBaseDenominator;
    private double _frameRate;
    private volatile string? _firstError;
    private volatile string? _lastError;
    private long _decodeErrors;
    private FfmpegLogLevel _previousLevel;
    private long _declaredDurationTicks = -1;
    private volatile bool _durationEstimated;
    private volatile bool _endedEarly;
    private int _killed;

    private FfmpegProcess(Process process, ILogger logger, LogRateLimiter limiter, StreamContext stream, TimeSpan timeOffset, string? hiddenInputName)
    {
        _hiddenInputName = hiddenInputName;
        _process = process;
        Id = process.Id;
        _logger = logger;
        _limiter = limiter;
        _stream = stream;
        _streamId = stream.Id;
        _timeOffset = timeOffset;
        Output = process.StandardOutput.BaseStream;
        var stderr = new Thread(static state => ((FfmpegProcess)state!).ReadStandardError())
        {
            IsBackground = true,
            Name = "ffmpeg stderr " + stream.Id,
        };
        stderr.Start(this);
    }

    /// <summary>The process id (kept: it stays readable after disposal).</summary>
    public int Id { get; }

    /// <summary>Raw frames, back to back; for blocking reads (never asynchronous ones: see the remarks).</summary>
    public Stream Output { get; }

    /// <summary>Showinfo's account of each frame, in output order; completes when standard error ends.</summary>
    public FrameInfoQueue Frames => _frames;

    /// <summary>
    /// What ffmpeg's error lines said (redacted), or null: the last one, which names the input, and the first one
    /// when it differs, which is often the cause ("Failed to resolve hostname ..." before "Input/output error").
    /// </summary>
    public string? ErrorSummary
    {
        get
        {
            string? first = _firstError;
            string? last = _lastError;
            if (first is not null && first.Contains("matches no streams", StringComparison.Ordinal))
            {
                // ffmpeg's last line here is its advice on the map option ("add a trailing '?'"), which only misleads.
                return $"the input has no video stream (ffmpeg: {first})";
            }

            return first is null || first == last ? last : $"{last} (first error: {first})";
        }
    }

    /// <summary>Frames this run's decoder lost or marred (see <see cref="FfmpegStderrParser.IsDecodeError"/>); each is
    /// also counted on the stream as it happens.</summary>
    public long DecodeErrors => Interlocked.Read(ref _decodeErrors);

    /// <summary>The duration the input declares (its container's), or null: unknown, live, or only estimated from
    /// the bitrate.</summary>
    public TimeSpan? DeclaredDuration =>
        Interlocked.Read(ref _declaredDurationTicks) is var ticks and >= 0 && !_durationEstimated ? TimeSpan.FromTicks(ticks) : null;

    /// <summary>True when the demuxer said the file ends before its index does (see <see cref="FfmpegStderrParser.IsTruncation"/>).</summary>
    public bool EndedEarly => _endedEarly;

    /// <summary>True once <see cref="Kill"/> was called.</summary>
    public bool WasKilled => Volatile.Read(ref _killed) == 1;

    /// <summary>Starts ffmpeg through <see cref="ChildProcessLauncher"/>.</summary>
    /// <param name="standardInput">Written to ffmpeg's standard input, which is then closed; null leaves it alone.</param>
    /// <param name="inputName">What ffmpeg's messages call <c>pipe:0</c> when the input comes on standard input (the
    /// redacted URL).</param>
    /// <param name="timeOffset">Added to every frame time (the <c>-ss</c> offset ffmpeg subtracts).</param>
    public static async Task<FfmpegProcess> StartAsync(string ffmpegPath, IReadOnlyList<string> arguments, string? standardInput,
        string inputName, TimeSpan timeOffset, StreamContext stream, ILogger logger, LogRateLimiter limiter)
    {
        ChildDataPipe pipes = standardInput is null ? ChildDataPipe.StandardOutput : ChildDataPipe.StandardOutputWithInput;
        Process process = await ChildProcessLauncher.StartAsync(ffmpegPath, arguments, pipes, logger).ConfigureAwait(false);
        PipeCapacity.TryEnlarge(((PipeStream)process.StandardOutput.BaseStream).SafePipeHandle);
        if (standardInput is not null)
        {
            WriteAndClose(process.StandardInput.BaseStream, standardInput);
        }

        return new FfmpegProcess(process, logger, limiter, stream, timeOffset, standardInput is null ? null : inputName);
    }

    // A few hundred bytes fit in the pipe's buffer: the write does not wait for ffmpeg to read them.
    private static void WriteAndClose(Stream input, string text)
    {
        try
        {
            input.Write(Encoding.UTF8.GetBytes(text));
        }
        catch (IOException)
        {
            // ffmpeg is gone already; its exit code and standard error say why.
        }
        finally
        {
            try
            {
                input.Dispose();
            }
            catch (IOException)
            {
                // As above.
            }
        }
    }

    /// <summary>Kills the process (SIGKILL). Harmless when repeated or after it exited.</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Exited already.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting right now.
        }
    }

    /// <summary>
    /// Waits for the process to exit (killing it when it takes longer than a grace period) and for its standard
    /// error to be read to the end. Returns the exit code.
    /// </summary>
    public async Task<int> WaitForExitAsync()
    {
        using (var grace = new CancellationTokenSource(s_exitGrace))
        {
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill();
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        await _stderrDone.Task.ConfigureAwait(false);
        ChildProcessLauncher.Forget(Id, _process);
        return _process.ExitCode;
    }

    /// <summary>Kills the process if it runs and frees it. Only once nothing reads <see cref="Output"/> any more.</summary>
    public void Dispose()
    {
        Kill();
        ChildProcessLauncher.Forget(Id, _process);
        _process.Dispose();
    }

    private void ReadStandardError()
    {
        Stream stderr = _process.StandardError.BaseStream;
        byte[] buffer = new byte[LineBufferSize];
        int start = 0;
        int end = 0;
        bool skippingRest = false;
        try
        {
            while (true)
            {
                if (end == buffer.Length)
                {
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    else
                    {
                        // One line fills the buffer: take what fits, drop the rest of it.
                        if (!skippingRest)
                        {
                            HandleLine(buffer.AsSpan(0, end));
                        }

                        skippingRest = true;
                        start = end = 0;
                    }
                }

                int read = stderr.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    break;
                }

                int scan = end;
                end += read;
                while (true)
                {
                    int newline = buffer.AsSpan(scan, end - scan).IndexOfAny((byte)'\n', (byte)'\r');
                    if (newline < 0)
                    {
                        break;
                    }

                    int lineEnd = scan + newline;
                    if (!skippingRest && lineEnd > start)
                    {
                        HandleLine(buffer.AsSpan(start, lineEnd - start));
                    }

                    skippingRest = false;
                    start = scan = lineEnd + 1;
                }

                if (start == end)
                {
                    start = end = 0;
                }
            }

            // A last line without its newline is cut off; from a process we killed it is noise.
            if (end > start && !skippingRest && !WasKilled)
            {
                HandleLine(buffer.AsSpan(start, end - start));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe broke with the process: nothing more to read.
        }
        finally
        {
            _frames.Complete();
            _stderrDone.TrySetResult();
        }
    }

    private void HandleLine(ReadOnlySpan<byte> line)
    {
        FfmpegLogLevel level = FfmpegStderrParser.Split(line, out ReadOnlySpan<byte> context, out ReadOnlySpan<byte> message);
        if (message.Trim((byte)' ').IsEmpty)
        {
            return;
        }

        level = FfmpegStderrParser.LevelOfLine(level, _previousLevel);
        _previousLevel = level;

        switch (level)
        {
            case FfmpegLogLevel.Info when FfmpegStderrParser.IsShowinfo(context):
                HandleShowinfo(message);
                break;
            case FfmpegLogLevel.Info when context.IsEmpty && Interlocked.Read(ref _declaredDurationTicks) < 0
                && FfmpegStderrParser.TryParseDuration(message, out TimeSpan duration):
                // The first one is the input's; an output has none.
                Interlocked.Exchange(ref _declaredDurationTicks, duration.Ticks);
                break;
            case FfmpegLogLevel.Untagged or FfmpegLogLevel.Panic or FfmpegLogLevel.Fatal or FfmpegLogLevel.Error or FfmpegLogLevel.Warning:
                Inspect(context, message);
                Report(level, context, message);
                break;
            default:
                if (_logger.IsEnabled(LogLevel.Trace))
                {
                    _logger.LogTrace(SourceLogEvents.FfmpegMessage, "Stream {StreamId}: ffmpeg: {Message}", _streamId,
                        UriRedactor.Redact(Format(context, message)));
                }

                break;
        }
    }

    private void HandleShowinfo(ReadOnlySpan<byte> message)
    {
        if (FfmpegStderrParser.TryParseFrame(message, out long? pts, out double? ptsTime, out int width, out int height))
        {
            TimeSpan? time = pts is { } p && _timeBaseDenominator > 0
                ? FfmpegStderrParser.ToTime(p, _timeBaseNumerator, _timeBaseDenominator)
                : ptsTime is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
            _frames.Add(new FrameInfo(time + _timeOffset, width, height, _frameRate));
        }
        else if (FfmpegStderrParser.TryParseTimeBase(message, out long numerator, out long denominator, out double frameRate))
        {
            _timeBaseNumerator = numerator;
            _timeBaseDenominator = denominator;
            _frameRate = frameRate;
        }
    }

    // Counted before the log's rate limit: every damaged frame counts, however few of the lines are logged.
    private void Inspect(ReadOnlySpan<byte> context, ReadOnlySpan<byte> message)
    {
        if (FfmpegStderrParser.IsDecodeError(context, message))
        {
            Interlocked.Increment(ref _decodeErrors);
            _stream.CountDecodeError();
        }
        else if (FfmpegStderrParser.IsTruncation(message))
        {
            _endedEarly = true;
        }
        else if (FfmpegStderrParser.IsEstimatedDuration(message))
        {
            _durationEstimated = true;
        }
    }

    private void Report(FfmpegLogLevel level, ReadOnlySpan<byte> context, ReadOnlySpan<byte> message)
    {
        string text = UriRedactor.Redact(Format(context, message));
        if (_hiddenInputName is not null && text.StartsWith(HiddenInputPrefix, StringComparison.Ordinal))
        {
            // "pipe:0: Server returned 401 Unauthorized": the input is the URL read from there.
            text = string.Concat(_hiddenInputName, text.AsSpan(HiddenInputPrefix.Length - 2));
        }

        if (level != FfmpegLogLevel.Warning)
        {
            _firstError ??= text;
            _lastError = text;
        }

        if (!_limiter.ShouldLog(text, Stopwatch.GetTimestamp()))
        {
            return;
        }

        int suppressed = _limiter.TakeSuppressed();
        LogLevel logLevel = level == FfmpegLogLevel.Warning ? LogLevel.Warning : LogLevel.Error;
        if (suppressed > 0)
        {
            _logger.Log(logLevel, SourceLogEvents.FfmpegMessage, "Stream {StreamId}: ffmpeg: {Message} ({Suppressed} repeated lines left out before)",
                _streamId, text, suppressed);
        }
        else
        {
            _logger.Log(logLevel, SourceLogEvents.FfmpegMessage, "Stream {StreamId}: ffmpeg: {Message}", _streamId, text);
        }
    }

    // "[h264 @ 0x55d1] msg" -> "h264: msg"; the address only makes repeats look different.
    private static string Format(ReadOnlySpan<byte> context, ReadOnlySpan<byte> message)
    {
        message = message.TrimEnd((byte)' ');
        if (context.IsEmpty)
        {
            return Encoding.UTF8.GetString(message);
        }

        int at = context.IndexOf(" @ "u8);
        ReadOnlySpan<byte> name = at < 0 ? context : context[..at];
        return string.Concat(Encoding.UTF8.GetString(name), ": ", Encoding.UTF8.GetString(message));
    }
}
