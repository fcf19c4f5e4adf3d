using Streams.Analytics;
using Streams.Configuration;

namespace Streams.Configuration.Tests;

/// <summary>Every pipeline file under configs/ loads and validates as shipped (variables at their defaults).</summary>
[Trait("Tier", "Unit")]
public sealed class ShippedConfigsTests
{
    public static TheoryData<string> Configs()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "configs"), "*.yaml"))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void A_shipped_config_is_valid_with_its_variables_unset(string name)
    {
        PipelineOptions options = PipelineConfigLoader.Load(Path.Combine(RepositoryRoot(), "configs", name), static _ => null);

        Assert.NotEmpty(options.Sources);
        Assert.Contains(options.Models, m => m.Kind == ModelKind.Detector);
        Assert.NotEmpty(options.Sinks);
        Assert.True(options.Analytics.Lines.Count + options.Analytics.Zones.Count > 0);
    }

    [Fact]
    public void The_intersection_counts_on_one_stop_line_per_camera()
    {
        PipelineOptions options = Load("traffic-intersection.yaml");

        Assert.Equal(4, options.Sources.Count);
        foreach (SourceOptions camera in options.Sources)
        {
            LineRuleOptions line = Assert.Single(options.Analytics.Lines, l => l.Stream == camera.Id);
            Assert.Equal(CoordinateSpace.Normalized, line.Coordinates);
            Assert.Equal("inbound", line.NameIn);
            Assert.True(camera.IsLive);
            Assert.Equal(QueuePolicy.DropOldest, camera.EffectivePolicy);
        }
    }

    [Fact]
    public void The_perimeter_reports_loitering_in_every_restricted_zone()
    {
        PipelineOptions options = Load("perimeter.yaml");

        Assert.Equal(2, options.Analytics.Zones.Count);
        Assert.All(options.Analytics.Zones, zone => Assert.Equal(TimeSpan.FromSeconds(20), zone.LoiterAfter));
    }

    [Fact]
    public void The_industrial_cell_labels_vehicles_with_the_classifier()
    {
        PipelineOptions options = Load("industrial-cell.yaml");

        ModelOptions classifier = Assert.Single(options.Models, m => m.Kind == ModelKind.Classifier);
        Assert.Equal(["car", "truck"], classifier.ApplyTo);
    }

    private static PipelineOptions Load(string name) =>
        PipelineConfigLoader.Load(Path.Combine(RepositoryRoot(), "configs", name), static _ => null);

    /// <summary>The folder holding Streams.sln, above the test assembly.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Streams.sln not found above " + AppContext.BaseDirectory);
    }
}
