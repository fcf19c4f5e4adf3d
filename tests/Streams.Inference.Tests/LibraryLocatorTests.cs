using Streams.Inference.Internal;
using Streams.Inference.Tests.Support;

namespace Streams.Inference.Tests;

public sealed class LibraryLocatorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Touch(params string[] parts)
    {
        string path = Path.Combine([_dir.Path, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        return path;
    }

    [Fact]
    public void An_explicit_path_comes_first_then_the_environment_variable()
    {
        string explicitPath = Touch("a", "libonnxruntime.so.1");
        string fromEnvironment = Touch("b", "libonnxruntime.so.1");

        Assert.Equal((explicitPath, "option"), OrtLibraryLocator.Resolve(explicitPath, fromEnvironment, _dir.Path));
        Assert.Equal((fromEnvironment, "environment"), OrtLibraryLocator.Resolve(null, fromEnvironment, _dir.Path));
    }

    [Fact]
    public void An_explicit_or_environment_path_that_names_no_file_is_an_error()
    {
        Assert.Throws<FileNotFoundException>(() => OrtLibraryLocator.Resolve(_dir.File("missing.so"), null, _dir.Path));
        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => OrtLibraryLocator.Resolve(null, _dir.File("missing.so"), _dir.Path));
        Assert.Contains(OnnxRuntime.LibraryEnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_native_folder_is_found_in_the_application_folder_or_a_parent_up_to_the_repository_root()
    {
        Touch("repo", "Streams.sln");
        string library = Touch("repo", ".native", "onnxruntime", "libonnxruntime.so.1");
        string app = Path.Combine(_dir.Path, "repo", "src", "App", "bin", "Release", "net10.0");
        Directory.CreateDirectory(app);

        Assert.Equal((library, "repository"), OrtLibraryLocator.Resolve(null, null, app));
    }

    [Fact]
    public void The_search_stops_at_the_repository_root_and_falls_back_to_the_system_loader()
    {
        Touch(".native", "onnxruntime", "libonnxruntime.so.1"); // above the repository: not looked at
        Touch("repo", "Streams.sln");
        string app = Path.Combine(_dir.Path, "repo", "bin");
        Directory.CreateDirectory(app);

        Assert.Equal(("libonnxruntime.so.1", "system"), OrtLibraryLocator.Resolve(null, null, app));
    }
}
