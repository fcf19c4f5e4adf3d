using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Streams.Hosting.Benchmarking;
using Streams.Inference;
using Streams.Runtime;

namespace Streams.Benchmarks;

/// <summary>
/// ONNX Runtime on the CPU at 640x640 through this project's facade (tensors bound once, as the detector stage runs) and
/// through Microsoft.ML.OnnxRuntime's own API (its plain Run with preallocated outputs), same library, same session
/// settings, same process: latency at batch 1 and throughput at batch 1, 4 and 8 with 1 and 2 intra-op threads, bytes
/// allocated per run by each, and the ratio of the two (target at least 0.97). Also the cost of preprocessing a frame.
/// </summary>
internal sealed class InferenceBenchmark : IBenchmark
{
    private const int Side = 640;

    public string Name => "inference";

    public string Description => "ORT CPU latency/throughput at 640, our bound runs vs ORT's own Run: [model.onnx] [--seconds S] [--rounds N] [--spinning 0|1] [--preprocess-only]";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string? modelArg = null;
        double seconds = 2;
        int rounds = 3;
        bool spinning = true;
        bool preprocessOnly = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--preprocess-only":
                    preprocessOnly = true;
                    break;
                case "--rounds":
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--spinning":
                    spinning = args[++i] != "0";
                    break;
                default:
                    modelArg = args[i];
                    break;
            }
        }

        if (preprocessOnly)
        {
            MeasurePreprocessing();
            return Task.FromResult(0);
        }

        string root = FindRepositoryRoot();
        (string model, string origin) = ResolveModel(modelArg, root);
        OnnxRuntime.Initialize();
        Console.WriteLine($"inference benchmark: {origin}");
        Console.WriteLine($"  ONNX Runtime {OnnxRuntime.Version} from {OnnxRuntime.LibraryPath}");
        Console.WriteLine($"  CPU, {Environment.ProcessorCount} cores, graph optimisation all, sequential, spinning {(spinning ? "on" : "off")}, " +
            $"input float32 [N,3,{Side},{Side}]");
        Console.WriteLine($"  each row: {rounds} rounds of {seconds:F0} s per side, alternating; p50/p90 of the best round, min and CPU time " +
            "over all rounds (other work on the machine only ever adds to a run, so min and CPU time are the steady measures)");
        Console.WriteLine();
        Console.WriteLine($"{"",13} | {"ours: bound runs (ms per run)",-46} | {"ORT's own Run (ms per run)",-46} | {"ratio",-11}");
        Console.WriteLine($"{"threads",7} {"batch",5} | {"p50",7} {"p90",7} {"min",7} {"img/s",7} {"cpu/img",7} {"B/run",7} | " +
            $"{"p50",7} {"p90",7} {"min",7} {"img/s",7} {"cpu/img",7} {"B/run",7} | {"wall",5} {"cpu",5}");
        bool allMet = true;
        foreach (int threads in new[] { 1, 2 })
        {
            foreach (int batch in new[] { 1, 4, 8 })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var options = new InferenceSessionOptions { IntraOpThreads = threads, AllowSpinning = spinning, GraphOptimization = GraphOptimizationLevel.All };
                Result? ours = null;
                Result? reference = null;
                for (int round = 0; round < rounds; round++)
                {
                    using (var bound = new BoundModelRun(model, options, batch))
                    {
                        ours = Result.Best(ours, Measure(bound.Run, batch, seconds));
                    }

                    using (var prepared = new PreparedModelRun(model, options, batch))
                    {
                        reference = Result.Best(reference, Measure(prepared.Run, batch, seconds));
                    }
                }

                double wall = ours!.ImagesPerSecond / reference!.ImagesPerSecond;
                double cpu = reference.CpuMsPerImage / ours.CpuMsPerImage;
                allMet &= wall >= 0.97 || cpu >= 0.97;
                Console.WriteLine($"{threads,7} {batch,5} | {ours} | {reference} | {wall,5:F3} {cpu,5:F3}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("latency = p50/p90 of the batch-1 rows; img/s = batch / min run time; cpu/img = process CPU ms per image;");
        Console.WriteLine("B/run = bytes the measuring thread allocated per run; ratio wall = our img/s / ORT's, ratio cpu = its CPU per image / ours (target >= 0.97)");
        MeasureCallOverhead();
        MeasurePreprocessing();
        return Task.FromResult(allMet ? 0 : 1);
    }

    private static Result Measure(Action run, int batch, double seconds)
    {
        run();
        run();
        var times = new List<double>(4096);
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated0 = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        while (times.Count < 5 || clock.Elapsed.TotalSeconds < seconds)
        {
            long t0 = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocated0;
        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
        return Result.From(times, batch, cpuMs, (double)allocated / times.Count);
    }

    /// <summary>What one call costs each side on a model that does nothing: the API's own overhead per run.</summary>
    private static void MeasureCallOverhead()
    {
        string path = Path.Combine(Path.GetTempPath(), "streams-bench-identity.onnx");
        File.WriteAllBytes(path, ConvStack.Identity());
        var options = new InferenceSessionOptions { IntraOpThreads = 1 };
        Result ours;
        Result reference;
        using (var bound = new BoundModelRun(path, options, 1))
        {
            ours = Measure(bound.Run, 1, 1);
        }

        using (var prepared = new PreparedModelRun(path, options, 1))
        {
            reference = Measure(prepared.Run, 1, 1);
        }

        Console.WriteLine();
        Console.WriteLine($"overhead per call (identity over [1,3,640,640], 1 thread): ours p50 {ours.MedianMs * 1000:F0} us {ours.BytesPerRun:F0} B/run, " +
            $"ORT's own Run p50 {reference.MedianMs * 1000:F0} us {reference.BytesPerRun:F0} B/run");
    }

    private static void MeasurePreprocessing()
    {
        Console.WriteLine();
        Console.WriteLine($"preprocessing one frame into a float32 [3,{Side},{Side}] input (letterbox, bilinear, single thread):");
        var pre = new ImagePreprocessor(PreprocessOptions.Default, Side, Side);
        float[] tensor = new float[pre.ImageSize];
        foreach ((int w, int h, PixelFormat format) in new[]
                 {
                     (640, 640, PixelFormat.Bgr24), (1280, 720, PixelFormat.Bgr24), (1280, 720, PixelFormat.Yuv420p),
                     (1920, 1080, PixelFormat.Yuv420p), (1920, 1080, PixelFormat.Nv12),
                 })
        {
            byte[] frame = new byte[PixelFormats.FrameSize(format, w, h)];
            new Random(1).NextBytes(frame);
            for (int i = 0; i < 20; i++)
            {
                pre.Write(frame, format, w, h, tensor);
            }

            double[] times = new double[200];
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < times.Length; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                pre.Write(frame, format, w, h, tensor);
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }

            long bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Array.Sort(times);
            Console.WriteLine($"  {w,4}x{h,-4} {PixelFormats.FfmpegName(format),-7} p50 {times[100],6:F3} ms  min {times[0],6:F3} ms  " +
                $"allocated {bytes / times.Length} B/frame");
        }
    }

    private static (string Path, string Origin) ResolveModel(string? given, string root)
    {
        if (given is not null)
        {
            return File.Exists(given) ? (Path.GetFullPath(given), $"model {given}") : throw new FileNotFoundException($"No model at '{given}'.", given);
        }

        string standard = Path.Combine(root, "models", "yolov8n-cost.onnx");
        if (File.Exists(standard))
        {
            return (standard, $"model {standard}");
        }

        string path = Path.Combine(Path.GetTempPath(), "streams-bench-convstack.onnx");
        File.WriteAllBytes(path, ConvStack.Build(out double gflops));
        return (path, $"models/yolov8n-cost.onnx not found: a built-in conv stack of {gflops:F1} GFLOPs per image ({path})");
    }

    private static string FindRepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private sealed record Result(double MedianMs, double P90Ms, double MinMs, double CpuMsPerImage, int Batch, double BytesPerRun)
    {
        public double ImagesPerSecond => Batch * 1000 / MinMs;

        public static Result From(List<double> times, int batch, double cpuMs, double bytesPerRun)
        {
            int runs = times.Count;
            times.Sort();
            return new Result(times[runs / 2], times[Math.Min(runs - 1, (int)(runs * 0.9))], times[0], cpuMs / (runs * batch), batch, bytesPerRun);
        }

        /// <summary>Percentiles of the round with the lower median; the lowest min and CPU time of either.</summary>
        public static Result? Best(Result? a, Result? b)
        {
            if (a is null || b is null)
            {
                return a ?? b;
            }

            Result better = b.MedianMs < a.MedianMs ? b : a;
            return better with
            {
                MinMs = Math.Min(a.MinMs, b.MinMs),
                CpuMsPerImage = Math.Min(a.CpuMsPerImage, b.CpuMsPerImage),
                BytesPerRun = Math.Max(a.BytesPerRun, b.BytesPerRun),
            };
        }

        public override string ToString() =>
            $"{MedianMs,7:F2} {P90Ms,7:F2} {MinMs,7:F2} {ImagesPerSecond,7:F2} {CpuMsPerImage,7:F2} {BytesPerRun,7:F0}";
    }

    /// <summary>
    /// A YOLOv8n-sized stand-in: 3x3 convolutions with ReLU, stride 2 down to 20x20, then a 1x1 head to 84 channels,
    /// [N,3,640,640] to [N,84,400]. Written as ONNX protobuf by hand (ir_version 8, opset 17).
    /// </summary>
    private static class ConvStack
    {
        /// <summary>A model that copies its input: [N,3,640,640] to the same.</summary>
        public static byte[] Identity() => Message(m =>
        {
            m.Varint(1, 8);
            m.Bytes(7, Message(g =>
            {
                g.Bytes(1, Node("Identity", ["images"], ["output0"]));
                g.String(2, "identity");
                g.Bytes(11, ValueInfo("images", "batch", 3, Side, Side));
                g.Bytes(12, ValueInfo("output0", "batch", 3, Side, Side));
            }));
            m.Bytes(8, Message(o => o.Varint(2, 17)));
        });

        public static byte[] Build(out double gflops)
        {
            var random = new Random(42);
            var nodes = new List<byte[]>();
            var initializers = new List<byte[]>();
            // (out channels, stride, repeats)
            (int Channels, int Stride, int Repeats)[] layers = [(16, 2, 1), (32, 2, 1), (32, 1, 2), (64, 2, 1), (64, 1, 3), (128, 2, 1), (128, 1, 3), (256, 2, 1), (256, 1, 3)];
            string current = "images";
            int channels = 3;
            int size = Side;
            double macs = 0;
            int n = 0;
            foreach ((int outChannels, int stride, int repeats) in layers)
            {
                for (int r = 0; r < repeats; r++, n++)
                {
                    size /= stride;
                    macs += (double)size * size * outChannels * channels * 9;
                    string w = $"w{n}", b = $"b{n}", conv = $"conv{n}", act = $"relu{n}";
                    initializers.Add(Tensor(w, Weights(random, outChannels * channels * 9, channels * 9), outChannels, channels, 3, 3));
                    initializers.Add(Tensor(b, new float[outChannels], outChannels));
                    nodes.Add(Node("Conv", [current, w, b], [conv], Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1), Ints("strides", stride, stride)));
                    nodes.Add(Node("Relu", [conv], [act]));
                    current = act;
                    channels = outChannels;
                }
            }

            macs += (double)size * size * 84 * channels;
            initializers.Add(Tensor("wh", Weights(random, 84 * channels, channels), 84, channels, 1, 1));
            initializers.Add(Tensor("bh", new float[84], 84));
            initializers.Add(Int64Tensor("shape", [0, 84, -1]));
            nodes.Add(Node("Conv", [current, "wh", "bh"], ["head"], Ints("kernel_shape", 1, 1)));
            nodes.Add(Node("Reshape", ["head", "shape"], ["output0"]));
            gflops = 2 * macs / 1e9;

            byte[] graph = Message(g =>
            {
                nodes.ForEach(x => g.Bytes(1, x));
                g.String(2, "convstack");
                initializers.ForEach(x => g.Bytes(5, x));
                g.Bytes(11, ValueInfo("images", "batch", 3, Side, Side));
                g.Bytes(12, ValueInfo("output0", "batch", 84, size * size));
            });
            return Message(m =>
            {
                m.Varint(1, 8);
                m.String(2, "streams-benchmarks");
                m.Bytes(7, graph);
                m.Bytes(8, Message(o => o.Varint(2, 17)));
            });
        }

        private static float[] Weights(Random random, int count, int fanIn)
        {
            // He-uniform: keeps activations in range through the ReLU stack.
            float limit = MathF.Sqrt(6f / fanIn);
            float[] w = new float[count];
            for (int i = 0; i < count; i++)
            {
                w[i] = ((random.NextSingle() * 2) - 1) * limit;
            }

            return w;
        }

        private static byte[] Node(string op, string[] inputs, string[] outputs, params byte[][] attributes) => Message(m =>
        {
            foreach (string i in inputs)
            {
                m.String(1, i);
            }

            foreach (string o in outputs)
            {
                m.String(2, o);
            }

            m.String(4, op);
            foreach (byte[] a in attributes)
            {
                m.Bytes(5, a);
            }
        });

        private static byte[] Ints(string name, params long[] values) => Message(m =>
        {
            m.String(1, name);
            foreach (long v in values)
            {
                m.Varint(8, v);
            }

            m.Varint(20, 7); // AttributeProto.INTS
        });

        private static byte[] Tensor(string name, float[] values, params long[] dims) => Message(m =>
        {
            foreach (long d in dims)
            {
                m.Varint(1, d);
            }

            m.Varint(2, 1); // FLOAT
            m.String(8, name);
            byte[] raw = new byte[values.Length * 4];
            Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
            m.Bytes(9, raw);
        });

        private static byte[] Int64Tensor(string name, long[] values) => Message(m =>
        {
            m.Varint(1, values.Length);
            m.Varint(2, 7); // INT64
            m.String(8, name);
            byte[] raw = new byte[values.Length * 8];
            Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
            m.Bytes(9, raw);
        });

        private static byte[] ValueInfo(string name, params object[] dims) => Message(m =>
        {
            m.String(1, name);
            byte[] shape = Message(s =>
            {
                foreach (object d in dims)
                {
                    s.Bytes(1, Message(x =>
                    {
                        if (d is string p)
                        {
                            x.String(2, p);
                        }
                        else
                        {
                            x.Varint(1, Convert.ToInt64(d, CultureInfo.InvariantCulture));
                        }
                    }));
                }
            });
            m.Bytes(2, Message(t => t.Bytes(1, Message(tt =>
            {
                tt.Varint(1, 1); // FLOAT
                tt.Bytes(2, shape);
            }))));
        });

        private static byte[] Message(Action<ProtoWriter> write)
        {
            var writer = new ProtoWriter();
            write(writer);
            return writer.ToArray();
        }

        /// <summary>The three protobuf wire forms ONNX needs here: varint, length-delimited bytes and strings.</summary>
        private sealed class ProtoWriter
        {
            private readonly ArrayBufferWriter<byte> _out = new();

            public void Varint(int field, long value)
            {
                Raw((ulong)field << 3);
                Raw((ulong)value);
            }

            public void Bytes(int field, byte[] value)
            {
                Raw(((ulong)field << 3) | 2);
                Raw((ulong)value.Length);
                _out.Write(value.AsSpan());
            }

            public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

            public byte[] ToArray() => _out.WrittenSpan.ToArray();

            private void Raw(ulong value)
            {
                while (value >= 0x80)
                {
                    _out.Write([(byte)(value | 0x80)]);
                    value >>= 7;
                }

                _out.Write([(byte)value]);
            }
        }
    }
}
