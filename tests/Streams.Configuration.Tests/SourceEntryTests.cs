namespace Streams.Configuration.Tests;

/// <summary>
/// One <c>sources[]</c> entry read on its own, as <c>POST /streams</c> receives it: bound and validated like a file's
/// entry, with positions in the body and key paths within the entry.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class SourceEntryTests : IDisposable
{
    private const string Body = "request body";

    private readonly TempDirectory _dir = new();

    public static TheoryData<string, string, int, int, string, string> BadBodies() => new()
    {
        { "10 KiB of '{'", new string('{', 10_752), 1, 65, "", "lists and mappings nest deeper than the limit of 64 levels" },
        { "10 KiB of '['", new string('[', 10_752), 1, 65, string.Concat(Enumerable.Repeat("[0]", 64)), "lists and mappings nest deeper than the limit of 64 levels" },
        { "an unclosed string", """{"id": "a", "uri": "x.mp4}""", 1, 20, "", "invalid JSON: While scanning a quoted scalar, found unexpected end of stream." },
        // The end of the body is where the parser gave up: the line after the last, as YAML ends a stream with a line break.
        { "an unclosed object", """{"id": "a", "uri": "x.mp4" """, 2, 1, "", "invalid JSON: While parsing a flow mapping, did not find expected ',' or '}'." },
        { "a list", """[{"id": "a", "uri": "x.mp4"}]""", 1, 1, "", "expected one source entry as a JSON object, got a list" },
        { "a string", "\"rtsp://cam/1\"", 1, 1, "", "expected one source entry as a JSON object, got 'rtsp://cam/1'" },
        { "nothing", "", 0, 0, "", "expected one source entry as a JSON object, got nothing" },
        { "a wrong enum", """{"id": "a", "uri": "synthetic://pattern", "replay": "sideways"}""", 1, 53, "replay", "invalid value 'sideways'; expected one of: realtime, fast" },
        { "an unknown key", """{"id": "a", "uri": "synthetic://pattern", "colour": 1}""", 1, 43, "colour", "unknown key 'colour'; expected one of: id, queue_policy, queue_capacity, required, uri, live, replay, loop, detect_fps, start, duration, rtsp_transport, watchdog_timeout, first_frame_timeout, backoff_initial, backoff_max, backoff_jitter, backoff_reset_after, max_retries, decoder_threads" },
        { "a missing id", """{"uri": "synthetic://pattern"}""", 1, 1, "id", "required key 'id' is missing" },
        { "a variable", """{"id": "a", "uri": "rtsp://${HOME}/x"}""", 1, 20, "uri", "environment variable 'HOME' is not set and has no default (write '${HOME:-default}' to give one)" },
        { "a duplicate key", """{"id": "a", "id": "b", "uri": "synthetic://pattern"}""", 1, 13, "id", "duplicate key 'id'; first defined at line 1" },
        { "a missing file", """{"id": "a", "uri": "nowhere.mp4"}""", 1, 20, "uri", "file not found: {dir}/nowhere.mp4" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void A_bad_body_is_one_error_at_its_position_in_the_body(string name, string body, int line, int column, string keyPath, string message)
    {
        var errors = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.LoadSource(body, Body, _dir.Path)).Errors;

        var error = Assert.Single(errors);
        string expected = message.Replace("{dir}", _dir.Path, StringComparison.Ordinal);
        Assert.True((Body, line, column, keyPath, expected) == (error.File, error.Line, error.Column, error.KeyPath, error.Message),
            $"{name}: got {error}");
    }

    [Fact]
    public void A_valid_entry_binds_with_its_file_resolved_against_the_base_directory()
    {
        _dir.Touch("clips/a.mp4");

        SourceOptions source = PipelineConfigLoader.LoadSource("""{"id": "cam", "uri": "clips/a.mp4", "loop": true}""", Body, _dir.Path);

        Assert.Equal(("cam", Path.Combine(_dir.Path, "clips", "a.mp4"), true), (source.Id, source.Uri, source.Loop));
    }

    [Fact]
    public void A_yaml_body_is_read_as_yaml()
    {
        var error = Assert.Single(Assert.Throws<ConfigurationException>(
            () => PipelineConfigLoader.LoadSource("id: a\nuri: \"x\n", Body, _dir.Path)).Errors);

        Assert.StartsWith("invalid YAML: ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
