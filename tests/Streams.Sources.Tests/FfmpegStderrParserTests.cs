using System.Text;
using Streams.Sources.Internal;

namespace Streams.Sources.Tests;

[Trait("Tier", "Unit")]
public sealed class FfmpegStderrParserTests
{
    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void A_showinfo_line_gives_its_context_level_timestamp_and_size()
    {
        byte[] line = Bytes("[Parsed_showinfo_1 @ 0x5586335b8780] [info] n:  28 pts:  84000 pts_time:0.933333 pos:   110544 fmt:yuv420p sar:1/1 s:320x240 i:P iskey:0 type:P ");
        FfmpegLogLevel level = FfmpegStderrParser.Split(line, out ReadOnlySpan<byte> context, out ReadOnlySpan<byte> message);

        Assert.Equal(FfmpegLogLevel.Info, level);
        Assert.True(FfmpegStderrParser.IsShowinfo(context));
        Assert.True(FfmpegStderrParser.TryParseFrame(message, out long? pts, out double? ptsTime, out int width, out int height));
        Assert.Equal(84000, pts);
        Assert.Equal(0.933333, ptsTime);
        Assert.Equal((320, 240), (width, height));
    }

    [Fact]
    public void Frame_numbers_past_four_digits_and_missing_timestamps_parse()
    {
        byte[] line = Bytes("n:12345 pts:NOPTS pts_time:NOPTS pos: -1 fmt:yuv420p sar:0/1 s:1920x1080 i:P iskey:1 type:I");
        Assert.True(FfmpegStderrParser.TryParseFrame(line, out long? pts, out double? ptsTime, out int width, out int height));
        Assert.Null(pts);
        Assert.Null(ptsTime);
        Assert.Equal((1920, 1080), (width, height));
    }

    [Fact]
    public void The_time_base_line_parses_and_converts_exactly()
    {
        Assert.True(FfmpegStderrParser.TryParseTimeBase(Bytes("config in time_base: 1/15360, frame_rate: 30/1"), out long num, out long den, out double rate));
        Assert.Equal((1, 15360), (num, den));
        Assert.Equal(30, rate);
        Assert.Equal(TimeSpan.FromSeconds(1), FfmpegStderrParser.ToTime(15360, num, den));
        // Hours of a 90 kHz clock do not overflow.
        Assert.Equal(TimeSpan.FromHours(1000), FfmpegStderrParser.ToTime(90_000L * 3600 * 1000, 1, 90_000));
    }

    [Theory]
    [InlineData("config in time_base: 1001/30000, frame_rate: 30000/1001", 29.97)]
    [InlineData("config in time_base: 1/90000, frame_rate: 0/1", 0)]
    [InlineData("config in time_base: 1/90000, frame_rate: 90000/1", 0)]
    [InlineData("config in time_base: 1/90000", 0)]
    public void The_frame_rate_is_the_videos_or_unknown(string line, double expected)
    {
        Assert.True(FfmpegStderrParser.TryParseTimeBase(Bytes(line), out _, out _, out double rate));
        Assert.Equal(expected, rate, 2);
    }

    [Theory]
    [InlineData("[error] clip.mp4: No such file or directory", "Error", "", "clip.mp4: No such file or directory")]
    [InlineData("[tcp @ 0x5653aa2f3540] [error] Failed to resolve hostname x", "Error", "tcp @ 0x5653aa2f3540", "Failed to resolve hostname x")]
    [InlineData("[h264 @ 0x1] [warning] error while decoding MB 3 7", "Warning", "h264 @ 0x1", "error while decoding MB 3 7")]
    [InlineData("[fatal] out of memory", "Fatal", "", "out of memory")]
    [InlineData("setpriv: failed to execute ffmpeg: No such file or directory", "Untagged", "", "setpriv: failed to execute ffmpeg: No such file or directory")]
    [InlineData("[weird] no level", "Untagged", "", "[weird] no level")]
    [InlineData("[RTSP demuxer @ 0x5618] [Eval @ 0x7ffe] [error] Undefined constant 'bogus'", "Error", "RTSP demuxer @ 0x5618", "Undefined constant 'bogus'")]
    [InlineData("[hls @ 0x1] [https @ 0x2] [warning] Opening 'x.ts' for reading", "Warning", "hls @ 0x1", "Opening 'x.ts' for reading")]
    [InlineData("[rtsp @ 0x55] [warning] max delay reached. need to consume packet", "Warning", "rtsp @ 0x55", "max delay reached. need to consume packet")]
    [InlineData("[warning] clip.mp4: corrupt input packet in stream 0", "Warning", "", "clip.mp4: corrupt input packet in stream 0")]
    public void Lines_split_into_context_level_and_message(string text, string expected, string expectedContext, string expectedMessage)
    {
        FfmpegLogLevel level = FfmpegStderrParser.Split(Bytes(text), out ReadOnlySpan<byte> context, out ReadOnlySpan<byte> message);
        Assert.Equal(Enum.Parse<FfmpegLogLevel>(expected), level);
        Assert.Equal(expectedContext, Encoding.UTF8.GetString(context));
        Assert.Equal(expectedMessage, Encoding.UTF8.GetString(message));
    }

    [Fact]
    public void Other_showinfo_lines_are_not_frames()
    {
        Assert.False(FfmpegStderrParser.TryParseFrame(Bytes("color_range:unknown color_space:unknown"), out _, out _, out _, out _));
        Assert.False(FfmpegStderrParser.TryParseFrame(Bytes("  side data - User Data Unregistered:"), out _, out _, out _, out _));
        Assert.False(FfmpegStderrParser.TryParseTimeBase(Bytes("config out time_base: 0/0, frame_rate: 0/0"), out _, out _, out _));
    }

    [Theory]
    [InlineData("[error] Error while decoding stream #0:0: Invalid data found when processing input", true)]
    [InlineData("[warning] t.ts: corrupt decoded frame in stream 0", true)]
    [InlineData("[h264 @ 0x55d1] [error] Invalid NAL unit size (944133691 > 6305).", false)]
    [InlineData("[h264 @ 0x55d1] [error] Error splitting the input into NAL units.", false)]
    [InlineData("[warning] clip.mp4: corrupt input packet in stream 0", false)]
    public void One_line_per_lost_or_marred_frame_counts_as_a_decode_error(string text, bool counted)
    {
        FfmpegStderrParser.Split(Bytes(text), out ReadOnlySpan<byte> context, out ReadOnlySpan<byte> message);
        Assert.Equal(counted, FfmpegStderrParser.IsDecodeError(context, message));
    }

    [Theory]
    [InlineData("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d1] [error] stream 0, offset 0x13fc81: partial file", true)]
    [InlineData("[matroska,webm @ 0x55fd] [error] File ended prematurely", true)]
    [InlineData("[error] Error while decoding stream #0:0: Invalid data found when processing input", false)]
    public void A_demuxer_saying_the_file_ends_early_is_a_truncation(string text, bool truncated)
    {
        FfmpegStderrParser.Split(Bytes(text), out _, out ReadOnlySpan<byte> message);
        Assert.Equal(truncated, FfmpegStderrParser.IsTruncation(message));
    }

    [Fact]
    public void The_declared_duration_parses_and_a_live_inputs_does_not()
    {
        FfmpegStderrParser.Split(Bytes("[info]   Duration: 01:02:09.56, start: 0.000000, bitrate: 1038 kb/s"), out ReadOnlySpan<byte> context, out ReadOnlySpan<byte> message);
        Assert.True(context.IsEmpty);
        Assert.True(FfmpegStderrParser.TryParseDuration(message, out TimeSpan duration));
        Assert.Equal(new TimeSpan(0, 1, 2, 9, 560), duration);
        Assert.False(FfmpegStderrParser.TryParseDuration(Bytes("  Duration: N/A, start: 0.000000, bitrate: N/A"), out _));
        Assert.False(FfmpegStderrParser.TryParseDuration(Bytes("n:   0 pts:      0"), out _));
    }

    [Theory]
    [InlineData("Warning", "Error", "Warning")]
    [InlineData("Untagged", "Warning", "Warning")]
    [InlineData("Untagged", "Info", "Info")]
    [InlineData("Untagged", "Untagged", "Untagged")]
    public void An_untagged_line_belongs_to_the_message_before_it(string tagged, string previous, string expected)
    {
        Assert.Equal(Enum.Parse<FfmpegLogLevel>(expected),
            FfmpegStderrParser.LevelOfLine(Enum.Parse<FfmpegLogLevel>(tagged), Enum.Parse<FfmpegLogLevel>(previous)));
    }
}
