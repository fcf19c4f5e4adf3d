using System.Runtime.InteropServices;

namespace Streams.Sinks.Interop;

/// <summary>
/// An <c>rd_kafka_mock_cluster_t</c>. It holds a reference on the <c>rd_kafka_t</c> it was created on, so the cluster is
/// always destroyed before its host instance, whatever order the handles are disposed or finalised in.
/// </summary>
internal sealed class MockClusterHandle : SafeHandle
{
    private readonly KafkaClientHandle _host;
    private bool _hostReferenced;

    private MockClusterHandle(KafkaClientHandle host)
        : base(IntPtr.Zero, ownsHandle: true) => _host = host;

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static MockClusterHandle Create(KafkaClientHandle host, int brokers)
    {
        var cluster = new MockClusterHandle(host);
        host.DangerousAddRef(ref cluster._hostReferenced);
        nint pointer = LibRdKafka.MockClusterNew(host, brokers);
        if (pointer == IntPtr.Zero)
        {
            cluster._hostReferenced = false;
            host.DangerousRelease();
            cluster.Dispose();
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed (see the librdkafka log).");
        }

        cluster.SetHandle(pointer);
        return cluster;
    }

    /// <summary>The cluster's <c>bootstrap.servers</c>, e.g. <c>127.0.0.1:40243</c>.</summary>
    public string Bootstraps() => Marshal.PtrToStringUTF8(LibRdKafka.MockClusterBootstraps(this)) ?? "";

    protected override bool ReleaseHandle()
    {
        LibRdKafka.MockClusterDestroy(handle);
        if (_hostReferenced)
        {
            _hostReferenced = false;
            _host.DangerousRelease(); // the host instance may go now, never before
        }

        return true;
    }
}
