# An RTSP camera stand-in for docker-compose: GStreamer's RTSP server looping the committed sample streams.
FROM debian:bookworm-slim
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends python3 python3-gi gir1.2-gst-rtsp-server-1.0 \
      gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly ffmpeg \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /rtsp
COPY scripts/rtsp-test-server.py /rtsp/
COPY sample-streams/*.mp4 /rtsp/
EXPOSE 8554
ENTRYPOINT ["/usr/bin/python3", "/rtsp/rtsp-test-server.py", "--address", "0.0.0.0", "--port", "8554", \
            "--mount", "/quiet-street=/rtsp/quiet-street.mp4", "--mount", "/busy-crossing=/rtsp/busy-crossing.mp4", \
            "--mount", "/yard=/rtsp/yard.mp4"]
