namespace Streams.Configuration.Tests;

/// <summary><c>api.allowed_paths</c>: where file sources added through the API may lie.</summary>
[Trait("Tier", "Unit")]
public sealed class AllowedPathsTests : ConfigTestBase
{
    [Fact]
    public void By_default_the_files_own_directory_and_its_sources_directories_are_allowed()
    {
        Dir.Touch("media/a.mp4");
        Dir.Touch("media/b.mp4");
        Dir.Touch("other/c.mp4");

        var options = Load("sources:\n  - { id: a, uri: media/a.mp4 }\n  - { id: b, uri: media/b.mp4 }\n  - { id: c, uri: other/c.mp4 }\n"
            + "  - { id: s, uri: 'synthetic://pattern' }\n");

        Assert.Equal([Dir.Path, Path.Combine(Dir.Path, "media"), Path.Combine(Dir.Path, "other")], options.Api.AllowedPaths);
    }

    [Fact]
    public void Listed_directories_resolve_against_the_files_directory()
    {
        Directory.CreateDirectory(Path.Combine(Dir.Path, "clips"));

        var options = Load("api:\n  allowed_paths: [clips, /tmp]\n");

        Assert.Equal([Path.Combine(Dir.Path, "clips"), "/tmp"], options.Api.AllowedPaths);
    }

    [Fact]
    public void An_empty_list_allows_no_files()
    {
        var options = Load("api:\n  allowed_paths: []\n");

        Assert.Empty(options.Api.AllowedPaths!);
    }

    [Fact]
    public void A_missing_directory_is_reported_at_its_item()
    {
        Directory.CreateDirectory(Path.Combine(Dir.Path, "clips"));

        var error = SingleError("api:\n  allowed_paths:\n    - clips\n    - gone\n");

        AssertError(error, 4, 7, "api.allowed_paths[1]", $"directory not found: {Path.Combine(Dir.Path, "gone")}");
    }
}
