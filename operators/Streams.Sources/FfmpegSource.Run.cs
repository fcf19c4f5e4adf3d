using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Streams.Runtime;
using Streams.Sources.Internal;

namespace Streams.Sources;

// One ffmpeg run: start it, read frames until its output ends, then say how it ended.
public sealed partial class FfmpegSource
{
    private enum RunOutcome
    {
        /// <summary>ffmpeg reached the end of its input and exited cleanly.</summary>
        Ended,

        /// <summary>ffmpeg failed, was killed by the watchdog, or its output broke off.</summary>
        Failed,

        /// <summary>The source was told to stop.</summary>
        Stopped,

        /// <summary>The pipeline no longer takes frames.</summary>
        OutputClosed,
    }

    private async Task<RunResult> RunOnceAsync(StreamContext stream, SourceOutput output, RunState run)
    {
        CancellationToken stop = run.Stop;
        _firstFrameSeen = false;
        BeginWaiting();
        FfmpegProcess process;
        try
        {
            process = await FfmpegProcess.StartAsync(run.Ffmpeg, _arguments, _standardInput, DisplayUri, _live ? TimeSpan.Zero : _options.Start ?? TimeSpan.Zero,
                stream, _logger, run.Limiter).ConfigureAwait(false);
        }
        catch (Win32Exception ex)
        {
            EndWaiting();
            throw new FfmpegSourceException($"{DisplayUri}: cannot start ffmpeg: {ex.Message}", ex);
        }

        Volatile.Write(ref _current, process);
        Interlocked.Increment(ref _launches);
        ProcessStarted?.Invoke(process.Id);
        _logger.LogDebug(SourceLogEvents.FfmpegStarted, "Stream {StreamId} ({Uri}): ffmpeg started, pid {Pid}", stream.Id, DisplayUri, process.Id);
        ReadOutcome read = default;
        int exitCode;
        try
        {
            using CancellationTokenRegistration onStop = stop.UnsafeRegister(static state => ((FfmpegProcess)state!).Kill(), process);
            if (_disposed)
            {
                process.Kill();
            }

            read = await ReadOnThreadAsync(process, output, run, stream.Id).ConfigureAwait(false);
        }
        catch
        {
            // The reader failed (the pipeline refused a frame size, say): nobody drains ffmpeg any more.
            process.Kill();
            throw;
        }
        finally
        {
            EndWaiting();
            if (stop.IsCancellationRequested || read.OutputClosed)
            {
                process.Kill();
            }

            exitCode = await process.WaitForExitAsync().ConfigureAwait(false);
            Volatile.Write(ref _current, null);
            process.Dispose();
        }

        long firstFrameAt = read.FirstFrameAt;
        bool watchdog = ReferenceEquals(Interlocked.Exchange(ref _watchdogVictim, null), process);
        TimeSpan streamedFor = firstFrameAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(firstFrameAt);
        _logger.LogDebug(SourceLogEvents.FfmpegExited, "Stream {StreamId} ({Uri}): ffmpeg {Pid} exited with code {ExitCode}",
            stream.Id, DisplayUri, process.Id, exitCode);
        if (run.Limiter.TakeSuppressed() is var suppressed and > 0)
        {
            _logger.LogWarning(SourceLogEvents.MessagesSuppressed, "Stream {StreamId} ({Uri}): {Suppressed} repeated ffmpeg lines were left out of the log",
                stream.Id, DisplayUri, suppressed);
        }

        if (stop.IsCancellationRequested || _disposed)
        {
            return new RunResult(RunOutcome.Stopped, "stopped", streamedFor);
        }

        if (read.OutputClosed)
        {
            return new RunResult(RunOutcome.OutputClosed, "the pipeline took no more frames", streamedFor);
        }

        if (watchdog)
        {
            string what = firstFrameAt == 0 ? "no first frame within" : "no frame for";
            return new RunResult(RunOutcome.Failed, $"{what} {Seconds(firstFrameAt == 0 ? FirstFrameLimit : _options.WatchdogTimeout)} s (watchdog)", streamedFor);
        }

        if (read.Truncated)
        {
            _logger.LogWarning(SourceLogEvents.TruncatedFrame, "Stream {StreamId} ({Uri}): ffmpeg's output ended inside a frame", stream.Id, DisplayUri);
        }

        if (exitCode == 0)
        {
            return new RunResult(RunOutcome.Ended, _live ? "the input ended" : EndOfInput(stream, process, read.LastFrameTime), streamedFor);
        }

        // 128 + n: killed by signal n, by someone else (the OOM killer, an operator).
        string detail = process.ErrorSummary ?? (exitCode > 128 ? $"killed by signal {exitCode - 128}" : "no error message");
        return new RunResult(RunOutcome.Failed, $"ffmpeg exited with code {exitCode}: {detail}", streamedFor);
    }

    // A file that ffmpeg read to its end without an error exit may still be damaged: cut short (its demuxer says so,
    // or its frames stop well before the duration it declares) or with frames its decoder lost or marred. Both are
    // told apart from a clean end, in the stream's end reason and in the log.
    private string EndOfInput(StreamContext stream, FfmpegProcess process, TimeSpan? lastFrameTime)
    {
        long errors = process.DecodeErrors;
        string errorsText = errors switch
        {
            0 => "",
            1 => "1 frame lost or damaged in decoding",
            _ => string.Create(CultureInfo.InvariantCulture, $"{errors} frames lost or damaged in decoding"),
        };
        TimeSpan? expectedEnd = ExpectedEnd(process.DeclaredDuration);
        // The last frame starts a frame before the end, and a sampled stream's up to a sampling interval before it.
        TimeSpan slack = TimeSpan.FromSeconds(1) + (_options.DetectFps is { } fps ? TimeSpan.FromSeconds(1 / fps) : TimeSpan.Zero);
        bool cutShort = expectedEnd is { } end && (lastFrameTime ?? TimeSpan.Zero) + slack < end;
        string? reason = null;
        if (cutShort)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"truncated: the frames end at {Seconds(lastFrameTime ?? TimeSpan.Zero)} s, the input declares {Seconds(expectedEnd!.Value)} s");
        }
        else if (process.EndedEarly)
        {
            reason = "truncated: the file ends before its index does";
        }

        if (reason is not null)
        {
            reason = errors == 0 ? reason : $"{reason}; {errorsText}";
        }
        else if (errors > 0)
        {
            reason = "end of input; " + errorsText;
        }

        if (reason is null)
        {
            return "end of input";
        }

        _logger.LogWarning(SourceLogEvents.InputDamaged, "Stream {StreamId} ({Uri}): {Reason}", stream.Id, DisplayUri, reason);
        return reason;
    }

    // Where a replay should end in stream time: the declared duration, or the end of the -ss/-t window within it.
    // Unknown for a looped file, which never ends on its own.
    private TimeSpan? ExpectedEnd(TimeSpan? declared)
    {
        if (declared is not { } end || _options.Loop)
        {
            return null;
        }

        TimeSpan start = _options.Start ?? TimeSpan.Zero;
        return _options.Duration is { } duration && start + duration < end ? start + duration : end;
    }

    // Runs the frame loop on a thread of its own: blocking reads of the pipe are the cheapest (see FfmpegProcess).
    private Task<ReadOutcome> ReadOnThreadAsync(FfmpegProcess process, SourceOutput output, RunState run, string streamId)
    {
        var done = new TaskCompletionSource<ReadOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(ReadFrames(process, output, run, streamId));
            }
#pragma warning disable CA1031 // Handed to the awaiting task, which rethrows it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "ffmpeg frames " + streamId,
        };
        thread.Start();
        return done.Task;
    }

    // The hot path: per frame, one showinfo record, blocking reads straight into a pooled frame, and a hand-over
    // to the pipeline. Nothing is allocated. Sampling (detect_fps) happens inside ffmpeg: only kept frames come.
    private ReadOutcome ReadFrames(FfmpegProcess process, SourceOutput output, RunState run, string streamId)
    {
        CancellationToken stop = run.Stop;
        FrameInfoQueue infos = process.Frames;
        Stream pixels = process.Output;
        PixelFormat format = _options.PixelFormat;
        long startedAt = Stopwatch.GetTimestamp();
        long firstFrameAt = 0;
        TimeSpan? lastFrameTime = null;
        int width = 0;
        int height = 0;
        int frameSize = 0;
        while (true)
        {
            BeginWaiting();
            if (!infos.TryTake(out FrameInfo info))
            {
                // ffmpeg's stderr ended: it is exiting (or was killed on stop).
                return new ReadOutcome(firstFrameAt, lastFrameTime, OutputClosed: false, Truncated: false);
            }

            if (info.Width != width || info.Height != height)
            {
                if (width != 0)
                {
                    _logger.LogInformation(SourceLogEvents.ResolutionChanged, "Stream {StreamId} ({Uri}): picture size changed from {OldWidth}x{OldHeight} to {Width}x{Height}",
                        streamId, DisplayUri, width, height, info.Width, info.Height);
                }

                width = info.Width;
                height = info.Height;
                frameSize = PixelFormats.FrameSize(format, width, height);
            }

            TimeSpan time = info.Time ?? Stopwatch.GetElapsedTime(startedAt);
            run.Pacer?.Observe(time);
            Frame frame = output.Rent(width, height, format);
            int read = ReadFully(pixels, frame.Pixels);
            if (read < frameSize)
            {
                frame.Release();
                return new ReadOutcome(firstFrameAt, lastFrameTime, OutputClosed: false, Truncated: read > 0);
            }

            MarkFrame(ref firstFrameAt);
            if (run.Pacer is { } pacer && info.Time is { } due)
            {
                pacer.Wait(due, stop);
            }

            if (stop.IsCancellationRequested || _disposed)
            {
                // Frames still in the pipe are not delivered after a stop.
                frame.Release();
                return new ReadOutcome(firstFrameAt, lastFrameTime, OutputClosed: false, Truncated: false);
            }

            frame.Pts = info.Time;
            lastFrameTime = info.Time;
            frame.SourceFrameRate = info.SourceFrameRate;
            frame.ArrivalTimestamp = Stopwatch.GetTimestamp();
            frame.ArrivalTime = DateTimeOffset.UtcNow;
            if (!run.Write(output, frame))
            {
                return new ReadOutcome(firstFrameAt, lastFrameTime, OutputClosed: true, Truncated: false);
            }
        }
    }

    // Reads until the span is full or the pipe ends (or breaks, which counts as its end); returns the bytes read.
    private static int ReadFully(Stream pipe, Span<byte> buffer)
    {
        int read = 0;
        try
        {
            while (read < buffer.Length)
            {
                int n = pipe.Read(buffer[read..]);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }
        catch (IOException)
        {
            // The exit code and stderr say what happened.
        }

        return read;
    }

    private void MarkFrame(ref long firstFrameAt)
    {
        EndWaiting();
        if (firstFrameAt == 0)
        {
            firstFrameAt = Stopwatch.GetTimestamp();
            _firstFrameSeen = true;
        }
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private readonly record struct RunResult(RunOutcome Outcome, string Reason, TimeSpan StreamedFor);

    private readonly record struct ReadOutcome(long FirstFrameAt, TimeSpan? LastFrameTime, bool OutputClosed, bool Truncated);

    /// <summary>What lives across the runs of one <see cref="RunAsync"/>.</summary>
    private sealed class RunState : IDisposable
    {
        private readonly ManualResetEventSlim _written = new(false);
        private readonly Action _signalWritten;

        public RunState(FfmpegSourceOptions options, string ffmpeg, CancellationToken stop)
        {
            Ffmpeg = ffmpeg;
            Stop = stop;
            Pacer = !options.IsLive && options.Replay == ReplayPacing.Realtime ? new ReplayPacer(SampleInterval(options.DetectFps)) : null;
            _signalWritten = _written.Set;
        }

        public string Ffmpeg { get; }

        public CancellationToken Stop { get; }

        public ReplayPacer? Pacer { get; }

        // Ten lines per shape and twenty in all per 10 s: a broken stream's decoder errors stay readable.
        public LogRateLimiter Limiter { get; } = new(TimeSpan.FromSeconds(10), 20);

        // The time between kept frames when sampling, else zero.
        private static TimeSpan SampleInterval(double? fps) => fps is { } rate ? TimeSpan.FromSeconds(1 / rate) : TimeSpan.Zero;

        /// <summary>Hands <paramref name="frame"/> to the pipeline from the reader thread, blocking while it waits.</summary>
        public bool Write(SourceOutput output, Frame frame) => Wait(output.WriteAsync(frame));

        // The ValueTask is consumed once, through one awaiter: completed at once (the usual case) or signalled.
        private bool Wait(ValueTask<bool> pending)
        {
            ConfiguredValueTaskAwaitable<bool>.ConfiguredValueTaskAwaiter written = pending.ConfigureAwait(false).GetAwaiter();
            if (!written.IsCompleted)
            {
                _written.Reset();
                written.UnsafeOnCompleted(_signalWritten);
                _written.Wait();
            }

            return written.GetResult();
        }

        public void Dispose() => _written.Dispose();
    }
}
