using Streams.Sinks;
using Streams.Configuration;
using Streams.Inference;
using YamlDotNet.RepresentationModel;

namespace Streams.Configuration.Tests;

/// <summary>
/// docker-compose.yml, read as Compose reads it: a KRaft Kafka, the RTSP camera stand-in and the pipeline built from
/// this repository, wired to each other through the pipeline file it runs, and nothing published beyond loopback.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class ComposeFileTests
{
    private static readonly string s_root = ShippedConfigsTests.RepositoryRoot();
    private static readonly YamlMappingNode s_services = (YamlMappingNode)LoadCompose()["services"];

    [Fact]
    public void Kafka_runs_in_KRaft_mode_as_broker_and_controller_with_a_health_check()
    {
        YamlMappingNode kafka = Service("kafka");

        Assert.StartsWith("apache/kafka:", Scalar(kafka, "image"), StringComparison.Ordinal);
        YamlMappingNode environment = (YamlMappingNode)kafka["environment"];
        Assert.Equal("broker,controller", Scalar(environment, "KAFKA_PROCESS_ROLES"));
        Assert.Contains("kafka:9092", Scalar(environment, "KAFKA_ADVERTISED_LISTENERS"), StringComparison.Ordinal);
        Assert.False(s_services.Children.ContainsKey(new YamlScalarNode("zookeeper")));
        Assert.True(kafka.Children.ContainsKey(new YamlScalarNode("healthcheck")));
    }

    [Fact]
    public void The_images_it_builds_have_their_dockerfiles_in_the_repository()
    {
        Assert.Equal(".", Scalar(Service("streams"), "build"));
        string dockerfile = File.ReadAllText(Path.Combine(s_root, "Dockerfile"));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/streams/bin/streams.dll\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY configs /streams/configs", dockerfile, StringComparison.Ordinal);

        YamlMappingNode rtspBuild = (YamlMappingNode)Service("rtsp-source")["build"];
        Assert.True(File.Exists(Path.Combine(s_root, Scalar(rtspBuild, "context"), Scalar(rtspBuild, "dockerfile"))));
    }

    [Fact]
    public void The_pipeline_runs_the_compose_config_against_the_kafka_and_camera_services()
    {
        YamlMappingNode streams = Service("streams");
        string[] command = [.. ((YamlSequenceNode)streams["command"]).Children.Select(c => ((YamlScalarNode)c).Value!)];
        Assert.Equal("run", command[0]);

        var environment = ((YamlMappingNode)streams["environment"]).Children.ToDictionary(
            e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value);
        PipelineOptions options = PipelineConfigLoader.Load(Path.Combine(s_root, command[1]), name => environment.GetValueOrDefault(name));

        KafkaSinkOptions kafka = Assert.IsType<KafkaSinkOptions>(Assert.Single(options.Sinks));
        Assert.Equal("kafka:9092", kafka.BootstrapServers);
        Assert.All(options.Sources, s => Assert.StartsWith("rtsp://rtsp-source:8554/", s.Uri, StringComparison.Ordinal));
        Assert.True(options.Api.Enabled);
        Assert.Equal("0.0.0.0:8080", options.Api.Listen);

        // Kafka must be healthy first; the cameras only need to have started (the sources reconnect).
        YamlMappingNode dependsOn = (YamlMappingNode)streams["depends_on"];
        Assert.Equal("service_healthy", Scalar((YamlMappingNode)dependsOn["kafka"], "condition"));
    }

    [Fact]
    public void Nothing_is_published_beyond_the_hosts_loopback()
    {
        foreach (KeyValuePair<YamlNode, YamlNode> service in s_services.Children)
        {
            if (((YamlMappingNode)service.Value).Children.TryGetValue(new YamlScalarNode("ports"), out YamlNode? ports))
            {
                Assert.All(((YamlSequenceNode)ports).Children, p => Assert.StartsWith("127.0.0.1:", ((YamlScalarNode)p).Value, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void The_gpu_override_builds_the_cuda_image_reserves_the_gpus_and_runs_the_models_on_gpu_providers_only()
    {
        YamlMappingNode streams = (YamlMappingNode)((YamlMappingNode)Load("docker-compose.gpu.yml")["services"])["streams"];

        YamlMappingNode build = (YamlMappingNode)streams["build"];
        string dockerfile = File.ReadAllText(Path.Combine(s_root, Scalar(build, "context"), Scalar(build, "dockerfile")));
        Assert.Contains("FROM nvidia/cuda:13.", dockerfile, StringComparison.Ordinal);
        Assert.Contains("cudnn", dockerfile, StringComparison.Ordinal);
        Assert.Contains("libnvinfer10", dockerfile, StringComparison.Ordinal);
        YamlMappingNode device = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)streams["deploy"])["resources"])["reservations"])["devices"]).Children[0];
        Assert.Equal("nvidia", Scalar(device, "driver"));
        Assert.Equal("gpu", ((YamlScalarNode)((YamlSequenceNode)device["capabilities"]).Children[0]).Value);

        string[] command = [.. ((YamlSequenceNode)streams["command"]).Children.Select(c => ((YamlScalarNode)c).Value!)];
        PipelineOptions options = PipelineConfigLoader.Load(Path.Combine(s_root, command[1]), name => name switch
        {
            "KAFKA_BOOTSTRAP" => "kafka:9092",
            "RTSP_HOST" => "rtsp-source",
            "TRT_CACHE_DIR" => "/var/lib/streams/tensorrt",
            _ => null,
        });
        Assert.All(options.Models, m => Assert.Equal([ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda], m.Provider));
        Assert.All(options.Models, m => Assert.Equal("/var/lib/streams/tensorrt/engines", m.TensorRT.EngineCacheDir));
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)s_services[name];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static YamlMappingNode LoadCompose() => Load("docker-compose.yml");

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(s_root, file)))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
