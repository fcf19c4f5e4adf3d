using System.Runtime.InteropServices;

namespace Streams.Sinks.Interop;

/// <summary>Asks a loaded native library whether it is librdkafka, and which version, without binding anything else.</summary>
internal static unsafe class LibRdKafkaProbe
{
    /// <summary>
    /// Calls <c>rd_kafka_version()</c> (hex MM.mm.rr.xx, as <c>Confluent.Kafka.Library.Version</c>) in
    /// <paramref name="library"/>; false when the library does not export it.
    /// </summary>
    public static bool TryGetVersion(nint library, out int version)
    {
        if (!NativeLibrary.TryGetExport(library, "rd_kafka_version", out nint function))
        {
            version = 0;
            return false;
        }

        version = ((delegate* unmanaged[Cdecl]<int>)function)();
        return true;
    }
}
