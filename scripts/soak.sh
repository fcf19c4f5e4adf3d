#!/usr/bin/env bash
# The soak test: N minutes (default 10) of 8 looping streams (4 RTSP from the GStreamer test server, 4 files) through
# the demo detector, tracker and analytics into the embedded broker with a spool, with the RTSP server killed and
# restarted and the broker down for 30 s. Prints RSS growth after warm-up, leaked frame buffers and ffmpeg processes,
# and lost events; exits non-zero when a target is missed.
#   scripts/soak.sh [minutes]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ -f "$ROOT/.setup-stamp" ]] || bash "$ROOT/scripts/setup.sh" >&2
exec dotnet run -c Release --project "$ROOT/tests/Streams.Benchmarks" -- soak --minutes "${1:-10}"
