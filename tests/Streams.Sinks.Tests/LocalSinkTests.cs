using System.Text;
using System.Text.Json;
using Streams.Sinks.Tests.Support;

namespace Streams.Sinks.Tests;

[Trait("Tier", "Unit")]
public sealed class LocalSinkTests
{
    private static readonly OutgoingEvent s_multiLine = new("m-1", "line.cross", "cam",
        Encoding.UTF8.GetBytes("{\n  \"id\": \"m-1\",\n  \"nested\": { \"a\": [1, 2] }\n}"), "1", TestEvents.Epoch);

    private static readonly OutgoingEvent s_notJson = new("bad-1", "line.cross", "cam", "not json\n"u8.ToArray(), "1", TestEvents.Epoch);

    [Fact]
    public async Task The_jsonl_file_sink_writes_one_valid_json_object_per_line()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "out", "events.jsonl");
        await using (var sink = new JsonLinesFileSink(new JsonLinesFileSinkOptions { Path = path }))
        {
            for (int i = 0; i < 5; i++)
            {
                await sink.WriteAsync(TestEvents.Make("cam", i));
            }

            await sink.WriteAsync(s_multiLine);
            await sink.WriteAsync(s_notJson);
            EventSinkStatistics stats = sink.GetStatistics();
            Assert.Equal(6, stats.Acknowledged);
            Assert.Equal(1, stats.Dropped[EventDropReason.Rejected]);
        }

        string[] lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(6, lines.Length);
        foreach (string line in lines)
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        }

        Assert.Equal(Encoding.UTF8.GetString(TestEvents.Make("cam", 0).Payload.Span), lines[0]); // the payload as is
        Assert.Equal("m-1", JsonDocument.Parse(lines[5]).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_stdout_sink_writes_one_json_object_per_line_or_indented_when_pretty()
    {
        var compact = new StringWriter();
        await using (var sink = new ConsoleEventSink(writer: compact))
        {
            await sink.WriteAsync(TestEvents.Make("cam", 0));
            await sink.WriteAsync(s_multiLine);
            await sink.WriteAsync(s_notJson);
        }

        string[] lines = compact.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind));

        var pretty = new StringWriter();
        await using (var sink = new ConsoleEventSink(new ConsoleEventSinkOptions { Pretty = true }, pretty))
        {
            await sink.WriteAsync(TestEvents.Make("cam", 0));
            await sink.WriteAsync(s_multiLine);
        }

        string text = pretty.ToString();
        Assert.True(text.Split('\n').Length > 6, "indented output spans several lines");
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        int objects = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 0)
            {
                objects++;
            }
        }

        Assert.Equal(2, objects);
    }

    [Fact]
    public void The_tail_formatter_prints_jsonl_pretty_and_with_metadata()
    {
        var tailed = new TailedEvent("t", 1, 42, TestEvents.Epoch, "cam", "m-1", "line.cross", "1", "application/json", s_multiLine.Payload);
        string line = EventFormatter.Format(tailed, EventFormat.JsonLines);
        Assert.DoesNotContain('\n', line);
        Assert.Equal("m-1", JsonDocument.Parse(line).RootElement.GetProperty("id").GetString());

        string withMeta = EventFormatter.Format(tailed, EventFormat.JsonLines, includeMetadata: true);
        using JsonDocument meta = JsonDocument.Parse(withMeta);
        Assert.Equal(42, meta.RootElement.GetProperty("offset").GetInt64());
        Assert.Equal("cam", meta.RootElement.GetProperty("stream").GetString());
        Assert.Equal("m-1", meta.RootElement.GetProperty("payload").GetProperty("id").GetString());

        Assert.Contains('\n', EventFormatter.Format(tailed, EventFormat.Pretty));
        var bad = tailed with { Payload = "oops"u8.ToArray() };
        Assert.Equal("\"oops\"", EventFormatter.Format(bad, EventFormat.JsonLines));
    }
}
