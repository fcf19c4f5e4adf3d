using System.Reflection;
using System.Runtime.InteropServices;

namespace Streams.Sinks;

/// <summary>
/// Loads the system librdkafka (Debian's <c>librdkafka.so.1</c>, 2.0.2 here) for Confluent.Kafka 1.9.3, which is
/// referenced without its native package. Every Kafka type of this project calls <see cref="EnsureLoaded"/>; call it
/// yourself before using Confluent.Kafka directly.
/// </summary>
public static class KafkaLibrary
{
    /// <summary>The system library's file name.</summary>
    public const string LibraryName = "librdkafka.so.1";

    private static readonly Lock s_lock = new();
    private static string? s_version;

    /// <summary>
    /// Maps Confluent.Kafka's <c>librdkafka</c> and <c>libdl</c> imports to the system libraries and loads librdkafka once.
    /// Returns its version, e.g. <c>2.0.2</c>.
    /// </summary>
    /// <exception cref="DllNotFoundException">librdkafka is not installed (Debian: <c>apt-get install librdkafka1</c>).</exception>
    public static string EnsureLoaded()
    {
        lock (s_lock)
        {
            if (s_version is not null)
            {
                return s_version;
            }

            Assembly confluent = typeof(Confluent.Kafka.Library).Assembly;
            try
            {
                NativeLibrary.SetDllImportResolver(confluent, static (name, assembly, path) => name switch
                {
                    "librdkafka" => NativeLibrary.Load(LibraryName, assembly, path),
                    "libdl" => NativeLibrary.Load("libdl.so.2", assembly, path),
                    _ => IntPtr.Zero,
                });
            }
            catch (InvalidOperationException)
            {
                // Another component of the process set a resolver for Confluent.Kafka already: trust it.
            }

            if (!Confluent.Kafka.Library.IsLoaded)
            {
                Confluent.Kafka.Library.Load(LibraryName);
            }

            s_version = Confluent.Kafka.Library.VersionString;
            return s_version;
        }
    }
}
