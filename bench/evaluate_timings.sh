#!/bin/sh
# Measures `pipeadvise evaluate` with default settings: wall time and peak resident memory
# on every scenarios/*.yaml, the effect of event volume (1M/day against 10G/day) and of
# the horizon (7 days against 10 years) on the reference scenario, and peak memory of
# every scenario at a 10-year horizon. Prints one line per run.
#
# usage: bench/evaluate_timings.sh [-b PIPEADVISE] [-r REPEATS]
#   PIPEADVISE  the executable (default: $PIPEADVISE, else build-bench/pipeadvise, else
#               build/pipeadvise, relative to the repository); use a Release build
#   REPEATS     runs per case; the best wall time and the largest peak memory are kept
#               (default 3)
# Needs GNU time at /usr/bin/time (Debian package `time`).
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
binary=${PIPEADVISE:-}
repeats=3
while getopts b:r: option; do
    case $option in
    b) binary=$OPTARG ;;
    r) repeats=$OPTARG ;;
    *) echo "usage: $0 [-b PIPEADVISE] [-r REPEATS]" >&2; exit 2 ;;
    esac
done
if [ -z "$binary" ]; then
    for candidate in "$repo/build-bench/pipeadvise" "$repo/build/pipeadvise"; do
        if [ -x "$candidate" ]; then binary=$candidate; break; fi
    done
fi
[ -n "$binary" ] && [ -x "$binary" ] || { echo "$0: no pipeadvise executable (use -b)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "$0: GNU time is needed at /usr/bin/time" >&2; exit 2; }

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT INT TERM

# measure LABEL FILE [ARGS...]: best wall seconds, best CPU seconds (user + system, all
# threads) and peak RSS (MiB) over the repeats.
measure() {
    label=$1
    shift
    best=
    best_cpu=
    peak=0
    i=0
    while [ "$i" -lt "$repeats" ]; do
        if ! /usr/bin/time -f '%e %M %U %S' -o "$workdir/time" "$binary" evaluate "$@" --format json \
            >"$workdir/out.json" 2>"$workdir/err"; then
            printf '%-52s failed: %s\n' "$label" "$(head -c 300 "$workdir/err")"
            return 0
        fi
        read -r wall rss_kib user system <"$workdir/time"
        cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')
        best=$(awk -v a="$wall" -v b="${best:-$wall}" 'BEGIN { print (a < b ? a : b) }')
        best_cpu=$(awk -v a="$cpu" -v b="${best_cpu:-$cpu}" 'BEGIN { print (a < b ? a : b) }')
        peak=$(awk -v a="$rss_kib" -v b="$peak" 'BEGIN { print (a > b ? a : b) }')
        i=$((i + 1))
    done
    events=$(sed -n 's/.*"events_simulated": *\([0-9]*\).*/\1/p' "$workdir/out.json" | head -n 1)
    printf '%-52s wall %6.2f s  cpu %6.2f s  peak RSS %6.1f MiB  events simulated %s\n' "$label" \
        "$best" "$best_cpu" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')" "${events:-?}"
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "binary:  $("$binary" --version 2>/dev/null | head -n 1)"
echo
echo "== every scenario, default settings"
for file in "$repo"/scenarios/*.yaml; do
    measure "$(basename "$file")" "$file"
done

echo
echo "== event volume (reference scenario; node_throughput scaled with the volume so the"
echo "   utilisation, and so the queueing, stays that of 10M/day on 71/s per node)"
reference=$repo/scenarios/reference-10m-per-day.yaml
for pair in 1M/day:7.1/s 10M/day:71/s 10G/day:71k/s; do
    volume=${pair%%:*}
    throughput=${pair#*:}
    name=$(echo "$volume" | tr '/' '-')
    sed -e "s|^\(  volume:\).*|\1 $volume|" -e "s|^\(  node_throughput:\).*|\1 $throughput|" \
        "$reference" >"$workdir/volume-$name.yaml"
    measure "reference, volume $volume" "$workdir/volume-$name.yaml"
done

echo
echo "== horizon (reference scenario)"
for horizon in 7d 10y; do
    measure "reference, --horizon $horizon" "$reference" --horizon "$horizon"
done

echo
echo "== peak memory at the longest horizon, every scenario (one run each)"
repeats=1
for file in "$repo"/scenarios/*.yaml; do
    measure "$(basename "$file") --horizon 10y" "$file" --horizon 10y
done
