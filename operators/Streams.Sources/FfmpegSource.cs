using Streams.Options;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Runtime;
using Streams.Sources.Internal;

namespace Streams.Sources;

/// <summary>
/// Decodes one input with an ffmpeg child process into pooled frames: local files, <c>rtsp://</c> and
/// <c>http(s)://</c> inputs, with optional scaling, sampling (<see cref="FfmpegSourceOptions.DetectFps"/>), file
/// replay pacing, a no-frame watchdog and, for live inputs, reconnects with exponential backoff.
/// </summary>
/// <remarks>
/// <para>Each frame carries its source timestamp (from ffmpeg's showinfo filter), its arrival time, size and pixel
/// format; the pipeline stamps its stream and sequence number. A file that cannot be read fails its stream (it is
/// not retried); a live input that drops or stalls is restarted, with the stream <see cref="StreamState.Reconnecting"/>
/// meanwhile, forever unless <see cref="FfmpegSourceOptions.MaxRetries"/> says otherwise.</para>
/// <para>No ffmpeg process outlives its source: it is killed when the source stops or is disposed, and the kernel
/// kills it when this process dies, even by SIGKILL (see <c>Streams.Runtime.ChildProcessLauncher</c>).</para>
/// </remarks>
public sealed partial class FfmpegSource : IFrameSource, IDisposable
{
    private readonly FfmpegSourceOptions _options;
    private readonly ILogger _logger;
    private readonly List<string> _arguments;
    private readonly string? _standardInput;
    private readonly bool _live;
    private FfmpegProcess? _current;
    private int _running;
    private int _launches;
    private volatile bool _disposed;

    /// <summary>Creates a source; nothing starts before <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options break one of their rules.</exception>
    public FfmpegSource(FfmpegSourceOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidator.ThrowIfInvalid(options, nameof(options));
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _live = options.IsLive;
        _arguments = FfmpegArguments.Build(options);
        _standardInput = FfmpegArguments.HidesInput(options) ? FfmpegArguments.InputScript(options) : null;
        DisplayUri = UriRedactor.Redact(options.Uri);
    }

    /// <summary>The options it runs with.</summary>
    public FfmpegSourceOptions Options => _options;

    /// <summary>The input with credentials redacted: for logs, metrics and <see cref="StreamSpec.DisplayUri"/>.</summary>
    public string DisplayUri { get; }

    /// <summary>ffmpeg processes started so far (1 plus restarts).</summary>
    public int Launches => Volatile.Read(ref _launches);

    /// <summary>The running ffmpeg's process id, or null.</summary>
    public int? ProcessId => Volatile.Read(ref _current)?.Id;

    /// <summary>Called with each ffmpeg's process id right after it started (tests track them).</summary>
    internal Action<int>? ProcessStarted { get; init; }

    /// <summary>Uniform numbers in [0, 1) for the backoff's jitter (tests make them fixed).</summary>
    internal Func<double>? Random { get; init; }

    /// <inheritdoc />
    /// <exception cref="FfmpegSourceException">The input failed for good; the message says why.</exception>
    public async Task RunAsync(StreamContext stream, SourceOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The source runs already; it feeds one stream at a time.");
        }

        try
        {
            string ffmpeg = ChildProcessLauncher.FindOnPath(_options.FfmpegPath)
                ?? throw new FfmpegSourceException($"{DisplayUri}: ffmpeg executable '{_options.FfmpegPath}' not found");
            var backoff = new ReconnectBackoff(_options.BackoffInitial, _options.BackoffMax, _options.BackoffJitter, Random);
            var run = new RunState(_options, ffmpeg, cancellationToken);
            using var watchdog = new Timer(static state => ((FfmpegSource)state!).CheckWatchdog(), this, WatchdogTick, WatchdogTick);
            try
            {
                while (!cancellationToken.IsCancellationRequested && !_disposed)
                {
                    RunResult result = await RunOnceAsync(stream, output, run).ConfigureAwait(false);
                    if (result.Outcome is RunOutcome.Stopped or RunOutcome.OutputClosed || _disposed)
                    {
                        return;
                    }

                    if (!_live)
                    {
                        if (result.Outcome == RunOutcome.Ended)
                        {
                            // A damaged file ends with a reason of its own ("truncated: ..."), not as a clean end.
                            stream.TrySetState(StreamState.Ended, result.Reason);
                            return;
                        }

                        throw new FfmpegSourceException($"{DisplayUri}: {result.Reason}");
                    }

                    if (result.StreamedFor >= _options.BackoffResetAfter)
                    {
                        backoff.Reset();
                    }

                    if (_options.MaxRetries is { } maxRetries && backoff.Failures >= maxRetries)
                    {
                        string attempts = backoff.Failures == 0 ? "1 failed attempt" : $"{backoff.Failures + 1} failed attempts in a row";
                        _logger.LogError(SourceLogEvents.GaveUp, "Stream {StreamId} ({Uri}): giving up after {Attempts}: {Reason}",
                            stream.Id, DisplayUri, attempts, result.Reason);
                        throw new FfmpegSourceException($"{DisplayUri}: gave up after {attempts}: {result.Reason}");
                    }

                    TimeSpan delay = backoff.NextDelay();
                    _logger.LogWarning(SourceLogEvents.Reconnecting, "Stream {StreamId} ({Uri}): {Reason}; reconnecting in {DelaySeconds:0.###} s (failure {Failures} in a row)",
                        stream.Id, DisplayUri, result.Reason, delay.TotalSeconds, backoff.Failures);
                    stream.TrySetState(StreamState.Reconnecting, string.Create(CultureInfo.InvariantCulture,
                        $"{result.Reason}; failure {backoff.Failures} in a row, reconnecting in {delay.TotalSeconds:0.###} s"));
                    try
                    {
                        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
            finally
            {
                run.Dispose();
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Kills the running ffmpeg, if any; a running <see cref="RunAsync"/> then returns.</summary>
    public void Dispose()
    {
        _disposed = true;
        Volatile.Read(ref _current)?.Kill();
    }
}
