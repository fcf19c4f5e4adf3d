using Streams.Hosting.Evaluation;

namespace Streams.Hosting.Tests.Evaluation;

/// <summary>Which part of a clip a run replayed, and how it is told.</summary>
[Trait("Tier", "Unit")]
public sealed class ReplayedSpanTests
{
    [Fact]
    public void A_run_stopped_early_is_partial_and_says_how_much_of_the_clip_it_replayed()
    {
        ReplayedSpan span = ReplayedSpan.Create(lastFrame: 241, clipFrames: 600, frameRate: 30, detectFps: 10);

        Assert.True(span.IsPartial);
        Assert.Equal("first 8.0 s of 20.0 s (frames 1-241 of 600)", span.Describe());
    }

    [Theory]
    [InlineData(598, 10.0, true)]   // 10 of 30 fps keeps 1, 4, ..., 598: the clip's last delivered frame
    [InlineData(595, 10.0, false)]  // 598 was still to come
    [InlineData(600, null, true)]
    [InlineData(599, null, false)]
    [InlineData(597, 7.0, true)]    // 7 of 30 fps: frame 597 (t = 19.867 s) starts the last 1/7 s slot
    [InlineData(593, 7.0, false)]   // the slot before it
    public void The_whole_clip_was_replayed_when_no_later_frame_would_have_been_delivered(int lastFrame, double? detectFps, bool whole)
    {
        ReplayedSpan span = ReplayedSpan.Create(lastFrame, clipFrames: 600, frameRate: 30, detectFps);

        Assert.Equal(whole, span.IsWholeClip);
    }

    [Fact]
    public void A_whole_run_says_so()
    {
        Assert.Equal("whole clip, 20.0 s (frames 1-598 of 600)", ReplayedSpan.Create(598, 600, 30, 10).Describe());
    }

    [Fact]
    public void Without_the_clips_length_or_past_it_the_span_says_what_it_knows()
    {
        Assert.Equal("8.0 s (frames 1-240)", ReplayedSpan.Create(240, null, 30, null).Describe());
        Assert.Equal("30.0 s, the 20.0 s clip looped (frames 1-900)", ReplayedSpan.Create(900, 600, 30, null).Describe());
        Assert.True(ReplayedSpan.Create(900, 600, 30, null).IsPartial);
        Assert.Equal("no frames", ReplayedSpan.Create(0, 600, 30, 10).Describe());
    }
}
