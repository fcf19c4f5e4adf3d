using Microsoft.Extensions.Logging.Abstractions;
using Streams.Runtime;

namespace Streams.Runtime.Tests;

[Trait("Tier", "Unit")]
public sealed class FramePoolTests
{
    private static StreamContext Stream() => new("cam", 0, "test://cam", NullLogger.Instance);

    [Fact]
    public void Buffers_have_exactly_the_size_the_format_needs()
    {
        var pool = new FramePool();
        Frame frame = pool.Rent(Stream(), 1920, 1080, PixelFormat.Yuv420p);
        Assert.Equal(1920 * 1080 * 3 / 2, frame.Pixels.Length);
        frame.Release();
    }

    [Fact]
    public void A_released_buffer_is_reused_for_the_next_frame_of_the_same_size()
    {
        var pool = new FramePool();
        StreamContext stream = Stream();
        Frame first = pool.Rent(stream, 64, 32, PixelFormat.Bgr24);
        first.Release();
        Frame second = pool.Rent(stream, 64, 32, PixelFormat.Bgr24);
        second.Release();
        FramePoolStatistics stats = pool.GetStatistics();
        Assert.Equal(1, stats.Buffers.Allocated);
        Assert.Equal(2, stats.Rented);
        Assert.True(stats.IsBalanced);
    }

    [Fact]
    public void A_frame_input_goes_back_to_the_pool_with_the_frame_or_before_it_and_is_reused()
    {
        var pool = new FramePool();
        StreamContext stream = Stream();
        Frame frame = pool.Rent(stream, 64, 32, PixelFormat.Bgr24);
        Assert.True(frame.Input.IsEmpty);
        Span<float> input = frame.RentInput(3 * 16 * 16);
        Assert.Equal(3 * 16 * 16, input.Length);
        input.Fill(0.5f);
        Assert.Equal(0.5f, frame.Input[767]);
        Assert.Equal(2, pool.GetStatistics().Buffers.Outstanding); // the pixels and the input
        frame.Release();
        Assert.True(pool.GetStatistics().IsBalanced, pool.GetStatistics().ToString());

        Frame next = pool.Rent(stream, 64, 32, PixelFormat.Bgr24);
        Assert.True(next.Input.IsEmpty);
        next.RentInput(3 * 16 * 16);
        next.ReleaseInput();
        Assert.True(next.Input.IsEmpty);
        next.ReleaseInput();
        next.Release();
        FramePoolStatistics stats = pool.GetStatistics();
        Assert.True(stats.IsBalanced, stats.ToString());
        Assert.Equal(2, stats.Buffers.Allocated);
        Assert.Equal(0, stats.DoubleReleases);
    }

    [Fact]
    public void Accounting_shows_a_frame_that_was_never_released()
    {
        var pool = new FramePool();
        _ = pool.Rent(Stream(), 16, 16, PixelFormat.Gray8);
        FramePoolStatistics stats = pool.GetStatistics();
        Assert.Equal(1, stats.Outstanding);
        Assert.Equal(1, stats.Buffers.Outstanding);
        Assert.False(stats.IsBalanced);
    }

    [Fact]
    public void A_second_release_is_counted_and_does_not_return_the_buffer_twice()
    {
        var pool = new FramePool();
        Frame frame = pool.Rent(Stream(), 16, 16, PixelFormat.Gray8);
        frame.Release();
        frame.Release();
        FramePoolStatistics stats = pool.GetStatistics();
        Assert.Equal(1, stats.DoubleReleases);
        Assert.Equal(1, stats.Buffers.Returned);
        Assert.False(stats.IsBalanced);
    }

    [Fact]
    public void An_idle_pool_keeps_no_more_than_its_bound_per_size()
    {
        var buffers = new BufferPool(maxRetainedPerSize: 2);
        byte[][] rented = [buffers.Rent(100), buffers.Rent(100), buffers.Rent(100)];
        foreach (byte[] b in rented)
        {
            buffers.Return(b);
        }

        BufferPoolStatistics stats = buffers.GetStatistics();
        Assert.Equal(2, stats.Retained);
        Assert.Equal(1, stats.Discarded);
        Assert.Equal(0, stats.Outstanding);
    }

    [Theory]
    [InlineData(PixelFormat.Yuv420p, 1280, 720, 1382400)]
    [InlineData(PixelFormat.Nv12, 640, 360, 345600)]
    [InlineData(PixelFormat.Bgr24, 640, 640, 1228800)]
    [InlineData(PixelFormat.Rgb24, 2, 2, 12)]
    [InlineData(PixelFormat.Gray8, 3, 5, 15)]
    public void Frame_sizes_follow_the_pixel_layout(PixelFormat format, int width, int height, int expected) =>
        Assert.Equal(expected, PixelFormats.FrameSize(format, width, height));

    [Fact]
    public void Four_two_zero_formats_reject_odd_sizes() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PixelFormats.FrameSize(PixelFormat.Yuv420p, 641, 360));
}
