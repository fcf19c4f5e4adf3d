#!/usr/bin/env bash
# Checks Streams on a machine with an NVIDIA GPU, from a source checkout, and writes what it measured:
#   bash scripts/gpu-check.sh [OUT_DIR]          (default artifacts/gpu-check)
# 1. nvidia-smi (driver, GPUs, CUDA version the driver supports)
# 2. which ONNX Runtime providers load, each tried alone, and why the others do not (missing libraries by name)
# 3. streams bench, inference-bound and capacity, with provider [tensorrt, cuda] (no CPU fallback), as JSON
# Fails loudly (non-zero, with the reason) when no GPU provider loads: it never measures the CPU instead.
# Needs: the NVIDIA driver, CUDA 13.x, cuDNN 9, and TensorRT 10 for the tensorrt rows (docker/gpu.Dockerfile has them).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/artifacts/gpu-check}"
mkdir -p "$OUT"
fail() { echo "gpu-check: FAILED: $*" >&2; exit 1; }

echo "== nvidia-smi"
command -v nvidia-smi >/dev/null || fail "nvidia-smi not found: no NVIDIA driver on this machine"
nvidia-smi | tee "$OUT/nvidia-smi.txt" || fail "nvidia-smi failed: the NVIDIA driver is not working"

# The streams command: the published one in the GPU image, else the source checkout's (built on first use).
if [[ -f /streams/bin/streams.dll ]]; then
  streams() { dotnet /streams/bin/streams.dll "$@"; }
  ROOT_ARGS=(--root /streams)
else
  streams() { "$ROOT/streams" "$@"; }
  ROOT_ARGS=(--root "$ROOT")
fi

echo "== execution providers"
streams providers --require tensorrt,cuda | tee "$OUT/providers.txt" \
  || fail "neither tensorrt nor cuda loads: see $OUT/providers.txt for the missing libraries"

echo "== streams bench (inference-bound, capacity-720p30; provider tensorrt,cuda)"
streams bench "${ROOT_ARGS[@]}" --scenarios inference-bound,capacity-720p30 --provider tensorrt,cuda \
  --json "$OUT/bench-gpu.json" | tee "$OUT/bench-gpu.md" \
  || fail "streams bench on the GPU providers failed (see above)"

echo "gpu-check: done; results in $OUT"
