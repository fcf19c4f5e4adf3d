using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Runtime;

namespace Streams.Hosting;

/// <summary>Logs each stream's progress (state, frames, fps, drops) at a fixed interval.</summary>
public sealed class ProgressReporter : BackgroundService
{
    private readonly PipelineService _pipeline;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly Dictionary<string, long> _lastCompleted = new(StringComparer.Ordinal);

    /// <summary>Creates the reporter; a zero <paramref name="interval"/> disables it.</summary>
    public ProgressReporter(PipelineService pipeline, TimeSpan interval, ILogger<ProgressReporter> logger)
    {
        _pipeline = pipeline;
        _interval = interval;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_interval);
        long last = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                double seconds = Stopwatch.GetElapsedTime(last).TotalSeconds;
                last = Stopwatch.GetTimestamp();
                Report(seconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private void Report(double seconds)
    {
        if (_pipeline.Pipeline is not { } pipeline)
        {
            return;
        }

        foreach (StreamContext stream in pipeline.GetStreams())
        {
            long completed = stream.FramesCompleted;
            _lastCompleted.TryGetValue(stream.Id, out long before);
            _lastCompleted[stream.Id] = completed;
            _logger.LogInformation(LogEvents.Progress,
                "{StreamId}: {State}, {Completed} frames done ({Fps:F1} fps), {Produced} in, {Dropped} dropped, {Events} events",
                stream.Id, stream.State, completed, (completed - before) / seconds, stream.FramesProduced, stream.TotalDropped,
                _pipeline.Composed?.EventsFor(stream.Id) ?? 0);
        }
    }
}
