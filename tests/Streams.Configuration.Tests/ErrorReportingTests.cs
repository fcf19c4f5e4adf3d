using Streams.Sinks;

namespace Streams.Configuration.Tests;

[Trait("Tier", "Unit")]
public sealed class ErrorReportingTests : ConfigTestBase
{
    [Fact]
    public void Malformed_yaml_is_one_error_at_the_parser_position()
    {
        var error = SingleError("runtime:\n  queue_capacity: 8\n  shutdown_timeout: \"10s\n");

        AssertError(error, 3, 21, "", "invalid YAML: While scanning a quoted scalar, found unexpected end of stream.");
    }

    [Fact]
    public void Broken_flow_list_is_one_error_not_a_crash()
    {
        var error = SingleError("runtime:\n  queue_capacity: [8\nlogging: {}\n");

        AssertError(error, 3, 1, "", "invalid YAML: the parser stopped here; look for an unclosed '[', '{' or quote above");
    }

    [Fact]
    public void Unknown_key_is_reported_with_a_suggestion_and_its_position()
    {
        var error = SingleError("runtime:\n  queue_capcity: 4\n");

        AssertError(error, 2, 3, "runtime.queue_capcity", "unknown key 'queue_capcity' (did you mean 'queue_capacity'?)");
    }

    [Fact]
    public void Unknown_key_is_suggested_from_a_clear_prefix()
    {
        var error = SingleError("runtime:\n  shutdown: 4s\n");

        AssertError(error, 2, 3, "runtime.shutdown", "unknown key 'shutdown' (did you mean 'shutdown_timeout'?)");
    }

    [Fact]
    public void Unknown_key_without_a_likely_meaning_lists_the_known_keys()
    {
        var error = SingleError("pipeline:\n  colour: blue\n");

        AssertError(error, 2, 3, "pipeline.colour", "unknown key 'colour'; expected one of: name, instance_id");
    }

    [Fact]
    public void Unknown_top_level_section_is_reported()
    {
        var error = SingleError("trackers:\n  type: none\n");

        AssertError(error, 1, 1, "trackers", "unknown key 'trackers' (did you mean 'tracker'?)");
    }

    [Fact]
    public void Wrong_scalar_type_is_reported_at_the_value()
    {
        var error = SingleError("runtime:\n  queue_capacity: lots\n");

        AssertError(error, 2, 19, "runtime.queue_capacity", "expected an integer, got 'lots'");
    }

    [Fact]
    public void Mapping_where_a_list_is_expected_is_reported()
    {
        var error = SingleError("sources:\n  id: cam1\n  uri: rtsp://cam/1\n");

        AssertError(error, 2, 3, "sources", "expected a list, got a mapping");
    }

    [Fact]
    public void Scalar_where_a_section_is_expected_is_reported()
    {
        var error = SingleError("tracker: bytetrack\n");

        AssertError(error, 1, 10, "tracker", "expected a mapping, got 'bytetrack'");
    }

    [Fact]
    public void Missing_required_key_is_reported_at_its_mapping()
    {
        var error = SingleError("sources:\n  - id: cam1\n    live: true\n");

        AssertError(error, 2, 5, "sources[0].uri", "required key 'uri' is missing");
    }

    [Fact]
    public void Value_out_of_range_states_the_range()
    {
        var error = SingleError("runtime:\n  queue_capacity: 5000\n");

        AssertError(error, 2, 19, "runtime.queue_capacity", "must be between 1 and 4096, got 5000");
    }

    [Fact]
    public void Duration_out_of_range_is_shown_as_a_duration()
    {
        var error = SingleError("runtime:\n  shutdown_timeout: 50ms\n");

        AssertError(error, 2, 21, "runtime.shutdown_timeout", "must be between 100ms and 10m, got 50ms");
    }

    [Fact]
    public void Fraction_out_of_range_is_reported()
    {
        var error = SingleError("tracker:\n  match_thresh: 1.5\n");

        AssertError(error, 2, 17, "tracker.match_thresh", "must be between 0 and 1, got 1.5");
    }

    [Theory]
    [InlineData("recovery_match_thresh: -0.1", 26, "tracker.recovery_match_thresh", "got -0.1")]
    [InlineData("sampled_confirm_thresh: 2", 27, "tracker.sampled_confirm_thresh", "got 2")]
    public void The_sampled_rate_tracker_thresholds_are_fractions(string entry, int column, string key, string got)
    {
        var error = SingleError("tracker:\n  " + entry + "\n");

        AssertError(error, 2, column, key, "must be between 0 and 1, " + got);
    }

    [Fact]
    public void Invalid_enum_value_lists_the_allowed_values()
    {
        var error = SingleError("logging:\n  level: loud\n");

        AssertError(error, 2, 10, "logging.level", "invalid value 'loud'; expected one of: verbose, debug, information, warning, error");
    }

    [Fact]
    public void Misspelt_enum_value_gets_a_suggestion()
    {
        Dir.Touch("m.onnx");
        var error = SingleError("models:\n  - { id: m, path: m.onnx, provider: [cuda, tensor_rt] }\n");

        AssertError(error, 2, 45, "models[0].provider[1]",
            "invalid value 'tensor_rt'; expected one of: tensorrt, cuda, cpu (did you mean 'tensorrt'?)");
    }

    [Fact]
    public void Invalid_duration_explains_the_format()
    {
        var error = SingleError("runtime:\n  shutdown_timeout: 10 seconds\n");

        AssertError(error, 2, 21, "runtime.shutdown_timeout",
            "invalid duration '10 seconds'; write a number with a unit: 250ms, 10s, 2m, 1h (a bare number is seconds)");
    }

    [Fact]
    public void Duplicate_source_id_points_at_the_second_and_names_the_first_line()
    {
        Dir.Touch("a.mp4");
        var error = SingleError("""
            sources:
              - id: cam1
                uri: a.mp4
              - id: cam2
                uri: a.mp4
              - id: cam1
                uri: a.mp4
            """);

        AssertError(error, 6, 9, "sources[2].id", "duplicate source id 'cam1'; first declared at line 2");
    }

    [Fact]
    public void Zone_and_line_ids_share_one_namespace()
    {
        var error = SingleError("""
            analytics:
              zones:
                - { id: door, polygon: [[0, 0], [1, 0], [1, 1]] }
              lines:
                - { id: door, points: [[0, 0], [1, 1]] }
            """);

        AssertError(error, 5, 13, "analytics.lines[0].id", "duplicate zone or line id 'door'; first declared at line 3");
    }

    [Fact]
    public void Duplicate_model_and_sink_ids_are_reported()
    {
        Dir.Touch("m.onnx");
        var errors = Errors("""
            models:
              - { id: m, path: m.onnx }
              - { id: m, path: m.onnx }
            sinks:
              - { type: stdout, id: out }
              - { type: stdout }
              - { type: jsonl, id: out, path: e.jsonl }
            """);

        Assert.Equal(2, errors.Count);
        AssertError(errors[0], 3, 11, "models[1].id", "duplicate model id 'm'; first declared at line 2");
        AssertError(errors[1], 7, 24, "sinks[2].id", "duplicate sink id 'out'; first declared at line 5");
    }

    [Fact]
    public void Duplicate_key_in_one_mapping_names_the_first_line()
    {
        var error = SingleError("runtime:\n  queue_capacity: 4\n  metrics_interval: 1s\n  queue_capacity: 6\n");

        AssertError(error, 4, 3, "runtime.queue_capacity", "duplicate key 'queue_capacity'; first defined at line 2");
    }

    [Fact]
    public void Missing_local_file_names_the_resolved_path()
    {
        var error = SingleError("sources:\n  - id: clip\n    uri: media/missing.mp4\n");

        AssertError(error, 3, 10, "sources[0].uri", $"file not found: {Path.Combine(Dir.Path, "media", "missing.mp4")}");
    }

    [Fact]
    public void Missing_model_file_is_reported()
    {
        var error = SingleError("models:\n  - id: m\n    path: nowhere.onnx\n");

        AssertError(error, 3, 11, "models[0].path", $"file not found: {Path.Combine(Dir.Path, "nowhere.onnx")}");
    }

    [Fact]
    public void Jsonl_sink_path_need_not_exist()
    {
        var options = Load("sinks:\n  - { type: jsonl, path: not/yet/there.jsonl }\n");

        Assert.Equal(Path.Combine(Dir.Path, "not", "yet", "there.jsonl"), ((JsonLinesFileSinkOptions)options.Sinks[0]).Path);
    }

    [Fact]
    public void Unsupported_uri_scheme_is_reported_without_echoing_the_uri()
    {
        var error = SingleError("sources:\n  - { id: cam, uri: \"ftp://user:hunter2@host/v.mp4\" }\n");

        AssertError(error, 2, 21, "sources[0].uri",
            "unsupported scheme 'ftp'; use a file path or an rtsp://, rtsps://, http://, https:// or synthetic:// URI");
    }

    [Fact]
    public void Invalid_source_id_is_reported()
    {
        var error = SingleError("sources:\n  - { id: \"-cam 1\", uri: \"rtsp://cam/1\" }\n");

        AssertError(error, 2, 11, "sources[0].id",
            "invalid id '-cam 1'; use 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }

    [Fact]
    public void Polygon_with_fewer_than_three_points_is_reported()
    {
        var error = SingleError("analytics:\n  zones:\n    - id: z\n      polygon: [[0, 0], [5, 5]]\n");

        AssertError(error, 4, 16, "analytics.zones[0].polygon", "a polygon needs at least 3 points, got 2");
    }

    [Fact]
    public void Line_without_exactly_two_points_is_reported()
    {
        var error = SingleError("analytics:\n  lines:\n    - id: l\n      points: [[0, 0], [5, 5], [9, 9]]\n");

        AssertError(error, 4, 15, "analytics.lines[0].points", "a line needs exactly 2 points, got 3");
    }

    [Fact]
    public void Point_that_is_not_a_pair_is_reported()
    {
        var error = SingleError("analytics:\n  lines:\n    - id: l\n      points: [[0, 0], [5, 5, 1]]\n");

        AssertError(error, 4, 24, "analytics.lines[0].points[1]", "expected a point [x, y], got a list of 3 values");
    }

    [Fact]
    public void Normalized_coordinate_outside_zero_to_one_is_reported_at_the_point()
    {
        var error = SingleError("""
            analytics:
              zones:
                - id: z
                  coordinates: normalized
                  polygon:
                    - [0.1, 0.1]
                    - [1.2, 0.5]
                    - [0.5, 0.9]
            """);

        AssertError(error, 7, 11, "analytics.zones[0].polygon[1]", "normalized coordinates must lie in 0..1, got [1.2, 0.5]");
    }

    [Fact]
    public void Zone_naming_an_unknown_stream_lists_the_declared_sources()
    {
        var error = SingleError("""
            sources:
              - { id: cam1, uri: "rtsp://cam/1" }
              - { id: cam2, uri: "rtsp://cam/2" }
            analytics:
              zones:
                - { id: z, stream: cam3, polygon: [[0, 0], [1, 0], [1, 1]] }
            """);

        AssertError(error, 6, 24, "analytics.zones[0].stream", "unknown stream 'cam3'; declared sources: cam1, cam2 (did you mean 'cam1'?)");
    }

    [Fact]
    public void Line_naming_a_stream_when_none_are_declared_is_reported()
    {
        var error = SingleError("analytics:\n  lines:\n    - { id: l, stream: cam1, points: [[0, 0], [1, 1]] }\n");

        AssertError(error, 3, 24, "analytics.lines[0].stream", "unknown stream 'cam1'; no sources are declared");
    }

    [Fact]
    public void Backoff_max_below_backoff_initial_is_reported()
    {
        var error = SingleError("sources:\n  - id: cam\n    uri: rtsp://cam/1\n    backoff_initial: 1m\n    backoff_max: 20s\n");

        AssertError(error, 5, 18, "sources[0].backoff_max", "must be at least backoff_initial (1m), got 20s");
    }

    [Fact]
    public void Watchdog_shorter_than_the_gap_between_sampled_frames_is_reported()
    {
        var error = SingleError("sources:\n  - id: cam\n    uri: rtsp://cam/1\n    detect_fps: 0.5\n    watchdog_timeout: 3s\n");

        AssertError(error, 5, 23, "sources[0].watchdog_timeout", "must be longer than two intervals between sampled frames (2 / detect_fps = 4 s), got 3s");
    }

    [Fact]
    public void Backoff_rule_against_an_unset_default_points_at_the_source()
    {
        var error = SingleError("sources:\n  - id: cam\n    uri: rtsp://cam/1\n    backoff_initial: 45s\n");

        AssertError(error, 2, 5, "sources[0].backoff_max", "must be at least backoff_initial (45s), got 30s");
    }

    [Fact]
    public void Document_that_is_not_a_mapping_is_reported()
    {
        var error = SingleError("- pipeline\n- runtime\n");

        AssertError(error, 1, 1, "",
            "a pipeline file must be a mapping of sections (pipeline, runtime, logging, sources, models, tracker, analytics, sinks), got a list");
    }

    [Fact]
    public void Unknown_sink_type_lists_the_known_ones()
    {
        var error = SingleError("sinks:\n  - type: kafak\n    topic: t\n");

        AssertError(error, 2, 11, "sinks[0].type", "unknown type 'kafak'; expected one of: jsonl, kafka, stdout (did you mean 'kafka'?)");
    }

    [Fact]
    public void Sink_without_a_type_is_reported()
    {
        var error = SingleError("sinks:\n  - topic: t\n");

        AssertError(error, 2, 5, "sinks[0].type", "required key 'type' is missing; expected one of: jsonl, kafka, stdout");
    }

    [Fact]
    public void Key_of_another_sink_type_is_unknown_for_this_one()
    {
        var error = SingleError("sinks:\n  - type: stdout\n    topic: t\n");

        AssertError(error, 3, 5, "sinks[0].topic", "unknown key 'topic'; expected one of: type, pretty, id");
    }

    [Fact]
    public void Invalid_kafka_topic_is_reported()
    {
        var error = SingleError("sinks:\n  - type: kafka\n    topic: my topic\n");

        AssertError(error, 3, 12, "sinks[0].topic", "invalid Kafka topic 'my topic'; use 1-249 letters, digits, '.', '_' or '-', and not '.' or '..'");
    }

    [Fact]
    public void Classifier_only_key_on_a_detector_is_reported()
    {
        Dir.Touch("m.onnx");
        var error = SingleError("models:\n  - { id: m, path: m.onnx, apply_to: [car] }\n");

        AssertError(error, 2, 38, "models[0].apply_to", "apply_to is only for classifier models (kind: classifier)");
    }

    [Fact]
    public void Null_for_a_value_that_needs_one_is_reported()
    {
        var error = SingleError("runtime:\n  queue_capacity:\n");

        AssertError(error, 2, 18, "runtime.queue_capacity", "a value is required");
    }

    [Fact]
    public void A_second_document_is_reported()
    {
        var error = SingleError("runtime: {}\n---\nlogging: {}\n");

        AssertError(error, 2, 1, "", "a pipeline file holds one YAML document; remove the second '---'");
    }

    [Fact]
    public void Every_error_in_a_file_is_reported_at_once_in_file_order()
    {
        var errors = Errors("""
            runtime:
              queue_capacity: 0
              shutdown_timout: 5s
            logging:
              level: chatty
            sources:
              - id: cam
                uri: rtsp://cam/1
                backoff_max: soon
              - id: cam
            tracker:
              track_buffer: many
            analytics:
              lines:
                - { id: l, stream: nope, points: [[0, 0]] }
            """);

        Assert.Equal(
            [
                "pipeline.yaml:2:19: runtime.queue_capacity: must be between 1 and 4096, got 0",
                "pipeline.yaml:3:3: runtime.shutdown_timout: unknown key 'shutdown_timout' (did you mean 'shutdown_timeout'?)",
                "pipeline.yaml:5:10: logging.level: invalid value 'chatty'; expected one of: verbose, debug, information, warning, error",
                "pipeline.yaml:9:18: sources[0].backoff_max: invalid duration 'soon'; write a number with a unit: 250ms, 10s, 2m, 1h (a bare number is seconds)",
                "pipeline.yaml:10:5: sources[1].uri: required key 'uri' is missing",
                "pipeline.yaml:10:9: sources[1].id: duplicate source id 'cam'; first declared at line 7",
                "pipeline.yaml:12:17: tracker.track_buffer: expected an integer, got 'many'",
                "pipeline.yaml:15:24: analytics.lines[0].stream: unknown stream 'nope'; declared sources: cam",
                "pipeline.yaml:15:38: analytics.lines[0].points: a line needs exactly 2 points, got 1",
            ],
            errors.Select(static e => e.ToString()));
    }

    [Fact]
    public void Exception_message_lists_one_error_per_line()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Load("runtime:\n  queue_capacity: 0\n  metrics_interval: -1s\n"));

        Assert.Equal(
            "pipeline.yaml:2:19: runtime.queue_capacity: must be between 1 and 4096, got 0" + Environment.NewLine
            + "pipeline.yaml:3:21: runtime.metrics_interval: must be at least 0s, got -1s",
            exception.Message);
    }

    [Fact]
    public void Missing_config_file_is_one_error_naming_it()
    {
        string path = Path.Combine(Dir.Path, "absent.yaml");

        var exception = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.Load(path));

        var error = Assert.Single(exception.Errors);
        Assert.Equal((path, 0, 0, ""), (error.File, error.Line, error.Column, error.KeyPath));
        Assert.Equal($"configuration file not found: {path}", error.Message);
        Assert.Equal($"{path}: configuration file not found: {path}", exception.Message);
    }

    [Fact]
    public void Errors_in_a_file_on_disk_carry_its_path_as_given()
    {
        string path = Dir.Touch("bad.yaml", "runtime:\n  queue_capacity: lots\n");

        var exception = Assert.Throws<ConfigurationException>(() => PipelineConfigLoader.Load(path, NoEnvironment));

        Assert.Equal($"{path}:2:19: runtime.queue_capacity: expected an integer, got 'lots'", exception.Message);
    }
}
