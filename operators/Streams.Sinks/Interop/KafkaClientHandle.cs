using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Streams.Sinks.Interop;

/// <summary>
/// An <c>rd_kafka_t</c> made with this project's own bindings (the embedded broker's host instance). Its log lines go to
/// an <see cref="ILogger"/> through an unmanaged callback that never lets an exception out; the GC handle the callback
/// uses is freed only after <c>rd_kafka_destroy</c> has returned, when no librdkafka thread can call it any more.
/// </summary>
internal sealed unsafe class KafkaClientHandle : SafeHandle
{
    private GCHandle _logTarget;

    public KafkaClientHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Creates a producer-type instance from <paramref name="settings"/>, logging to <paramref name="logger"/>.</summary>
    public static KafkaClientHandle CreateProducer(IEnumerable<KeyValuePair<string, string>> settings, ILogger logger)
    {
        using KafkaConfHandle conf = KafkaConfHandle.Create();
        foreach (KeyValuePair<string, string> kv in settings)
        {
            conf.Set(kv.Key, kv.Value);
        }

        var client = new KafkaClientHandle { _logTarget = GCHandle.Alloc(logger) };
        try
        {
            LibRdKafka.ConfSetOpaque(conf, GCHandle.ToIntPtr(client._logTarget));
            LibRdKafka.ConfSetLogCallback(conf, &OnLog);
            const int ErrorSize = 512;
            byte* error = stackalloc byte[ErrorSize];
            error[0] = 0;
            nint rk = LibRdKafka.New(LibRdKafka.ProducerType, conf.Pointer, error, ErrorSize);
            if (rk == IntPtr.Zero)
            {
                throw new InvalidOperationException($"rd_kafka_new failed: {Marshal.PtrToStringUTF8((nint)error)}");
            }

            conf.OwnershipMoved();
            client.SetHandle(rk);
            return client;
        }
        catch
        {
            client._logTarget.Free();
            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        LibRdKafka.Destroy(handle);
        if (_logTarget.IsAllocated)
        {
            _logTarget.Free();
        }

        return true;
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static void OnLog(nint rk, int level, byte* facility, byte* message)
    {
        try
        {
            nint opaque = LibRdKafka.Opaque(rk);
            if (opaque == IntPtr.Zero || GCHandle.FromIntPtr(opaque).Target is not ILogger logger)
            {
                return;
            }

            // syslog levels: 0-3 emergency..error, 4 warning, 5 notice, 6 info, 7 debug.
            LogLevel mapped = level <= 4 ? LogLevel.Warning : level <= 6 ? LogLevel.Information : LogLevel.Debug;
            if (logger.IsEnabled(mapped))
            {
                string? facilityText = Marshal.PtrToStringUTF8((nint)facility);
                if (facilityText == "CONFWARN")
                {
                    // This handle only hosts the mock cluster and never connects: its configuration notices
                    // (no bootstrap.servers) are expected, not news.
                    mapped = LogLevel.Debug;
                }

                logger.Log(mapped, SinkLogEvents.EmbeddedBrokerLog, "librdkafka {Facility}: {Message}",
                    facilityText, Marshal.PtrToStringUTF8((nint)message));
            }
        }
#pragma warning disable CA1031 // nothing may cross back into native code
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
