#!/usr/bin/env bash
# `whatif --shard auto` on a real Slurm job array: starts a single-node cluster (munged,
# slurmctld and slurmd from Debian's slurm-wlm, all on 127.0.0.1 under a scratch folder),
# submits a 3-task `sbatch --array`, and checks that the shards, concatenated in task order,
# equal the unsharded grid. Bounded: every wait has a deadline; the daemons are stopped on exit.
#
# usage: slurm_shard_test.sh PATH/TO/pipeadvise PATH/TO/scenario.yaml
set -euo pipefail
exe=$(realpath "$1")
scenario=$(realpath "$2")
for tool in munged slurmctld slurmd sbatch squeue; do
    if ! command -v "$tool" >/dev/null && [[ ! -x /usr/sbin/$tool ]]; then
        echo "slurm_shard_test: $tool not found (install slurm-wlm and munge: bash .ci/setup)" >&2
        exit 1
    fi
done
PATH=$PATH:/usr/sbin

dir=$(mktemp -d /tmp/pipeadvise-slurm.XXXXXX)
cleanup() {
    for pid_file in "$dir"/slurmd.pid "$dir"/slurmctld.pid "$dir"/munged.pid; do
        [[ -s $pid_file ]] && kill "$(cat "$pid_file")" 2>/dev/null || true
    done
    sleep 1
    rm -rf "$dir"
}
trap cleanup EXIT
mkdir -p "$dir"/state "$dir"/spool "$dir"/log "$dir"/out
head -c 1024 /dev/urandom > "$dir"/munge.key
chmod 600 "$dir"/munge.key
chmod 700 "$dir"

munged --force -S "$dir"/munge.socket --key-file="$dir"/munge.key --log-file="$dir"/log/munged.log \
    --pid-file="$dir"/munged.pid --seed-file="$dir"/munged.seed

host=$(hostname)
# Ports off the defaults so a Slurm already running on the machine is not disturbed.
cat > "$dir"/slurm.conf <<CONF
ClusterName=pipeadvise-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
AuthInfo=socket=$dir/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=10 State=UP
CONF
export SLURM_CONF=$dir/slurm.conf
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"

deadline=$((SECONDS + 60))
until sinfo -h -o '%t' 2>/dev/null | grep -q idle; do
    if ((SECONDS > deadline)); then
        echo "slurm_shard_test: the node did not come up in 60 s" >&2
        tail -20 "$dir"/log/*.log >&2
        exit 1
    fi
    sleep 0.5
done

# The job script as docs/ci.md shows it: every task evaluates its own slice of the grid.
grid=(--set data.volume=5M/day,20M/day,80M/day --set latency.sla=1m,1h --replications 1 --horizon 1d --jobs 1)
cat > "$dir"/sweep.sh <<JOB
#!/bin/bash
"$exe" whatif "$scenario" ${grid[*]} --format csv --shard auto -o "$dir/out/shard-\$SLURM_ARRAY_TASK_ID.csv"
echo \$? > "$dir/out/rc-\$SLURM_ARRAY_TASK_ID"
JOB
job=$(sbatch --parsable --array=0-2 --time=5 -o "$dir/out/log-%a.txt" --chdir="$dir" "$dir"/sweep.sh)
echo "submitted job array $job"

deadline=$((SECONDS + 240))
while squeue -h -j "$job" 2>/dev/null | grep -q .; do
    if ((SECONDS > deadline)); then
        echo "slurm_shard_test: the array did not finish in 240 s" >&2
        scancel "$job" || true
        exit 1
    fi
    sleep 1
done

status=0
for task in 0 1 2; do
    if [[ $(cat "$dir/out/rc-$task" 2>/dev/null) != 0 ]]; then
        echo "FAIL task $task did not succeed:" >&2
        cat "$dir/out/log-$task.txt" >&2 || true
        status=1
    fi
done
((status == 0)) || exit 1

"$exe" whatif "$scenario" "${grid[@]}" --format csv -o "$dir"/whole.csv
# CSV shards each carry the header; the rows concatenate to the whole grid.
{
    head -n 1 "$dir"/out/shard-0.csv
    for task in 0 1 2; do tail -n +2 "$dir/out/shard-$task.csv"; done
} > "$dir"/joined.csv
rows=$(($(wc -l < "$dir"/whole.csv) - 1))
shard_rows=$(for task in 0 1 2; do echo $(($(wc -l < "$dir/out/shard-$task.csv") - 1)); done | tr '\n' ' ')
if ! cmp -s "$dir"/whole.csv "$dir"/joined.csv; then
    echo "FAIL the concatenated shards differ from the unsharded grid" >&2
    diff "$dir"/whole.csv "$dir"/joined.csv >&2 || true
    exit 1
fi
if [[ $rows != 6 || $shard_rows != "2 2 2 " ]]; then
    echo "FAIL expected 6 rows in 3 shards of 2, got $rows rows, shards: $shard_rows" >&2
    exit 1
fi
echo "ok   3-task Slurm array: shards of $shard_rows rows concatenate to the $rows-row grid"
echo "1 passed, 0 failed"
