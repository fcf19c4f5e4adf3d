namespace Streams.Configuration;

/// <summary>The RTP transport requested from an RTSP server (<c>sources[].rtsp_transport</c>).</summary>
public enum RtspTransport
{
    /// <summary>Interleaved over the RTSP TCP connection: no packet loss, passes firewalls (the default).</summary>
    Tcp,

    /// <summary>Separate UDP ports: lower latency, loses packets on busy networks.</summary>
    Udp,
}
