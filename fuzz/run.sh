#!/usr/bin/env bash
# Runs every libFuzzer harness for a bounded time on a seed corpus.
# usage: fuzz/run.sh BUILD_DIR [SECONDS_PER_HARNESS]   (default 60)
# Seeds: the scenarios and the good and bad workloads of tests/data for the loader,
# fuzz/seeds/<harness>/ for the others. A crash, sanitizer report, leak, timeout (10 s per
# input) or out-of-memory (2 GiB) fails the run and leaves the reproducer in BUILD_DIR/fuzz-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS]}
seconds=${2:-60}
work="$build/fuzz-work"
rm -rf "$work"
mkdir -p "$work" "$build/fuzz-artifacts"

mkdir -p "$work/seeds-loader"
cp scenarios/*.yaml tests/data/good/*.yaml "$work/seeds-loader/"
for f in tests/data/bad/*.yaml; do cp "$f" "$work/seeds-loader/bad-$(basename "$f")"; done

status=0
for harness in loader overrides units; do
  seeds="$work/seeds-$harness"
  [[ -d "$seeds" ]] || seeds="fuzz/seeds/$harness"
  corpus="$work/corpus-$harness"
  mkdir -p "$corpus"
  echo "fuzz: $harness for ${seconds}s (seeds: $seeds)"
  # The first directory receives new inputs; the seeds stay untouched.
  if ! "$build/fuzz/fuzz_$harness" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$harness-" \
      >"$work/$harness.log" 2>&1; then
    echo "fuzz: $harness FAILED; last lines of $work/$harness.log:"
    tail -40 "$work/$harness.log"
    status=1
  else
    grep -E '^stat::number_of_executed_units|^#[0-9]+ +DONE' "$work/$harness.log" | tail -2 || true
  fi
done
exit $status
