using Microsoft.Extensions.Logging;
using Streams.Runtime;
using Streams.Sources.Tests.Support;

namespace Streams.Sources.Tests;

/// <summary>
/// Files that ffmpeg reads to their end without failing but that are damaged: cut in half, or with 200 KB in the
/// middle overwritten. Made from the 600-frame sample clip (H.264 in MP4, index at the front) in each test.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class DamagedInputTests(ITestOutputHelper output)
{
    private const int ClipFrames = 600;

    private static string SampleClip => Path.Combine(RtspTestServer.RepositoryRoot(), "sample-streams", "quiet-street.mp4");

    [Fact]
    public async Task A_clean_clip_ends_as_end_of_input_with_no_decode_errors()
    {
        (StreamContext stream, int frames, long? metric) = await DecodeAsync(SampleClip);

        Assert.Equal(ClipFrames, frames);
        Assert.Equal(StreamState.Ended, stream.State);
        Assert.Equal("end of input", stream.Reason);
        Assert.Equal(0, stream.DecodeErrors);
        Assert.Equal(0, metric);
    }

    [Fact]
    public async Task A_clip_cut_in_half_ends_as_truncated_with_where_its_frames_stop()
    {
        TestClips clips = await TestClips.GetAsync();
        byte[] clip = await File.ReadAllBytesAsync(SampleClip);
        string cut = Path.Combine(clips.Directory, "cut-in-half.mp4");
        await File.WriteAllBytesAsync(cut, clip.AsMemory(0, clip.Length / 2).ToArray());

        (StreamContext stream, int frames, _) = await DecodeAsync(cut);

        output.WriteLine($"{frames} frames, {stream.DecodeErrors} decode errors: {stream.Reason}");
        Assert.InRange(frames, 1, (ClipFrames / 2) + 30);
        Assert.Equal(StreamState.Ended, stream.State);
        Assert.StartsWith("truncated: the frames end at ", stream.Reason, StringComparison.Ordinal);
        Assert.Contains("the input declares 20 s", stream.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clip_with_200_kb_overwritten_in_the_middle_counts_every_frame_it_lost()
    {
        TestClips clips = await TestClips.GetAsync();
        byte[] clip = await File.ReadAllBytesAsync(SampleClip);
        var random = new Random(13);
        const int Damage = 200 * 1024;
        random.NextBytes(clip.AsSpan((clip.Length - Damage) / 2, Damage));
        string damaged = Path.Combine(clips.Directory, "damaged-middle.mp4");
        await File.WriteAllBytesAsync(damaged, clip);

        (StreamContext stream, int frames, long? metric) = await DecodeAsync(damaged);

        output.WriteLine($"{frames} frames, {stream.DecodeErrors} decode errors: {stream.Reason}");
        Assert.True(frames < ClipFrames, $"{frames} frames: the damage cost none");
        // Every frame that did not come out is counted (a frame may also come out marred, and count).
        Assert.True(stream.DecodeErrors >= ClipFrames - frames, $"{stream.DecodeErrors} decode errors for {ClipFrames - frames} lost frames");
        Assert.Equal(stream.DecodeErrors, metric);
        Assert.Equal(StreamState.Ended, stream.State);
        Assert.Equal($"end of input; {stream.DecodeErrors} frames lost or damaged in decoding", stream.Reason);
    }

    [Fact]
    public async Task Ffmpegs_warnings_are_logged_as_warnings_and_its_errors_as_errors()
    {
        TestClips clips = await TestClips.GetAsync();
        byte[] clip = await File.ReadAllBytesAsync(SampleClip);
        string cut = Path.Combine(clips.Directory, "cut-for-levels.mp4");
        await File.WriteAllBytesAsync(cut, clip.AsMemory(0, clip.Length / 2).ToArray());
        await using var harness = new SourceHarness(output);
        harness.Add("file", new FfmpegSourceOptions { Uri = cut, Replay = ReplayPacing.Fast, Width = 320 });

        harness.Start();
        await harness.CompletionAsync();

        LogCapture.Entry[] ffmpeg = [.. harness.Logs.Entries.Where(e => e.EventId.Id == SourceLogEvents.FfmpegMessage.Id)];
        // ffmpeg writes "[warning] ...: corrupt input packet in stream 0" and "[mov,mp4,...] [error] ...: partial file".
        Assert.Contains(ffmpeg, e => e.Level == LogLevel.Warning && e.Message.Contains("corrupt input packet", StringComparison.Ordinal));
        Assert.Contains(ffmpeg, e => e.Level == LogLevel.Error && e.Message.Contains("partial file", StringComparison.Ordinal));
        Assert.DoesNotContain(ffmpeg, e => e.Level == LogLevel.Error && e.Message.Contains("corrupt input packet", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == SourceLogEvents.InputDamaged.Id && e.Level == LogLevel.Warning);
        harness.AssertCleanEnd();
    }

    // Replays the file as fast as it decodes, scaled down (the damage is in the bitstream, not the picture size).
    private async Task<(StreamContext Stream, int Frames, long? Metric)> DecodeAsync(string file)
    {
        await using var harness = new SourceHarness(output);
        (StreamContext stream, _) = harness.Add("file", new FfmpegSourceOptions { Uri = file, Replay = ReplayPacing.Fast, Width = 320 });
        harness.Start();
        await harness.CompletionAsync();
        long? metric = ObservedMetrics.ForStream(harness.Pipeline.Metrics.Meter, "streams.source.decode_errors", "file");
        harness.AssertCleanEnd();
        return (stream, harness.Sink.CountOf("file"), metric);
    }
}
