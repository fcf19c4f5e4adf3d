using Microsoft.Extensions.Logging.Abstractions;
using Streams.Analytics;
using Streams.Cli.Commands.Demo;
using Streams.Configuration;
using Streams.Runtime;

namespace Streams.Cli.Tests;

/// <summary>
/// The demo's summary for a run that replayed part of a clip, or all of it: the committed quiet-street clip as the
/// demo replays it (10 of its 30 frames a second), its frames and line crossings fed to the summary as a run would.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class DemoSummaryTests : IDisposable
{
    private const double ClipFrameRate = 30;

    // The crossings of the line "street" in sample-streams/quiet-street.scene.json, by frame.
    private static readonly (int Frame, string Class, bool IsIn)[] s_streetCrossings =
        [(79, "car", true), (89, "bicycle", true), (162, "car", true), (220, "car", true), (270, "car", false), (331, "car", false)];

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly TestFiles _files = new();
    private readonly FramePool _pool = new();
    private readonly StreamContext _stream = new("quiet-street", 0, "quiet-street.mp4", NullLogger.Instance);

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_run_stopped_after_8_seconds_expects_only_the_crossings_of_those_8_seconds_and_says_it_is_partial()
    {
        DemoSummary summary = await CreateSummaryAsync();

        // Frames 1, 4, ..., 241 (8 s), and the four crossings up to then, counted.
        string printed = Run(summary, lastFrame: 241);

        Assert.Contains("| quiet-street | first 8.0 s of 20.0 s (frames 1-241 of 600) | 0 / 0 / 0 / 4 | 4 / 4 |", printed, StringComparison.Ordinal);
        Assert.Contains("Only part of a clip was replayed", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crossing_missed_within_the_replayed_span_still_shows()
    {
        DemoSummary summary = await CreateSummaryAsync();

        string printed = Run(summary, lastFrame: 241, skipCrossingAt: 162);

        Assert.Contains("| quiet-street | first 8.0 s of 20.0 s (frames 1-241 of 600) | 0 / 0 / 0 / 3 | 3 / 4 |", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_to_the_clips_end_expects_every_crossing_and_says_it_replayed_the_whole_clip()
    {
        DemoSummary summary = await CreateSummaryAsync();

        string printed = Run(summary, lastFrame: 598);

        Assert.Contains("| quiet-street | whole clip, 20.0 s (frames 1-598 of 600) | 0 / 0 / 0 / 6 | 6 / 6 |", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Only part of a clip was replayed", printed, StringComparison.Ordinal);
    }

    private async Task<DemoSummary> CreateSummaryAsync()
    {
        string clip = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../sample-streams/quiet-street.mp4"));
        string config = _files.Write("demo.yaml", $"""
            sources:
              - id: quiet-street
                uri: {clip}
                detect_fps: 10
            analytics:
              lines:
                - id: street
                  stream: quiet-street
                  points: [[1000, 470], [1000, 250]]
            """);
        PipelineOptions options = PipelineConfigLoader.Load(config);
        using var timeout = new CancellationTokenSource(s_timeout);
        return await DemoSummary.CreateAsync(options, timeout.Token);
    }

    /// <summary>Feeds the summary the frames 1 to <paramref name="lastFrame"/> the demo delivers and the crossings among them; returns the summary printed.</summary>
    private string Run(DemoSummary summary, int lastFrame, int? skipCrossingAt = null)
    {
        Streams.Hosting.CompositionHooks hooks = summary.Hooks;
        int counted = 0;
        for (int frame = 1; frame <= lastFrame; frame += 3)
        {
            Frame delivered = _pool.Rent(_stream, 2, 2, PixelFormat.Bgr24);
            delivered.Pts = TimeSpan.FromSeconds((frame - 1) / ClipFrameRate);
            hooks.FrameObserver!(delivered);
            delivered.Release();
            foreach ((int crossingFrame, string className, bool isIn) in s_streetCrossings)
            {
                // The pipeline counts a crossing on the first delivered frame on the new side.
                if (crossingFrame > frame - 3 && crossingFrame <= frame && crossingFrame != skipCrossingAt)
                {
                    hooks.EventObserver!(Crossing(++counted, frame, className, isIn));
                }
            }
        }

        var output = new StringWriter();
        summary.Print(output);
        return output.ToString();
    }

    private static LineCrossEvent Crossing(int track, int frame, string className, bool isIn) => new()
    {
        Id = $"quiet-street-{track}-line",
        StreamId = "quiet-street",
        Sequence = frame,
        StreamTime = TimeSpan.FromSeconds((frame - 1) / ClipFrameRate),
        WallTime = DateTimeOffset.UnixEpoch,
        Object = new ObjectSnapshot(track, 0, className, 0.9f, default, default, default, null, null, null),
        LineId = "street",
        Direction = isIn ? "in" : "out",
        IsIn = isIn,
        Crossing = 1,
    };
}
