using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Streams.Cli.Tests;

/// <summary>
/// Hostile and mistaken <c>POST /streams</c> bodies sent to a real <c>streams run</c>: each is answered with its own
/// status and a message that names the problem, and the stream already running never stops.
/// </summary>
[Trait("Tier", "Integration")]
public sealed partial class HttpHostileBodyTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private const string Token = "test-token-0123456789";

    [Fact]
    public async Task Bad_bodies_are_answered_one_by_one_while_the_running_stream_keeps_streaming()
    {
        string root = RepositoryRoot();
        using var files = new TestFiles();
        using var outside = new TestFiles();
        string inside = Path.Combine(files.Root, "inside-" + Guid.NewGuid().ToString("N")[..8] + ".mp4");
        File.Copy(Path.Combine(root, "sample-streams", "quiet-street.mp4"), inside);
        string secret = outside.Write("secret.mp4", "not for the API");
        string link = Path.Combine(files.Root, "link.mp4");
        File.CreateSymbolicLink(link, secret);
        string config = files.Write("api.yaml", $$"""
            pipeline: { instance_id: hostile-bodies }
            runtime: { metrics_interval: 0 }
            api: { enabled: true, listen: "127.0.0.1:0", token: {{Token}} }
            sources:
              - id: first
                uri: synthetic://pattern?width=64&height=64&fps=10&frames=100000
            models:
              - id: demo-detector
                path: {{root}}/models/demo-detector.onnx
                intra_op_threads: 1
            sinks:
              - type: stdout
            """);
        using StreamsProcess streams = StreamsProcess.StartWaitingFor("HTTP API listening on", "run", config);
        await streams.Started.WaitAsync(s_timeout);
        using var http = new HttpClient { BaseAddress = new Uri(ApiAddress().Match(streams.Stderr).Groups[1].Value), Timeout = s_timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        // As curl does for large bodies: the server may refuse a body by its headers before it is sent. Without it an
        // oversized body races the refusal, and the client can see the closed connection before the 413.
        http.DefaultRequestHeaders.ExpectContinue = true;

        // Case, body, status, text the answer must hold. Before the limits, the first body overflowed the stack of
        // the reader and ended the process (exit 134) with every stream in it.
        (string Case, HttpContent Body, HttpStatusCode Status, string Says)[] cases =
        [
            ("10.5 KB of '{'", Json(new string('{', 10_752)), HttpStatusCode.BadRequest,
                "request body:1:65: lists and mappings nest deeper than the limit of 64 levels"),
            ("10.5 KB of '['", Json(new string('[', 10_752)), HttpStatusCode.BadRequest, "nest deeper than the limit of 64 levels"),
            ("broken JSON", Json("""{"id": "x", "uri": "synthetic://pattern" "loop": true}"""), HttpStatusCode.BadRequest, "invalid JSON: "),
            ("a wrong value", Json("""{"id": "x", "uri": "synthetic://pattern", "replay": "sideways"}"""), HttpStatusCode.BadRequest,
                "request body:1:53: replay: invalid value 'sideways'; expected one of: realtime, fast"),
            ("a 2 MiB body", Json(new string(' ', 2 * 1024 * 1024)), HttpStatusCode.RequestEntityTooLarge, "over the limit of 65536 bytes"),
            ("a 100 KB body of unknown length", Chunked(new string(' ', 100_000)), HttpStatusCode.RequestEntityTooLarge, "over the limit of 65536 bytes"),
            ("a file outside api.allowed_paths", Json($$"""{"id": "x", "uri": "{{secret}}"}"""), HttpStatusCode.Forbidden,
                $"uri: {secret} is outside api.allowed_paths ({files.Root})"),
            ("a link out of api.allowed_paths", Json($$"""{"id": "x", "uri": "{{link}}"}"""), HttpStatusCode.Forbidden, "is outside api.allowed_paths"),
            ("a file inside api.allowed_paths", Json($$"""{"id": "added", "uri": "{{inside}}", "loop": true}"""), HttpStatusCode.Created, "\"id\":\"added\""),
            ("a taken id", Json($$"""{"id": "added", "uri": "{{inside}}"}"""), HttpStatusCode.Conflict, "{\"error\":\"a stream with id 'added' exists already\"}"),
        ];

        foreach (var (name, body, status, says) in cases)
        {
            using HttpResponseMessage response = await http.PostAsync(new Uri("/streams", UriKind.Relative), body);
            string answer = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{name}: {(int)response.StatusCode} {answer}");
            Assert.True(answer.Contains(says, StringComparison.Ordinal), $"{name}: {answer}");
            Assert.DoesNotContain("(Parameter", answer, StringComparison.Ordinal);
            body.Dispose();
        }

        // The stream that ran before keeps running: its frame count still grows.
        long before = FramesIn(await http.GetStringAsync(new Uri("/streams/first", UriKind.Relative)));
        await streams.WaitForLineAsync("Stream added (", s_timeout);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(new Uri("/streams/added", UriKind.Relative))).StatusCode);
        long after = before;
        var deadline = DateTime.UtcNow + s_timeout;
        while (after <= before && DateTime.UtcNow < deadline)
        {
            after = FramesIn(await http.GetStringAsync(new Uri("/streams/first", UriKind.Relative)));
        }

        Assert.True(after > before, $"stream first stopped at {before} frames");
        streams.Signal(15);
        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        // Nothing the bodies reached leaked: every frame went back to its pool, and the added file's ffmpeg is gone.
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"Pipeline \S+ finished; frames: \d+ rented, 0 not returned"), streams.Stderr);
        Assert.Empty(BadSourceTests.ProcessesNaming(Path.GetFileName(inside)));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>A body sent without Content-Length, so the server learns its size only by reading it.</summary>
    private static StreamContent Chunked(string text)
    {
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(text)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static long FramesIn(string view)
    {
        using JsonDocument document = JsonDocument.Parse(view);
        return document.RootElement.GetProperty("frames_in").GetInt64();
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

    [GeneratedRegex(@"HTTP API listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ApiAddress();

    /// <summary>A memory stream that will not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
