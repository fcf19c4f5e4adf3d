#!/usr/bin/env bash
# Installs whatever Streams needs and is missing, on Debian or Ubuntu; quick when nothing is.
#   apt: ffmpeg, libturbojpeg0 (setpriv comes with util-linux, essential on Debian and Ubuntu), and for tests the
#        GStreamer RTSP server (python3-gi brings python3) and
#        prometheus (promtool lints /metrics)
#   NuGet restore of Streams.sln (ONNX Runtime with its CUDA and TensorRT providers comes as a NuGet package)
#   the demo models (ONNX files authored by tools/Streams.ModelAuthoring) into models/
# Safe to run again at any time. Set STREAMS_SETUP_QUIET=1 to print only problems.
set -euo pipefail
SECONDS=0

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APT_PACKAGES=(
  ffmpeg libturbojpeg0 ca-certificates
  python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-rtsp
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly
  prometheus
)

say() { [[ "${STREAMS_SETUP_QUIET:-0}" == 1 ]] || echo "setup: $*"; }
die() { echo "setup: error: $*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}

install_apt_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then say "system packages present"; return; fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

check_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH"
  local major; major=$(dotnet --version | cut -d. -f1)
  ((major >= 10)) || die ".NET SDK 10 or later is required, found $(dotnet --version)"
}

generate_models() {
  # The demo models are authored in C# (tools/Streams.ModelAuthoring); regenerate when the tool changed.
  local manifest="$ROOT/models/models.json"
  if [[ -f "$manifest" && -z "$(find "$ROOT/tools/Streams.ModelAuthoring" -name '*.cs' -newer "$manifest" -print -quit)" ]]; then
    say "demo models present"; return
  fi
  say "generating the demo models into models/"
  dotnet run --project "$ROOT/tools/Streams.ModelAuthoring" -c Release -- --out-dir "$ROOT/models" >/dev/null \
    || die "generating the demo models failed: dotnet run --project tools/Streams.ModelAuthoring -- --out-dir models"
}

restore() {
  say "restoring NuGet packages"
  dotnet restore "$ROOT/Streams.sln" --verbosity quiet >/dev/null || dotnet restore "$ROOT/Streams.sln"
}

install_apt_packages
check_dotnet
restore
generate_models
touch "$ROOT/.setup-stamp"
echo "setup: ready in ${SECONDS} s"
