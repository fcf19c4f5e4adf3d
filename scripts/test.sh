#!/usr/bin/env bash
# Sets up what is missing, builds, runs every test project, and ends with one line:
#   tests: N passed, N failed, N skipped
# Exits non-zero when any test fails or a test run breaks.
#   --fast  runs the unit tier only: test classes marked [Trait("Tier", "Unit")], which start no child process, broker,
#           model session or server (the rest are [Trait("Tier", "Integration")])
set -uo pipefail

fast=0
for arg in "$@"; do
  case "$arg" in
    --fast) fast=1 ;;
    *) echo "usage: scripts/test.sh [--fast]" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STREAMS_SETUP_QUIET=1 bash scripts/setup.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }

if ! dotnet build Streams.sln -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "build failed"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# A hung test fails its run after 10 minutes instead of holding CI to its limit. Test projects run one at a time:
# several of them start real ffmpeg, ONNX Runtime and streams processes, and on a small machine running them all at
# once starves processes whose tests wait on them (signals, exits) into timeouts.
run_tests() {
  dotnet test Streams.sln -c Release --no-build --nologo \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" \
    --blame-hang-timeout 10m "$@" -- RunConfiguration.TreatNoTestsAsError=false RunConfiguration.MaxCpuCount=1
}
if ((fast)); then
  # The console output is kept: a project none of whose tests is in the tier runs nothing, and vstest names it there.
  run_tests --filter "Tier=Unit" 2>&1 | tee "$RESULTS/console.log"
  status=${PIPESTATUS[0]}
else
  run_tests
  status=$?
fi

passed=0 failed=0 skipped=0 runs=0
for trx in "$RESULTS"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  # With the tier's filter, a results file without tests is a project left with nothing to run: counted by name below.
  if ((fast)) && (($(get total) == 0)); then
    continue
  fi
  runs=$((runs + 1))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # A skipped test is counted in total but not in executed (xunit leaves notExecuted at 0).
  skipped=$((skipped + $(get total) - $(get executed)))
done

if ((fast)); then
  # "No test matches the given testcase filter `Tier=Unit` in .../X.Tests.dll": that project ran, and had no unit tests.
  unmatched=$(grep -o 'No test matches the given testcase filter .* in [^ ]*\.dll' "$RESULTS/console.log" | sed 's/.* in //' | sort -u | wc -l)
  runs=$((runs + unmatched))
fi

# Every test class is in a tier, or --fast would leave it out without a word.
untiered=$(grep -rlE --include='*.cs' '\[(Fact|Theory)' tests | xargs -r grep -L 'Trait("Tier", "' || true)
if [[ -n "$untiered" ]]; then
  echo "test files without a Tier trait ([Trait(\"Tier\", \"Unit\")] or [Trait(\"Tier\", \"Integration\")]):"
  echo "$untiered"
  failed=$((failed + $(echo "$untiered" | wc -l)))
fi

expected=$(dotnet sln Streams.sln list | grep -c '\.Tests\.csproj$')
if ((runs < expected)); then
  echo "only $runs of $expected test projects reported results (a test host crashed?)"
  failed=$((failed + expected - runs))
fi
if ((status != 0 && failed == 0)); then
  failed=1
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
((failed == 0))
