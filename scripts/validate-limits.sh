#!/usr/bin/env bash
# Measures `streams validate` on the pathological files that once crashed it or ran it for minutes and gigabytes:
# wall time and peak resident memory of each run (GNU time), and the error it gives. Prints one row per file.
#   bash scripts/validate-limits.sh            (after a Release build: dotnet build Streams.sln -c Release)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STREAMS="$ROOT/pipeline/Streams.Cli/bin/Release/net10.0/streams.dll"
[[ -f "$STREAMS" ]] || { echo "build first: dotnet build Streams.sln -c Release" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
python3 - "$DIR" <<'EOF'
import sys, os
d = sys.argv[1]
files = {
    "deep-24k.yaml": "pipeline:\n  name: " + "[" * 24000 + "]" * 24000 + "\n",
    "brackets-52k.yaml": "name: " + "[" * (52 * 1024) + "\n",
    "unknown-keys-10mb.yaml": "".join("unknown_key_%06d: 1\n" % i for i in range(10 * 1024 * 1024 // 22)),
    "scalar-10mb.yaml": "pipeline:\n  name: " + "x" * (10 * 1024 * 1024) + "\n",
    "curly-10k-body.yaml": "{" * (10 * 1024 + 512) + "\n",
}
for name, text in files.items():
    with open(os.path.join(d, name), "w") as f:
        f.write(text)
EOF

printf '| file | size | exit | wall s | peak RSS MiB | first error |\n| --- | --- | --- | --- | --- | --- |\n'
for f in deep-24k.yaml brackets-52k.yaml unknown-keys-10mb.yaml scalar-10mb.yaml curly-10k-body.yaml; do
  set +e
  /usr/bin/time -f '%e %M' -o "$DIR/time" dotnet "$STREAMS" validate "$DIR/$f" 2>"$DIR/err" >/dev/null
  code=$?
  set -e
  # GNU time puts "Command exited with non-zero status N" first; the figures are its last line.
  read -r wall kb < <(tail -n 1 "$DIR/time")
  first=$(head -n 1 "$DIR/err" | sed "s|$DIR/||" | cut -c1-110)
  printf '| %s | %s | %s | %s | %s | %s |\n' "$f" "$(du -h "$DIR/$f" | cut -f1)" "$code" "$wall" "$((kb / 1024))" "$first"
done
