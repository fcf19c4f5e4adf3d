using System.Reflection;
using System.Runtime.InteropServices;
using Streams.Runtime;
using Streams.Sinks.Interop;

namespace Streams.Sinks;

/// <summary>
/// The one librdkafka of the process, and the one place that says which file it is (<see cref="NativePath"/>) and its
/// version (<see cref="Version"/>).
/// </summary>
/// <remarks>
/// <para>The native library comes with the NuGet package <c>librdkafka.redist</c> (the same version as Confluent.Kafka)
/// and Confluent.Kafka loads it by itself from <c>runtimes/linux-x64/native/</c>: the default build
/// (<c>librdkafka.so</c>) needs <c>libsasl2.so.3</c>, which Debian 12 lacks, and Confluent.Kafka then falls back to
/// <c>centos8-librdkafka.so</c> from the same folder, which has SSL and SASL PLAIN, SCRAM and OAUTHBEARER built in but
/// no SASL GSSAPI (Kerberos). Nothing of the operating system's own librdkafka is used.</para>
/// <para>The embedded broker binds librdkafka's mock-cluster API itself (<c>Interop/LibRdKafka</c>), and it must call
/// into the very file Confluent.Kafka loaded, not a second copy nor another version. So <see cref="EnsureLoaded"/> lets
/// Confluent.Kafka load first, then finds the librdkafka file mapped into the process (<c>/proc/self/maps</c>) whose
/// <c>rd_kafka_version()</c> matches <c>Confluent.Kafka.Library.Version</c>, and resolves this assembly's librdkafka
/// imports to that file through its DllImport resolver. Confluent.Kafka's own loading is left alone. Linux only, as
/// Streams is.</para>
/// <para>Every Kafka type of this project calls <see cref="EnsureLoaded"/>; it is cheap after the first call.</para>
/// </remarks>
public static class KafkaLibrary
{
    /// <summary>The library name this assembly's librdkafka imports use; only the resolver below maps it.</summary>
    internal const string ImportName = "librdkafka";

    private static readonly Lock s_lock = new();
    private static Loaded? s_loaded;

    /// <summary>The full path of the librdkafka file in use, e.g. <c>.../runtimes/linux-x64/native/centos8-librdkafka.so</c>.</summary>
    /// <exception cref="DllNotFoundException">Confluent.Kafka could not load any librdkafka build.</exception>
    public static string NativePath => Load().Path;

    /// <summary>librdkafka's version, e.g. <c>2.16.0</c> (<c>Confluent.Kafka.Library.VersionString</c>).</summary>
    /// <exception cref="DllNotFoundException">Confluent.Kafka could not load any librdkafka build.</exception>
    public static string Version => Load().Version;

    /// <summary>
    /// Makes Confluent.Kafka load librdkafka (once) and binds this assembly's own librdkafka imports to the same file.
    /// Returns its version, e.g. <c>2.16.0</c>.
    /// </summary>
    /// <exception cref="DllNotFoundException">Confluent.Kafka could not load any librdkafka build.</exception>
    /// <exception cref="InvalidOperationException">The file Confluent.Kafka loaded cannot be told apart in the process.</exception>
    public static string EnsureLoaded() => Load().Version;

    /// <summary>The library handle this assembly's imports resolve to.</summary>
    internal static nint Handle => Load().Handle;

    private static Loaded Load()
    {
        Loaded? loaded = Volatile.Read(ref s_loaded);
        if (loaded is not null)
        {
            return loaded;
        }

        lock (s_lock)
        {
            if (s_loaded is not null)
            {
                return s_loaded;
            }

            // Confluent.Kafka chooses the file (see the remarks); a client built earlier may have loaded it already.
            Confluent.Kafka.Library.Load();
            int version = Confluent.Kafka.Library.Version;
            (string path, nint handle) = FindMappedLibrary(version, Confluent.Kafka.Library.VersionString);
            loaded = new Loaded(path, handle, Confluent.Kafka.Library.VersionString);

            // This assembly is ours: nobody else sets its resolver, so a second registration would be a bug here.
            NativeLibrary.SetDllImportResolver(typeof(KafkaLibrary).Assembly, Resolve);
            Volatile.Write(ref s_loaded, loaded);
            return loaded;
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == ImportName ? Load().Handle : IntPtr.Zero;

    /// <summary>
    /// The librdkafka file mapped into the process whose <c>rd_kafka_version()</c> is <paramref name="version"/>, with a
    /// handle on it. Opening a file that is already mapped returns the same instance: nothing is loaded twice.
    /// </summary>
    private static (string Path, nint Handle) FindMappedLibrary(int version, string versionText)
    {
        var matches = new List<(string Path, nint Handle)>();
        var others = new List<string>();
        foreach (string file in LoadedNativeLibraries.MappedFiles())
        {
            if (!Path.GetFileName(file).Contains("rdkafka", StringComparison.Ordinal) || !NativeLibrary.TryLoad(file, out nint handle))
            {
                continue;
            }

            if (LibRdKafkaProbe.TryGetVersion(handle, out int found) && found == version)
            {
                matches.Add((file, handle));
                continue;
            }

            others.Add(file);
            NativeLibrary.Free(handle);
        }

        if (matches.Count == 1)
        {
            return matches[0];
        }

        foreach ((_, nint handle) in matches)
        {
            NativeLibrary.Free(handle);
        }

        string seen = matches.Count + others.Count == 0
            ? "none"
            : string.Join(", ", [.. matches.ConvertAll(static m => m.Path), .. others]);
        throw new InvalidOperationException(
            $"Confluent.Kafka loaded librdkafka {versionText}, but not exactly one librdkafka file of that version is mapped into the process (seen: {seen}).");
    }

    private sealed record Loaded(string Path, nint Handle, string Version);
}
