using System.Diagnostics;
using System.Globalization;
using Streams.Runtime;
using Streams.Tracking;

namespace Streams.Benchmarks;

/// <summary>
/// ByteTrack's cost per frame at 10, 100 and 500 objects: boxes of the synthetic world's sizes moving at up to
/// 6 px/frame across a 1080p frame, bouncing off its edges, with 1 px of noise on each edge, a few low-score and a few
/// missed detections. Detections are generated outside the timed region; only <see cref="ByteTracker.Update"/> is timed.
/// </summary>
internal sealed class TrackerBenchmark : IBenchmark
{
    private const int Width = 1920;
    private const int Height = 1080;

    /// <summary>Frames run before timing starts: JIT tiers, pools and array sizes settle.</summary>
    private const int WarmupFrames = 300;

    public string Name => "tracker";

    public string Description => "ByteTrack cost per frame at 10, 100 and 500 moving objects (target < 1 ms at 100)";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        // args: [frames per row]
        int frames = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3000;
        Console.WriteLine($"tracker benchmark: ByteTrack defaults, {Width}x{Height}, {frames} timed frames per row after {WarmupFrames} warm-up, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"objects",7} {"mean ms",9} {"p50 ms",9} {"p99 ms",9} {"max ms",9} {"bytes/frame",12} {"ids",6} {"tracked",8}");
        foreach (int objects in new[] { 10, 100, 500 })
        {
            cancellationToken.ThrowIfCancellationRequested();
            Measure(objects, frames);
        }

        return Task.FromResult(0);
    }

    private static void Measure(int objects, int frames)
    {
        var world = new World(objects, seed: objects);
        var tracker = new ByteTracker();
        var detections = new DetectedObject[objects];
        var samples = new double[frames];
        long frame = 0;
        for (int i = 0; i < WarmupFrames; i++)
        {
            int n = world.Step(detections);
            tracker.Update(detections.AsSpan(0, n), frame++);
        }

        long bytes0 = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < frames; i++)
        {
            int n = world.Step(detections);
            long t0 = Stopwatch.GetTimestamp();
            tracker.Update(detections.AsSpan(0, n), frame++);
            samples[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
        double mean = 0;
        foreach (double s in samples)
        {
            mean += s;
        }

        mean /= frames;
        Array.Sort(samples);
        int tracked = 0;
        for (int i = 0; i < objects; i++)
        {
            tracked += detections[i].TrackId != 0 ? 1 : 0;
        }

        Console.WriteLine($"{objects,7} {mean,9:F4} {samples[frames / 2],9:F4} {samples[(int)(frames * 0.99)],9:F4} {samples[^1],9:F4} {(double)bytes / frames,12:F1} {tracker.NextId - 1,6} {tracker.TrackedCount,8}");
    }

    /// <summary>Objects of the synthetic world's classes and sizes, moving and bouncing; deterministic per seed.</summary>
    private sealed class World
    {
        // Width and height ranges per class (person, bicycle, car, truck) from shared/synthetic-world.md.
        private static readonly (int W0, int W1, int H0, int H1)[] s_sizes = [(14, 22, 30, 44), (26, 40, 16, 24), (50, 80, 28, 44), (100, 150, 40, 60)];

        /// <summary>Share of detections given a score between the low and the high threshold.</summary>
        private const double LowScoreShare = 0.05;

        /// <summary>Share of detections the detector misses in a frame.</summary>
        private const double MissShare = 0.02;

        private readonly Random _random;
        private readonly float[] _x, _y, _vx, _vy, _w, _h;
        private readonly int[] _class;

        public World(int count, int seed)
        {
            _random = new Random(seed);
            _x = new float[count];
            _y = new float[count];
            _vx = new float[count];
            _vy = new float[count];
            _w = new float[count];
            _h = new float[count];
            _class = new int[count];
            for (int i = 0; i < count; i++)
            {
                int c = _random.Next(4);
                (int w0, int w1, int h0, int h1) = s_sizes[c];
                _class[i] = c;
                _w[i] = _random.Next(w0, w1 + 1);
                _h[i] = _random.Next(h0, h1 + 1);
                _x[i] = (float)(_random.NextDouble() * (Width - _w[i]));
                _y[i] = (float)(_random.NextDouble() * (Height - _h[i]));
                double speed = _random.NextDouble() * 6;
                double angle = _random.NextDouble() * Math.Tau;
                _vx[i] = (float)(speed * Math.Cos(angle));
                _vy[i] = (float)(speed * Math.Sin(angle));
            }
        }

        /// <summary>Moves every object one frame and writes the detections; returns how many.</summary>
        public int Step(DetectedObject[] output)
        {
            int n = 0;
            for (int i = 0; i < _x.Length; i++)
            {
                _x[i] += _vx[i];
                _y[i] += _vy[i];
                if (_x[i] < 0 || _x[i] + _w[i] > Width)
                {
                    _vx[i] = -_vx[i];
                    _x[i] = Math.Clamp(_x[i], 0, Width - _w[i]);
                }

                if (_y[i] < 0 || _y[i] + _h[i] > Height)
                {
                    _vy[i] = -_vy[i];
                    _y[i] = Math.Clamp(_y[i], 0, Height - _h[i]);
                }

                double roll = _random.NextDouble();
                if (roll < MissShare)
                {
                    continue;
                }

                float score = roll < MissShare + LowScoreShare ? 0.2f + (0.25f * (float)_random.NextDouble()) : 0.6f + (0.35f * (float)_random.NextDouble());
                float left = _x[i] + Noise();
                float top = _y[i] + Noise();
                var box = BoxF.FromCorners(left, top, _x[i] + _w[i] + Noise(), _y[i] + _h[i] + Noise());
                output[n++] = new DetectedObject(box, _class[i], score);
            }

            return n;
        }

        /// <summary>Roughly gaussian, sigma about 1 px (sum of three uniforms).</summary>
        private float Noise() => (float)((_random.NextDouble() + _random.NextDouble() + _random.NextDouble() - 1.5) * 2);
    }
}
