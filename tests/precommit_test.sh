#!/usr/bin/env bash
# The repository's .pre-commit-hooks.yaml as a user's pre-commit runs it: Debian's pre-commit,
# `pre-commit try-repo` against this source tree, on a scratch git repository holding one
# proposal that passes and one that fails. The hook uses the pipeadvise on PATH.
#
# usage: precommit_test.sh PATH/TO/pipeadvise SOURCE_DIR
set -euo pipefail
exe=$(realpath "$1")
src=$(realpath "$2")
command -v pre-commit >/dev/null || { echo "precommit_test: pre-commit not found (bash .ci/setup)" >&2; exit 1; }

dir=$(mktemp -d /tmp/pipeadvise-precommit.XXXXXX)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir"/bin "$dir"/repo/proposals
ln -s "$exe" "$dir"/bin/pipeadvise
export PATH=$dir/bin:$PATH
export PRE_COMMIT_HOME=$dir/cache  # no cache in the user's home
export SOURCE_DATE_EPOCH=1767225600  # 2026-01-01: the fixtures' waivers are active
cp "$src"/tests/data/check/clean-batch.yaml "$dir"/repo/proposals/good.pipeadvise.yaml
cp "$src"/tests/data/check/overbuilt-streaming.yaml "$dir"/repo/proposals/bad.pipeadvise.yaml
cp "$src"/tests/data/check/clean-batch.yaml "$dir"/repo/proposals/notes.yaml  # not matched by `files`
cd "$dir"/repo
git init -q
git -c user.name=t -c user.email=t@example.invalid add . >/dev/null

failures=0
expect() {  # expect NAME WANTED_EXIT -- COMMAND...
    local name=$1 wanted=$2
    shift 3
    local rc=0
    "$@" > "$dir"/out.txt 2>&1 || rc=$?
    if [[ $rc == "$wanted" ]]; then
        echo "ok   $name"
    else
        echo "FAIL $name: exit $rc, wanted $wanted"
        cat "$dir"/out.txt
        failures=$((failures + 1))
    fi
}

expect "the passing proposal passes the hook" 0 -- \
    pre-commit try-repo "$src" pipeadvise-check --files proposals/good.pipeadvise.yaml
expect "the failing proposal fails the hook" 1 -- \
    pre-commit try-repo "$src" pipeadvise-check --files proposals/bad.pipeadvise.yaml
if grep -q 'architecture-mismatch\|streaming-where-batch-suffices' "$dir"/out.txt; then
    echo "ok   the hook's output names the finding"
else
    echo "FAIL the hook's output does not name the finding"; cat "$dir"/out.txt; failures=$((failures + 1))
fi
expect "validate passes both well-formed files" 0 -- \
    pre-commit try-repo "$src" pipeadvise-validate --all-files
# `files` picks *.pipeadvise.yaml only: notes.yaml is not passed to the hook.
pre-commit try-repo "$src" pipeadvise-check --all-files > "$dir"/all.txt 2>&1 || true
if grep -q 'notes.yaml' "$dir"/all.txt; then
    echo "FAIL notes.yaml was passed to the hook"; failures=$((failures + 1))
else
    echo "ok   files outside *.pipeadvise.yaml are not checked"
fi
echo "$((5 - failures)) passed, $failures failed"
((failures == 0))
