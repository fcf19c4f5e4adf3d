using Streams.Hosting.Benchmarking;

namespace Streams.Cli.Tests;

[Trait("Tier", "Integration")]
public sealed class ValidateCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly string s_models = Path.Combine(BenchOptions.FindRoot(AppContext.BaseDirectory)!, "models");

    /// <summary>Models that can never start, each with the line its error must print (after the file's path).</summary>
    public static TheoryData<string, string, string> UnusableModels => new()
    {
        {
            "a text file as model",
            "    path: text.onnx\n    kind: detector",
            ": models[0]: model 'm': Model '{dir}/text.onnx': ONNX Runtime cannot load it: Load model from {dir}/text.onnx failed:Protobuf parsing failed.\n1 model error in models.yaml"
        },
        {
            "a classifier as detector",
            $"    path: {s_models}/demo-classifier.onnx\n    kind: detector",
            $": models[0]: model 'm': Model '{s_models}/demo-classifier.onnx': its output has shape [-1,2], which fits no detection decoder (YOLOv8 [N,4+C,A], YOLOv5 [N,A,5+C] or end-to-end [N,K,6])\n1 model error in models.yaml"
        },
        {
            "a wrong class count",
            $"    path: {s_models}/demo-detector.onnx\n    classes: [a, b, c]",
            $": models[0]: model 'm': Model '{s_models}/demo-detector.onnx': its output [-1,8,25600] read as yolov8 has 4 classes, but 3 class names are given\n1 model error in models.yaml"
        },
        {
            "a missing file",
            "    path: missing.onnx",
            ":8:11: models[0].path: file not found: {dir}/missing.onnx\n1 error in models.yaml"
        },
    };

    [Fact]
    public async Task A_valid_file_exits_zero_and_says_what_it_holds()
    {
        using var files = new TestFiles();
        string config = files.Write("ok.yaml", "sources:\n  - id: a\n    uri: synthetic://pattern?frames=10\n");
        using StreamsProcess streams = StreamsProcess.Start("validate", config);

        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("ok.yaml: valid (1 source, 0 models, 0 zones/lines, 0 sinks)", streams.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_file_exits_two_and_prints_every_error_with_its_position()
    {
        using var files = new TestFiles();
        string config = files.Write("bad.yaml", """
            runtime:
              queue_capacity: 0
            sources:
              - id: a
                uri: missing.mp4
              - id: a
                uri: synthetic://pattern
                replay: slow
            """);
        using StreamsProcess streams = StreamsProcess.Start("validate", config);

        Assert.Equal(2, await streams.WaitForExitAsync(s_timeout));
        string prefix = config + ":";
        Assert.Equal(
            [
                prefix + "2:19: runtime.queue_capacity: must be between 1 and 4096, got 0",
                prefix + "5:10: sources[0].uri: file not found: " + Path.Combine(files.Root, "missing.mp4"),
                prefix + "6:9: sources[1].id: duplicate source id 'a'; first declared at line 4",
                prefix + "8:13: sources[1].replay: invalid value 'slow'; expected one of: realtime, fast",
                "4 errors in bad.yaml",
            ],
            streams.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_missing_file_is_named_in_the_error()
    {
        using StreamsProcess streams = StreamsProcess.Start("validate", "/nonexistent/pipeline.yaml");

        Assert.Equal(2, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("/nonexistent/pipeline.yaml", streams.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_every_command()
    {
        using StreamsProcess streams = StreamsProcess.Start("--help");

        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        foreach (string command in new[] { "run <config>", "validate <config>", "demo" })
        {
            Assert.Contains(command, streams.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(UnusableModels))]
    public async Task Validate_with_models_and_run_both_refuse_a_model_that_cannot_start_naming_it_and_exit_two(string model, string yaml, string expected)
    {
        using var files = new TestFiles();
        files.Write("text.onnx", "this is not a model\n");
        string config = files.Write("models.yaml", $$"""
            sources:
              - id: a
                uri: synthetic://pattern?width=64&height=64&frames=10
            sinks:
              - type: stdout
            models:
              - id: m
            {{yaml}}
            """);
        string[] lines = (config + expected.Replace("{dir}", files.Root, StringComparison.Ordinal)).Split('\n');

        foreach (string[] args in new[] { new[] { "validate", "--models", config }, new[] { "run", config } })
        {
            using StreamsProcess streams = StreamsProcess.Start(args);

            Assert.True(2 == await streams.WaitForExitAsync(s_timeout), $"{model}, {args[0]}: {streams.Stderr}");
            Assert.Equal(lines, streams.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Equal("", streams.Stdout);
        }
    }

    [Fact]
    public async Task Validate_with_models_passes_the_demo_configuration()
    {
        string demo = Path.Combine(BenchOptions.FindRoot(AppContext.BaseDirectory)!, "configs", "demo.yaml");
        using StreamsProcess streams = StreamsProcess.Start("validate", "--models", demo);

        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("demo.yaml: valid (3 sources, 2 models", streams.Stdout, StringComparison.Ordinal);
    }
}
