using System.Text;
using Streams.Analytics.Tests.Support;

namespace Streams.Cli.Tests;

/// <summary>The README's first command, shortened: the shipped demo end to end.</summary>
[Trait("Tier", "Integration")]
public sealed class DemoCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_demo_publishes_schema_valid_events_reads_them_back_from_the_broker_and_ends_with_a_summary()
    {
        string root = RepositoryRoot();
        string events = Path.Combine(root, "out", "demo", "events.jsonl");
        long before = File.Exists(events) ? new FileInfo(events).Length : 0;
        DateTime started = DateTime.UtcNow.AddSeconds(-1);

        using StreamsProcess demo = StreamsProcess.Start("demo", "--duration", "6s");

        int exit = await demo.WaitForExitAsync(s_timeout);
        Assert.True(exit == 0, $"exit {exit}:\n{demo.Stderr}");
        Assert.Contains("Embedded Kafka broker (in-memory, for demos and tests) listening on 127.0.0.1:", demo.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"kafka\[\d+@\d+\] +\S+ +object\.new +\w+ #\d+", demo.Stdout);
        Assert.Contains("Summary", demo.Stdout, StringComparison.Ordinal);
        foreach (string stream in new[] { "quiet-street", "busy-crossing", "yard" })
        {
            // 6 s of wall time, start-up included, replays less than the 20 s clips: the summary says how much.
            Assert.Matches($@"\| {stream} \| first \d+\.\d s of 20\.0 s \(frames 1-\d+ of 600\) \| \d+ / \d+ / \d+ / \d+ \| \d+ / \d+ \| [01]\.\d{{3}} \| [01]\.\d{{3}} \|", demo.Stdout);
        }

        // An annotated video per stream, written by this run.
        foreach (string stream in new[] { "quiet-street", "busy-crossing", "yard" })
        {
            var video = new FileInfo(Path.Combine(root, "out", "demo", "video", stream + ".mp4"));
            Assert.True(video.Exists && video.LastWriteTimeUtc >= started && video.Length > 1000, $"{video.FullName} was not written");
        }

        // This run's events, as the JSONL sink wrote them, each valid against the schema.
        JsonSchemaValidator schema = JsonSchemaValidator.FromFile(Path.Combine(root, "schemas", "event-v1.schema.json"));
        byte[] all = await File.ReadAllBytesAsync(events);
        string[] lines = Encoding.UTF8.GetString(all, (int)before, all.Length - (int)before).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (string line in lines)
        {
            IReadOnlyList<SchemaValidationError> errors = schema.Validate(line);
            Assert.True(errors.Count == 0, $"{string.Join("; ", errors)}\n{line}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Streams.sln not found");
    }
}
