#!/usr/bin/python3
"""RTSP test server for Streams' integration tests (GStreamer gst-rtsp-server), bound to 127.0.0.1.

    /usr/bin/python3 scripts/rtsp-test-server.py --port 8554 \
        --mount /loop=clip.mp4 --mount-once /once=clip.mp4 --pattern /live

--mount PATH=FILE       plays FILE (H.264 in MP4/MKV/TS) in a loop, without re-encoding: an ffmpeg feeder sends it
                        as MPEG-TS over UDP on loopback and the mount repackets it (shared by all clients).
--mount-once PATH=FILE  plays FILE once per client, then ends the session (EOS).
--pattern PATH          a live test pattern encoded with x264 (one pipeline per client).
--port 0                picks a free port; the READY line names the one bound.
--address ADDR          listens on ADDR instead of 127.0.0.1 (0.0.0.0 in a container).
--auth USER:PASS        every mount asks for these credentials (Basic authentication); others get 401.

Prints one line `READY rtsp://127.0.0.1:PORT` on stdout once listening. Ends on SIGTERM/SIGINT; its feeders die with
it, also on SIGKILL (PR_SET_PDEATHSIG). Must run under Debian's /usr/bin/python3 (the one with `gi`).
"""

import argparse
import ctypes
import os
import signal
import socket
import subprocess
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL("libc.so.6", use_errno=True)


def _die_with_parent():
    # Runs in the forked child before exec: the feeder is killed when this server dies, however it dies.
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _mount_arg(value):
    path, sep, file = value.partition("=")
    if not sep or not path.startswith("/") or not file:
        raise argparse.ArgumentTypeError(f"expected /path=file, got {value!r}")
    if not os.path.isfile(file):
        raise argparse.ArgumentTypeError(f"no such file: {file}")
    return path, os.path.abspath(file)


def _auth_arg(value):
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise argparse.ArgumentTypeError(f"expected user:password, got {value!r}")
    return user, password


def _factory(launch, shared, auth):
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    factory.set_shared(shared)
    if auth:
        # Only the "user" role may see and play the mount; an anonymous client is asked to authenticate.
        factory.add_role_from_structure(Gst.Structure.new_from_string(
            "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))
    return factory


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8554)
    parser.add_argument("--mount", type=_mount_arg, action="append", default=[], metavar="PATH=FILE")
    parser.add_argument("--mount-once", type=_mount_arg, action="append", default=[], metavar="PATH=FILE")
    parser.add_argument("--pattern", action="append", default=[], metavar="PATH")
    parser.add_argument("--ffmpeg", default="ffmpeg")
    parser.add_argument("--address", default="127.0.0.1", help="address to listen on (a container uses 0.0.0.0)")
    parser.add_argument("--auth", type=_auth_arg, metavar="USER:PASS", help="require these credentials (Basic)")
    args = parser.parse_args()
    if not (args.mount or args.mount_once or args.pattern):
        parser.error("give at least one --mount, --mount-once or --pattern")

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(args.address)
    server.set_service(str(args.port))
    mounts = server.get_mount_points()
    if args.auth:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "user")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(*args.auth), token)
        server.set_auth(auth)
    feeders = []

    for path, file in args.mount:
        udp_port = _free_udp_port()
        feeders.append(subprocess.Popen(
            [args.ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", file,
             "-map", "0:v:0", "-c", "copy", "-f", "mpegts", f"udp://127.0.0.1:{udp_port}?pkt_size=1316"],
            stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent))
        mounts.add_factory(path, _factory(
            f"( udpsrc address=127.0.0.1 port={udp_port} ! queue ! tsdemux latency=1000 ! queue ! h264parse "
            "! rtph264pay name=pay0 pt=96 config-interval=1 )", shared=True, auth=args.auth))

    for path, file in args.mount_once:
        demux = "matroskademux" if file.endswith((".mkv", ".webm")) else "tsdemux" if file.endswith(".ts") else "qtdemux"
        mounts.add_factory(path, _factory(
            f'( filesrc location="{file}" ! {demux} ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )',
            shared=False, auth=args.auth))

    for path in args.pattern:
        mounts.add_factory(path, _factory(
            "( videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=15/1 "
            "! x264enc speed-preset=ultrafast tune=zerolatency key-int-max=15 ! rtph264pay name=pay0 pt=96 "
            "config-interval=1 )", shared=False, auth=args.auth))

    loop = GLib.MainLoop()
    if server.attach(None) == 0:
        print(f"ERROR cannot listen on 127.0.0.1:{args.port}", flush=True)
        return 1

    def stop(*_):
        loop.quit()
        return GLib.SOURCE_REMOVE

    GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal.SIGTERM, stop)
    GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal.SIGINT, stop)
    print(f"READY rtsp://127.0.0.1:{server.get_bound_port()}", flush=True)
    try:
        loop.run()
    finally:
        for feeder in feeders:
            feeder.kill()
            feeder.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
