using System.Runtime.InteropServices;

namespace Streams.Sinks.Interop;

/// <summary>An <c>rd_kafka_conf_t</c> not yet handed to <c>rd_kafka_new</c>; destroyed unless ownership moved.</summary>
internal sealed unsafe class KafkaConfHandle : SafeHandle
{
    public KafkaConfHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static KafkaConfHandle Create()
    {
        var conf = new KafkaConfHandle();
        conf.SetHandle(LibRdKafka.ConfNew());
        if (conf.IsInvalid)
        {
            throw new InvalidOperationException("rd_kafka_conf_new returned NULL.");
        }

        return conf;
    }

    /// <summary>Sets one property; throws with librdkafka's message when it refuses.</summary>
    public void Set(string name, string value)
    {
        const int ErrorSize = 512;
        byte* error = stackalloc byte[ErrorSize];
        error[0] = 0;
        if (LibRdKafka.ConfSet(this, name, value, error, ErrorSize) != LibRdKafka.ConfOk)
        {
            throw new ArgumentException($"librdkafka refused {name}: {Marshal.PtrToStringUTF8((nint)error)}");
        }
    }

    /// <summary>The raw pointer for <c>rd_kafka_new</c>; call <see cref="OwnershipMoved"/> once it succeeded.</summary>
    public nint Pointer => handle;

    /// <summary><c>rd_kafka_new</c> took the configuration: it is no longer ours to destroy.</summary>
    public void OwnershipMoved() => SetHandleAsInvalid();

    protected override bool ReleaseHandle()
    {
        LibRdKafka.ConfDestroy(handle);
        return true;
    }
}
