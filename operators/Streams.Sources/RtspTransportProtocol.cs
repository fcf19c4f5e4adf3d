namespace Streams.Sources;

/// <summary>How RTP travels for <c>rtsp://</c> inputs.</summary>
public enum RtspTransportProtocol
{
    /// <summary>Interleaved in the RTSP TCP connection: no loss, passes NAT and firewalls. The default.</summary>
    Tcp,

    /// <summary>Separate UDP ports: lower latency, but packets (and so pictures) can be lost.</summary>
    Udp,
}
