namespace Streams.Runtime.Tests;

[Trait("Tier", "Unit")]
public sealed class LoadedNativeLibrariesTests
{
    [Fact]
    public void Mapped_files_are_read_from_proc_maps_without_pseudo_or_deleted_entries()
    {
        const string Maps = """
            55d0c0a00000-55d0c0a02000 r--p 00000000 08:01 1234                       /usr/bin/dotnet
            55d0c0a02000-55d0c0a04000 r-xp 00002000 08:01 1234                       /usr/bin/dotnet
            55d0c1a00000-55d0c1c00000 rw-p 00000000 00:00 0                          [heap]
            7f0000000000-7f0000021000 rw-p 00000000 00:00 0
            7f1000000000-7f1000100000 r-xp 00000000 08:01 42                         /app/runtimes/linux-x64/native/centos8-librdkafka.so
            7f1000100000-7f1000200000 r--p 00100000 08:01 42                         /app/runtimes/linux-x64/native/centos8-librdkafka.so
            7f2000000000-7f2000001000 r--p 00000000 08:01 77                         /tmp/a dir/with spaces.so
            7f3000000000-7f3000001000 r--p 00000000 08:01 78                         /tmp/old.so (deleted)
            7ffd00000000-7ffd00002000 r-xp 00000000 00:00 0                          [vdso]
            """;

        Assert.Equal(
            ["/usr/bin/dotnet", "/app/runtimes/linux-x64/native/centos8-librdkafka.so", "/tmp/a dir/with spaces.so"],
            LoadedNativeLibraries.MappedFiles(Maps));
    }

    [Fact]
    public void A_library_this_process_loaded_is_found_by_its_file_name()
    {
        string? libc = LoadedNativeLibraries.FindPath("libc.so");

        Assert.NotNull(libc);
        Assert.True(File.Exists(libc), libc);
        Assert.Null(LoadedNativeLibraries.FindPath("libnothing-of-that-name.so"));
    }
}
