#!/bin/sh
# Times pipeadvise's simulator against SimPy on the same M/M/1 queue (lambda = 0.8/s,
# mu = 1/s, ~1,000,000 customers) and prints both run times, their ratio and both mean
# sojourn times against the theory, 1/(mu - lambda) = 5 s.
#
# usage: bench/simpy_compare.sh [-b PIPEADVISE] [-n CUSTOMERS] [SIMPY_MODEL]
#   PIPEADVISE   the executable to time (default: $PIPEADVISE, else build-bench/pipeadvise,
#                else build/pipeadvise, relative to the repository)
#   CUSTOMERS    customers for SimPy (default 1000000; the workload's horizon gives the
#                same expected number, 1,250,000 s x 0.8/s)
#   SIMPY_MODEL  the SimPy 2 model (default: ../shared/bench/mm1_simpy.py beside the
#                repository)
# Needs /usr/bin/python3 with SimPy 2 (Debian: apt-get install python3-simpy).
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
binary=${PIPEADVISE:-}
customers=1000000
while getopts b:n: option; do
    case $option in
    b) binary=$OPTARG ;;
    n) customers=$OPTARG ;;
    *) echo "usage: $0 [-b PIPEADVISE] [-n CUSTOMERS] [SIMPY_MODEL]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
model=${1:-$repo/../shared/bench/mm1_simpy.py}
if [ -z "$binary" ]; then
    for candidate in "$repo/build-bench/pipeadvise" "$repo/build/pipeadvise"; do
        if [ -x "$candidate" ]; then binary=$candidate; break; fi
    done
fi
python=/usr/bin/python3

[ -n "$binary" ] && [ -x "$binary" ] || { echo "$0: no pipeadvise executable (use -b)" >&2; exit 2; }
[ -r "$model" ] || { echo "$0: cannot read the SimPy model $model" >&2; exit 2; }
"$python" -c 'import SimPy.Simulation' 2>/dev/null ||
    { echo "$0: $python cannot import SimPy 2 (apt-get install python3-simpy)" >&2; exit 2; }

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT INT TERM

now() { "$python" -c 'import time; print(f"{time.monotonic():.6f}")'; }

echo "pipeadvise: $binary simulate bench/mm1.yaml --mode streaming --format json"
start=$(now)
"$binary" simulate "$repo/bench/mm1.yaml" --mode streaming --format json >"$workdir/pipeadvise.json"
end=$(now)
ours=$("$python" -c "print(f'{$end - $start:.3f}')")

echo "simpy:      $python $model $customers"
start=$(now)
"$python" "$model" "$customers" >"$workdir/simpy.txt"
end=$(now)
theirs=$("$python" -c "print(f'{$end - $start:.3f}')")

"$python" - "$workdir/pipeadvise.json" "$workdir/simpy.txt" "$ours" "$theirs" <<'PY'
import json, sys
ours_file, simpy_file, ours, theirs = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
sim = json.load(open(ours_file))
streaming = sim["modes"]["streaming"]
ours_mean = streaming["lag_seconds"]["mean"]
ours_events = sim["events_simulated"]
fields = open(simpy_file).read().split()
simpy = dict(zip(fields[0::2], fields[1::2]))
theory = 1.0 / (1.0 - 0.8)
print(f"{'':12}{'customers':>12}{'mean sojourn (s)':>18}{'vs theory':>11}{'wall (s)':>10}")
print(f"{'pipeadvise':12}{ours_events:>12}{ours_mean:>18.4f}{(ours_mean / theory - 1) * 100:>+10.2f}%{ours:>10.3f}")
simpy_mean = float(simpy["mean_sojourn"])
print(f"{'simpy':12}{int(simpy['customers']):>12}{simpy_mean:>18.4f}{(simpy_mean / theory - 1) * 100:>+10.2f}%{theirs:>10.3f}")
print(f"theory: 1/(mu - lambda) = {theory:.4f} s; simpy's own timing of its run loop: {float(simpy['seconds']):.3f} s")
print(f"speed-up (wall, whole processes): {theirs / ours:.1f}x")
PY
