using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Streams.Configuration.Tests;

/// <summary>
/// A seeded fuzz run of the reader, the loader and the request-body reader: mutations of the shipped pipeline files
/// and of source entries (deep nesting, huge values, random characters, tabs, anchors and aliases, spliced halves).
/// Whatever the input, loading ends in a result or a <see cref="ConfigurationException"/>, and in bounded time. Every
/// input is made from the seed and its index alone, so a failure names the index that reproduces it; the inputs that
/// once broke the reader (deep nesting, endless and oversized documents, floods of unknown keys) are kept as fixed
/// cases in <see cref="HostileInputTests"/>.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class ReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_13;

    /// <summary>How long the run lasts; <c>STREAMS_FUZZ_SECONDS</c> changes it for a longer run by hand.</summary>
    private static readonly TimeSpan s_duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("STREAMS_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out int seconds) ? seconds : 20);

    /// <summary>Far above what any input within the limits takes (milliseconds), far below the quadratic cases (seconds to minutes).</summary>
    private static readonly TimeSpan s_perInput = TimeSpan.FromSeconds(2);

    private static readonly string[] s_tokens =
    [
        "[", "]", "{", "}", ":", ": ", ",", "-", "- ", "#", "&a ", "*a", "&b ", "*b", "!", "!!str ", "|", ">", "'", "\"", "\t", "\n",
        "\r\n", "  ", "?", "%YAML 1.2\n", "---\n", "...\n", "${", "${HOME}", "${X:-y}", "$${", "}", "~", "null", "\\", "\u00e9",
        "\ud83d\ude00", "\ud800", "\0", "\u0085", "\ufeff", "<<: *a\n", "sources", "uri", "id", "1e309", "-0", "0x10", "true",
    ];

    private readonly TempDirectory _dir = new();

    [Fact]
    public void Fuzzed_documents_load_or_fail_with_a_configuration_error_in_bounded_time()
    {
        string root = ShippedConfigsTests.RepositoryRoot();
        string configs = Path.Combine(root, "configs");
        var seeds = Directory.GetFiles(configs, "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        seeds.Add("""{"id": "added", "uri": "../sample-streams/quiet-street.mp4", "loop": true, "detect_fps": 5}""");
        seeds.Add("""{"id": "cam", "uri": "rtsp://user:pass@10.0.0.1/s", "backoff_max": "30s", "max_retries": 3}""");
        seeds.Add("a: &a [x, y]\nb: *a\nc: &c {k: *a}\nd: [*c, *c]\n");
        var environment = new Dictionary<string, string> { ["CAM_USER"] = "u", ["CAM_PASS"] = "p", ["HOME"] = "/root" };
        Func<string, string?> lookup = name => environment.GetValueOrDefault(name);

        var run = Stopwatch.StartNew();
        int iterations = 0;
        int loaded = 0;
        TimeSpan slowest = TimeSpan.Zero;
        while (run.Elapsed < s_duration)
        {
            string input = Generate(new Random(InputSeed(iterations)), seeds);
            var timer = Stopwatch.StartNew();
            try
            {
                PipelineConfigLoader.LoadFromString(input, "fuzz.yaml", configs, lookup);
                loaded++;
            }
            catch (ConfigurationException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"input {iterations} (seed {Seed}) threw {e.GetType().Name} from LoadFromString: {e.Message}\n{Show(input)}");
            }

            try
            {
                PipelineConfigLoader.LoadSource(input, "request body", _dir.Path);
            }
            catch (ConfigurationException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"input {iterations} (seed {Seed}) threw {e.GetType().Name} from LoadSource: {e.Message}\n{Show(input)}");
            }

            timer.Stop();
            slowest = timer.Elapsed > slowest ? timer.Elapsed : slowest;
            Assert.True(timer.Elapsed < s_perInput,
                $"input {iterations} (seed {Seed}, {input.Length} characters) took {timer.Elapsed.TotalMilliseconds:F0} ms\n{Show(input)}");
            iterations++;
        }

        output.WriteLine($"seed {Seed}: {iterations} inputs in {run.Elapsed.TotalSeconds:F1} s, {loaded} loaded, slowest {slowest.TotalMilliseconds:F0} ms");
        Assert.True(iterations > 100, $"only {iterations} inputs in {s_duration}");
    }

    /// <summary>
    /// The seed of input <paramref name="index"/>: arithmetic on the run's seed and the index alone. (HashCode.Combine
    /// would not do: it is salted per process, so no two runs would see the same inputs.)
    /// </summary>
    internal static int InputSeed(int index) => unchecked((Seed * 1_000_003) + index);

    /// <summary>One input: a seed document changed by one to eight mutations.</summary>
    private static string Generate(Random random, List<string> seeds)
    {
        var text = new StringBuilder(seeds[random.Next(seeds.Count)]);
        int mutations = random.Next(1, 9);
        for (int m = 0; m < mutations; m++)
        {
            int at = random.Next(text.Length + 1);
            switch (random.Next(10))
            {
                case 0:
                    text.Insert(at, s_tokens[random.Next(s_tokens.Length)]);
                    break;
                case 1:
                    if (text.Length > 0)
                    {
                        int length = random.Next(1, Math.Min(64, text.Length - Math.Min(at, text.Length - 1)) + 1);
                        text.Remove(Math.Min(at, text.Length - 1), Math.Min(length, text.Length - Math.Min(at, text.Length - 1)));
                    }

                    break;
                case 2:
                    {
                        // Nesting around the limit and far past it, closed or not.
                        int depth = random.Next(2) == 0 ? random.Next(50, 80) : random.Next(100, 30_000);
                        bool mapping = random.Next(2) == 0;
                        string open = mapping ? "{a: " : "[";
                        string close = mapping ? "}" : "]";
                        text.Insert(at, string.Concat(Enumerable.Repeat(open, depth)) + (random.Next(2) == 0 ? string.Concat(Enumerable.Repeat(close, depth)) : ""));
                        break;
                    }

                case 3:
                    text.Insert(at, new string((char)random.Next('a', 'z' + 1), random.Next(2) == 0 ? random.Next(60_000, 70_000) : random.Next(1, 100)));
                    break;
                case 4:
                    for (int i = 0, n = random.Next(1, 32); i < n; i++)
                    {
                        text.Insert(Math.Min(at + i, text.Length), (char)random.Next(0, 0x10000));
                    }

                    break;
                case 5:
                    {
                        // A tab where indentation is.
                        int line = text.ToString().IndexOf('\n', Math.Min(at, text.Length));
                        text.Insert(line < 0 ? text.Length : line + 1, '\t');
                        break;
                    }

                case 6:
                    text.Insert(at, "&x" + random.Next(4).ToString(CultureInfo.InvariantCulture) + " ");
                    text.Insert(random.Next(text.Length + 1), " *x" + random.Next(4).ToString(CultureInfo.InvariantCulture));
                    break;
                case 7:
                    {
                        // Half of one seed spliced into another.
                        string other = seeds[random.Next(seeds.Count)];
                        text.Insert(at, other[random.Next(other.Length)..]);
                        break;
                    }

                case 8:
                    {
                        // A span repeated, as a long list of entries or keys.
                        int start = random.Next(text.Length + 1);
                        int length = Math.Min(random.Next(1, 200), text.Length - start);
                        string span = text.ToString(start, length);
                        text.Insert(start, string.Concat(Enumerable.Repeat(span, random.Next(2, 500))));
                        break;
                    }

                default:
                    text.Insert(at, s_tokens[random.Next(s_tokens.Length)] + s_tokens[random.Next(s_tokens.Length)]);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>The input for a failure message: whole when short, else its start and length.</summary>
    private static string Show(string input) =>
        input.Length <= 2000 ? input : string.Create(CultureInfo.InvariantCulture, $"{input[..2000]}... ({input.Length} characters)");

    public void Dispose() => _dir.Dispose();
}
