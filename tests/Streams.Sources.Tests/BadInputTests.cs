using Streams.Runtime;
using Streams.Sources.Tests.Support;

namespace Streams.Sources.Tests;

[Trait("Tier", "Integration")]
public sealed class BadInputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Each_bad_input_fails_its_own_stream_with_a_redacted_reason_naming_it_while_another_stream_keeps_running()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var http = new NotFoundServer();
        await using var harness = new SourceHarness(output);
        string httpUrl = $"http://viewer:hunter2@127.0.0.1:{http.Port}/missing.mp4?token=abc123";
        var bad = new Dictionary<string, (FfmpegSourceOptions Options, string[] Expected)>
        {
            ["truncated"] = (new() { Uri = clips.Truncated }, [clips.Truncated, "Invalid data found", "moov atom not found"]),
            ["empty"] = (new() { Uri = clips.Empty }, [clips.Empty, "Invalid data found"]),
            ["text"] = (new() { Uri = clips.Text }, [clips.Text, "Invalid data found"]),
            ["missing"] = (new() { Uri = Path.Combine(clips.Directory, "absent.mp4") }, ["absent.mp4", "No such file or directory"]),
            ["nohost"] = (new() { Uri = "rtsp://admin:s3cret@nonexistent.invalid/x", MaxRetries = 0 },
                ["rtsp://***@nonexistent.invalid/x", "gave up after 1 failed attempt", "resolve hostname nonexistent.invalid"]),
            ["http404"] = (new() { Uri = httpUrl, Live = false },
                [$"http://***@127.0.0.1:{http.Port}/missing.mp4?token=***: Server returned 404 Not Found"]),
        };
        foreach ((string id, (FfmpegSourceOptions options, _)) in bad)
        {
            harness.Add(id, options);
        }

        // Looped in real time for 5 s: still streaming while the bad ones fail.
        (StreamContext good, _) = harness.Add("good", new FfmpegSourceOptions { Uri = clips.Clip, Loop = true, Duration = TimeSpan.FromSeconds(5) });

        harness.Start();
        await harness.Sink.WaitForFramesAsync("good", 5);
        foreach (string id in bad.Keys)
        {
            await harness.Logs.WaitForStateAsync(id, StreamState.Failed);
        }

        Assert.Equal(StreamState.Streaming, good.State);
        await harness.CompletionAsync();

        foreach ((string id, (_, string[] expected)) in bad)
        {
            StreamContext stream = harness.Pipeline.FindStream(id)!;
            Assert.Equal(StreamState.Failed, stream.State);
            foreach (string part in expected)
            {
                Assert.Contains(part, stream.Reason, StringComparison.Ordinal);
            }

            Assert.Equal(0, harness.Sink.CountOf(id));
        }

        // No secret anywhere: not in reasons, not in any log line.
        Assert.All(harness.Logs.Entries, e =>
        {
            Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("abc123", e.Message, StringComparison.Ordinal);
        });
        Assert.Equal(StreamState.Ended, good.State);
        Assert.Equal(150, harness.Sink.CountOf("good"));
        harness.AssertCleanEnd();
    }
}
