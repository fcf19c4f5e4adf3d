using Streams.Configuration.Internal;

namespace Streams.Configuration.Tests;

[Trait("Tier", "Unit")]
public sealed class MergeTests
{
    [Fact]
    public void Merged_nodes_keep_the_file_and_position_they_came_from()
    {
        var errors = new ErrorList("user.yaml");
        Assert.True(YamlDocumentReader.TryRead("runtime:\n  queue_capacity: 4\nsources: []\n", "user.yaml", null, errors, out var user));

        var merged = (MappingNode)DefaultsMerger.Merge(PipelineConfigLoader.ReadDefaults(), user)!;
        var runtime = (MappingNode)merged.Find("runtime")!;

        var capacity = runtime.Find("queue_capacity")!;
        Assert.Equal(("user.yaml", 2, 19), (capacity.File, capacity.Line, capacity.Column));
        var timeout = runtime.Find("shutdown_timeout")!;
        Assert.Equal(PipelineConfigLoader.DefaultsFileName, timeout.File);
        Assert.Equal("defaults.yaml", merged.Find("tracker")!.File);
        Assert.Equal("user.yaml", merged.Find("sources")!.File);
        Assert.Equal(0, errors.Count);
    }

    [Fact]
    public void Lists_and_scalars_replace_rather_than_merge()
    {
        var defaults = Read("a: [1, 2]\nb: { x: 1, y: 2 }\nc: 5\n");
        var user = Read("a: [3]\nb: { y: 9 }\nc: { z: 1 }\n");

        var merged = (MappingNode)DefaultsMerger.Merge(defaults, user)!;

        Assert.Single(((SequenceNode)merged.Find("a")!).Items);
        var b = (MappingNode)merged.Find("b")!;
        Assert.Equal(["y", "x"], b.Entries.Select(static e => e.Key.Value));
        Assert.Equal("9", ((ScalarNode)b.Find("y")!).Value);
        Assert.IsType<MappingNode>(merged.Find("c"));
    }

    private static ConfigNode? Read(string yaml)
    {
        Assert.True(YamlDocumentReader.TryRead(yaml, "t.yaml", null, new ErrorList("t.yaml"), out var node));
        return node;
    }
}
