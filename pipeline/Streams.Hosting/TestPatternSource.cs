using System.Diagnostics;
using Streams.Runtime;

namespace Streams.Hosting;

/// <summary>
/// Generates frames in-process (<c>synthetic://pattern?width=640&amp;height=360&amp;fps=30&amp;frames=300</c>): a
/// moving bar over a gradient, paced at its rate or as fast as the pipeline takes them. For trying a pipeline and
/// measuring the runtime without a decoder in the way.
/// </summary>
public sealed class TestPatternSource : IFrameSource
{
    /// <summary>Creates a generator.</summary>
    /// <param name="width">Frame width, even.</param>
    /// <param name="height">Frame height, even.</param>
    /// <param name="fps">Frames per second of media time.</param>
    /// <param name="frames">How many frames to produce; null for endless.</param>
    /// <param name="paced">True to deliver at <paramref name="fps"/> in wall-clock time; false for as fast as taken.</param>
    /// <param name="linger">How long it goes on after being told to stop, as a slow decoder can; for testing stops.</param>
    public TestPatternSource(int width, int height, double fps, long? frames, bool paced, TimeSpan linger = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linger, TimeSpan.Zero);
        Linger = linger;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        _ = PixelFormats.FrameSize(PixelFormat.Yuv420p, width, height);
        Width = width;
        Height = height;
        Fps = fps;
        Frames = frames;
        Paced = paced;
    }

    /// <summary>Frame width.</summary>
    public int Width { get; }

    /// <summary>Frame height.</summary>
    public int Height { get; }

    /// <summary>Frames per second of media time.</summary>
    public double Fps { get; }

    /// <summary>Frames produced before the stream ends; null for endless.</summary>
    public long? Frames { get; }

    /// <summary>Whether frames are paced in wall-clock time.</summary>
    public bool Paced { get; }

    /// <summary>How long the source goes on producing after it is told to stop.</summary>
    public TimeSpan Linger { get; }

    /// <summary>Parses a <c>synthetic://pattern</c> URI; unknown parameters are errors.</summary>
    /// <exception cref="FormatException">The URI names something else or a parameter is wrong.</exception>
    public static TestPatternSource FromUri(string uri, bool paced)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string prefix = "synthetic://pattern";
        if (!uri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{uri}' is not a synthetic://pattern URI.");
        }

        int width = 640, height = 360;
        double fps = 30;
        long? frames = null;
        double lingerSeconds = 0;
        string query = uri[prefix.Length..].TrimStart('?');
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            string value = kv.Length == 2 ? kv[1] : string.Empty;
            switch (kv[0])
            {
                case "width": width = ParseInt(kv[0], value); break;
                case "height": height = ParseInt(kv[0], value); break;
                case "fps": fps = ParseDouble(kv[0], value); break;
                case "frames": frames = ParseInt(kv[0], value); break;
                case "linger": lingerSeconds = ParseDouble(kv[0], value); break;
                default: throw new FormatException($"synthetic://pattern has no parameter '{kv[0]}' (width, height, fps, frames, linger).");
            }
        }

        try
        {
            return new TestPatternSource(width, height, fps, frames, paced, TimeSpan.FromSeconds(lingerSeconds));
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new FormatException($"synthetic://pattern: {ex.Message}", ex);
        }

        static int ParseInt(string key, string value) =>
            int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0
                ? n : throw new FormatException($"synthetic://pattern: '{key}' must be a positive integer, got '{value}'.");

        static double ParseDouble(string key, string value) =>
            double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double d) && d > 0
                ? d : throw new FormatException($"synthetic://pattern: '{key}' must be a positive number, got '{value}'.");
    }

    /// <inheritdoc />
    public async Task RunAsync(StreamContext stream, SourceOutput output, CancellationToken cancellationToken)
    {
        // The timer waits without the token: a stop is noticed within one frame interval, and a lingering source
        // must keep its pace after the token fires.
        using PeriodicTimer? timer = Paced ? new PeriodicTimer(TimeSpan.FromSeconds(1 / Fps)) : null;
        long stopBy = long.MaxValue;
        for (long n = 0; Frames is null || n < Frames; n++)
        {
            if (timer is not null)
            {
                await timer.WaitForNextTickAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                if (stopBy == long.MaxValue)
                {
                    stopBy = Stopwatch.GetTimestamp() + (long)(Linger.TotalSeconds * Stopwatch.Frequency);
                }

                if (Stopwatch.GetTimestamp() >= stopBy)
                {
                    return;
                }
            }

            Frame frame = output.Rent(Width, Height, PixelFormat.Yuv420p);
            Draw(frame.Pixels, n);
            frame.Pts = TimeSpan.FromSeconds(n / Fps);
            frame.SourceFrameRate = Fps;
            if (!await output.WriteAsync(frame).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private void Draw(Span<byte> pixels, long n)
    {
        // Only a bar of the luma plane changes per frame; rewriting every pixel would cost more than the runtime
        // being measured. Chroma is neutral grey.
        int lumaSize = Width * Height;
        if (n == 0 || pixels[lumaSize] != 128)
        {
            for (int y = 0; y < Height; y++)
            {
                pixels.Slice(y * Width, Width).Fill((byte)(16 + (y * 200 / Height)));
            }

            pixels[lumaSize..].Fill(128);
        }

        int bar = (int)(n % (Width / 8)) * 8;
        for (int y = 0; y < Height; y++)
        {
            pixels.Slice((y * Width) + bar, 8).Fill(235);
        }
    }
}
