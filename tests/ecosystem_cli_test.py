#!/usr/bin/env python3
"""The command line as peer tools (Spectral, checkov) are used: `-` for standard input with
--stdin-filename, directories and quoted globs; `whatif --shard auto` from a Slurm job array's
and a Kubernetes Indexed Job's environment; completion scripts run by bash, zsh and fish;
JUnit read by junitparser; SARIF rule links; escaping that is the same in every format; the
simulate baseline and the failures column (issue 15.2, 15.3).

usage: ecosystem_cli_test.py PATH/TO/pipeadvise SOURCE_DIR
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

EXE = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
CHECK = os.path.join(SRC, "tests", "data", "check")
SCENARIO = os.path.join(SRC, "scenarios", "reference-10m-per-day.yaml")
EPOCH = "1767225600"  # 2026-01-01: the fixtures' waivers are active
failures = []
passed = 0


def run(args, stdin=None, env_extra=None, cwd=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SLURM_") and k not in ("JOB_COMPLETION_INDEX", "NO_COLOR", "CI")}
    env["SOURCE_DATE_EPOCH"] = EPOCH
    env.update(env_extra or {})
    p = subprocess.run([EXE] + args, input=stdin, capture_output=True, env=env, cwd=cwd)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def test(fn):
    global passed
    try:
        fn()
        passed += 1
        print(f"ok   {fn.__name__}")
    except AssertionError as e:
        failures.append(fn.__name__)
        print(f"FAIL {fn.__name__}: {e}")
    return fn


def read(path):
    with open(path, "rb") as f:
        return f.read()


@test
def stdin_is_named_by_stdin_filename():
    text = read(os.path.join(CHECK, "overbuilt-streaming.yaml"))
    rc, out, err = run(["check", "-", "--stdin-filename", "proposals/fraud.yaml", "--format", "json"], stdin=text)
    assert rc == 1, (rc, err)
    doc = json.loads(out)
    assert doc["files"][0]["file"] == "proposals/fraud.yaml", doc["files"][0]["file"]
    locations = {f["location"]["file"] for f in doc["files"][0]["findings"]}
    assert locations == {"proposals/fraud.yaml"}, locations
    # The same bytes from a file give the same findings.
    rc2, out2, _ = run(["check", os.path.join(CHECK, "overbuilt-streaming.yaml"), "--format", "json"])
    ids = [f["id"] for f in doc["files"][0]["findings"]]
    assert ids == [f["id"] for f in json.loads(out2)["files"][0]["findings"]]


@test
def stdin_errors_carry_the_stdin_filename_and_its_lines():
    rc, out, err = run(["validate", "-", "--stdin-filename", "p/bad.yaml"],
                       stdin=b"version: 1\nname: x\nlatency:\n  sla: soon\n")
    assert rc == 2, (rc, err)
    assert re.search(r"^p/bad\.yaml:\d+:\d+: error: ", err, re.M), err
    rc, _, err = run(["validate", "-"], stdin=b"version: 1\nname: [\n")
    assert rc == 2 and err.startswith("<stdin>:"), err
    rc, _, err = run(["validate", "-", "-"], stdin=b"")
    assert rc == 2 and "more than once" in err, err
    rc, _, err = run(["validate", "-"], stdin=b"name: \xff\n")
    assert rc == 2 and "invalid UTF-8" in err, err


@test
def directories_and_globs_expand_to_sorted_yaml_files():
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "proposals", "team-b"))
        os.makedirs(os.path.join(d, "proposals", ".git"))
        good = read(os.path.join(CHECK, "clean-batch.yaml"))
        for name in ("proposals/b.yaml", "proposals/a.yml", "proposals/team-b/c.yaml",
                     "proposals/.hidden.yaml", "proposals/.git/x.yaml"):
            with open(os.path.join(d, name), "wb") as f:
                f.write(good)
        with open(os.path.join(d, "proposals", "notes.txt"), "w") as f:
            f.write("not a workload\n")
        rc, out, err = run(["validate", "proposals"], cwd=d)
        assert rc == 0, err
        files = [line.split(":")[0] for line in out.splitlines()]
        assert files == ["proposals/a.yml", "proposals/b.yaml", "proposals/team-b/c.yaml"], files
        rc, out, err = run(["validate", "proposals/*.yaml"], cwd=d)  # quoted: pipeadvise expands it
        assert rc == 0, err
        assert [line.split(":")[0] for line in out.splitlines()] == ["proposals/b.yaml"], out
        rc, out, err = run(["check", "proposals/team-*", "--format", "json"], cwd=d)
        assert rc == 0, err
        assert [f["file"] for f in json.loads(out)["files"]] == ["proposals/team-b/c.yaml"]
        rc, _, err = run(["validate", "proposals/*.json"], cwd=d)
        assert rc == 2 and "proposals/*.json: error: no file matches this pattern" in err, err
        os.makedirs(os.path.join(d, "empty"))
        rc, _, err = run(["evaluate", "empty", "--no-simulate"], cwd=d)
        assert rc == 2 and "empty: error: directory holds no *.yaml or *.yml file" in err, err


WHATIF = ["whatif", SCENARIO, "--set", "data.volume=5M/day,20M/day,80M/day", "--set", "latency.sla=1m,1h",
          "--replications", "1", "--horizon", "1d", "--format", "csv", "--jobs", "1"]


@test
def shard_auto_reads_slurm_and_kubernetes_indices():
    rc, whole, err = run(WHATIF)
    assert rc == 0, err
    shards = []
    for task in (3, 4, 5):  # --array=3-5: tasks 1..3 of 3
        rc, out, err = run(WHATIF + ["--shard", "auto"], env_extra={
            "SLURM_ARRAY_TASK_ID": str(task), "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": "5"})
        assert rc == 0, err
        rc2, explicit, _ = run(WHATIF + ["--shard", f"{task - 2}/3"])
        assert out == explicit, (task, out, explicit)
        shards.append(out)
    header = whole.splitlines()[0]
    joined = [header] + [line for s in shards for line in s.splitlines()[1:]]
    assert joined == whole.splitlines(), (joined, whole)
    # A stepped array (--array=0-4:2) with its task count.
    rc, out, err = run(WHATIF + ["--shard", "auto"], env_extra={
        "SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "4",
        "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "3"})
    assert rc == 0 and out == shards[2], (rc, err)
    # Kubernetes Indexed Job: 0-based JOB_COMPLETION_INDEX, the completions given as auto/N.
    rc, out, err = run(WHATIF + ["--shard", "auto/3"], env_extra={"JOB_COMPLETION_INDEX": "0"})
    assert rc == 0 and out == shards[0], (rc, err)
    for env, args, message in (
            ({}, ["--shard", "auto"], "no job-array index in the environment"),
            ({"JOB_COMPLETION_INDEX": "1"}, ["--shard", "auto"], "give the Job's completions as --shard auto/N"),
            ({"JOB_COMPLETION_INDEX": "3"}, ["--shard", "auto/3"], "is not below N = 3"),
            ({"SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_MIN": "0"}, ["--shard", "auto"],
             "SLURM_ARRAY_TASK_ID must be a non-negative integer")):
        rc, _, err = run(WHATIF + args, env_extra=env)
        assert rc == 2 and message in err, (env, err)


def completion_words(shell_line):
    return subprocess.run(["bash", "-c", shell_line], capture_output=True, text=True)


@test
def bash_completion_completes_subcommands_and_options():
    script = subprocess.run([EXE, "completion", "bash"], capture_output=True, text=True, check=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".bash", delete=False) as f:
        f.write(script)
    try:
        def complete(*words):
            line = (f"source {f.name}; COMP_WORDS=({' '.join(words)}); COMP_CWORD={len(words) - 1}; "
                    "_pipeadvise; printf '%s\\n' \"${COMPREPLY[@]}\"")
            p = subprocess.run(["bash", "-c", line], capture_output=True, text=True)
            assert p.returncode == 0, p.stderr
            return p.stdout.split()
        assert complete("pipeadvise", "ch") == ["check"], complete("pipeadvise", "ch")
        assert "whatif" in complete("pipeadvise", "''") and "completion" in complete("pipeadvise", "''")
        assert set(complete("pipeadvise", "check", "--f")) == {"--format", "--fail-on"}
        assert "--stdin-filename" in complete("pipeadvise", "validate", "--")
        assert "--shard" in complete("pipeadvise", "whatif", "--sh")
    finally:
        os.unlink(f.name)


@test
def zsh_and_fish_load_their_completions():
    for shell in ("zsh", "fish"):
        assert shutil.which(shell), f"{shell} not found (bash .ci/setup)"
    zsh = subprocess.run([EXE, "completion", "zsh"], capture_output=True, text=True, check=True).stdout
    assert zsh.startswith("#compdef pipeadvise\n")
    p = subprocess.run(["zsh", "-n"], input=zsh, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    fish = subprocess.run([EXE, "completion", "fish"], capture_output=True, text=True, check=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".fish", delete=False) as f:
        f.write(fish)
    try:
        p = subprocess.run(["fish", "--no-config", "-c", f"source {f.name}; complete -C 'pipeadvise ch'; "
                            f"complete -C 'pipeadvise whatif --sh'"], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        words = [line.split("\t")[0] for line in p.stdout.splitlines()]
        assert "check" in words and "--shard" in words, words
    finally:
        os.unlink(f.name)
    rc, _, err = run(["completion", "bsh"])
    assert rc == 2 and "did you mean 'bash'?" in err, err


@test
def junit_testcases_carry_file_and_line_for_junitparser():
    from junitparser import JUnitXml  # Debian's python3-junitparser
    path = os.path.join(CHECK, "overbuilt-streaming.yaml")
    rc, out, err = run(["check", path, "--format", "junit", "--fail-on", "warning"])
    assert rc == 1, err
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(out)
    try:
        xml = JUnitXml.fromfile(f.name)
        cases = [c for suite in xml for c in suite]
        assert cases, "no testcases"
        failed = [c for c in cases if c.result and c.result[0].__class__.__name__ == "Failure"]
        assert failed, "no failing testcase"
        for c in cases:
            assert c._elem.get("file") == path, c._elem.attrib
        for c in failed:
            line = int(c._elem.get("line"))
            assert line > 0
            # The line is the first failing finding's, as in the failure body.
            assert f"{path}:{line}:" in c.result[0].text, (line, c.result[0].text)
    finally:
        os.unlink(f.name)


@test
def sarif_rules_link_to_their_section_of_findings_md():
    rc, out, err = run(["check", os.path.join(CHECK, "overbuilt-streaming.yaml"), "--format", "sarif"])
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].endswith("/docs/ci.md"), driver["informationUri"]
    with open(os.path.join(SRC, "docs", "findings.md"), encoding="utf-8") as f:
        headings = set(re.findall(r"^### `([a-z0-9-]+)`$", f.read(), re.M))
    for rule in driver["rules"]:
        assert rule["helpUri"].endswith("/docs/findings.md#" + rule["id"]), rule["helpUri"]
        # GitHub's anchor for the heading "### `rule-id`" is "rule-id".
        assert rule["id"] in headings, f"docs/findings.md has no section for {rule['id']}"
    # The section is `pipeadvise rules --format markdown`, kept equal to the catalogue.
    rc, md, err = run(["rules", "--format", "markdown"])
    assert rc == 0, err
    with open(os.path.join(SRC, "docs", "findings.md"), encoding="utf-8") as f:
        doc = f.read()
    assert md.strip() in doc, "docs/findings.md's Rule reference differs from `pipeadvise rules --format markdown`"
    rc, text, err = run(["rules"])
    assert rc == 0 and len(text.splitlines()) == len(driver["rules"]), (rc, err)
    for line, rule in zip(text.splitlines(), driver["rules"]):
        assert line.split()[0] == rule["id"] and line.split()[1] in ("error", "warning", "info"), line


HOSTILE_REASON = "ask @everyone \ufffe now \U0010ffff or \ufdd0 later"


@test
def noncharacters_and_mentions_are_escaped_the_same_in_every_format():
    text = read(os.path.join(CHECK, "waived-error.yaml")).decode("utf-8")
    text = text.replace("reason: the team already runs", f"reason: \"{HOSTILE_REASON}\" #")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "w.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        for fmt in ("text", "json", "sarif", "junit", "markdown"):
            rc, out, err = run(["check", path, "--format", fmt])
            assert rc == 0, (fmt, err)
            if fmt == "json":
                out = json.dumps(json.loads(out), ensure_ascii=False)
            if fmt == "junit":
                out = "".join(ET.fromstring(out.encode()).itertext()) + " ".join(
                    v for e in ET.fromstring(out.encode()).iter() for v in e.attrib.values())
            for bad in ("\ufffe", "\U0010ffff", "\ufdd0"):
                assert bad not in out, (fmt, repr(bad))
            assert out.count("\ufffd") >= 3, (fmt, out.count("\ufffd"))
            if fmt == "markdown":
                # GitHub links mentions in the rendered text: a joiner after '@' breaks them.
                assert "@\u200deveryone" in out and "@everyone" not in out, out


@test
def simulate_without_batch_has_no_baseline():
    rc, out, err = run(["simulate", SCENARIO, "--mode", "streaming", "--replications", "1", "--horizon", "1d"])
    assert rc == 0, err
    assert "no batch run" in out and "1.0x" not in out, out
    rc, out, err = run(["simulate", SCENARIO, "--mode", "streaming", "--replications", "1", "--horizon", "1d",
                        "--format", "json"])
    doc = json.loads(out)
    costs = [m["cost"] for m in doc["modes"].values()] if isinstance(doc.get("modes"), dict) else None
    assert "\"multiplier_vs_batch\": null" in out, out[:2000]
    rc, out, err = run(["simulate", SCENARIO, "--replications", "1", "--horizon", "1d"])
    assert rc == 0 and "no batch run" not in out and re.search(r"\d+\.\dx", out), out


@test
def failures_column_says_it_is_per_replication():
    rc, out, err = run(["simulate", SCENARIO, "--replications", "3", "--horizon", "7d"])
    assert rc == 0, err
    assert "failures/rep" in out and "mean failures per replication" in out, out
    rc, js, err = run(["simulate", SCENARIO, "--replications", "3", "--horizon", "7d", "--format", "json"])
    totals = [int(t) for t in re.findall(r'"failures": (\d+)', js)]
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "failures/rep" in line)
    column = lines[start].index("failures/rep")
    shown = []
    for line in lines[start + 1:]:
        if not line.strip() or line.strip().startswith("failures/rep:"):
            break
        if line.strip().split()[0] in ("batch", "micro_batch", "streaming"):
            shown.append(float(line[column:].split()[0]))
    assert len(shown) == len(totals) and shown, (shown, totals)
    for s, t in zip(shown, totals):
        assert abs(s - t / 3) <= 0.05 + 1e-9, (s, t)


@test
def project_config_sets_defaults_and_shared_waivers():
    src = os.path.join(CHECK, "warnings-only.yaml")
    rc, out, err = run(["check", src, "--format", "json"])
    assert rc == 0, err  # warnings only: passes at the default --fail-on error
    warnings = [f for f in json.loads(out)["files"][0]["findings"] if f["severity"] == "warning"]
    assert len(warnings) >= 2, warnings
    waived, kept = warnings[0]["id"], warnings[1]["id"]
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "proposals", "deep"))
        shutil.copy(src, os.path.join(d, "proposals", "deep", "w.yaml"))
        with open(os.path.join(d, ".pipeadvise.yaml"), "w") as f:
            f.write("check:\n  fail_on: warning\n  format: [text, json=report.json]\n"
                    f"waivers:\n  - id: {waived}\n    reason: shared by the platform team\n"
                    "    expires: 2027-06-30\n  - id: no-such-rule-anywhere\n    reason: typo\n"
                    "    expires: 2027-06-30\n")
        cwd = os.path.join(d, "proposals", "deep")  # found upward from the working directory
        rc, out, err = run(["check", "w.yaml"], cwd=cwd)
        assert rc == 1, (rc, err)  # fail_on: warning from the file
        assert "w.yaml" in out, out  # the text output went to stdout
        doc = json.loads(read(os.path.join(cwd, "report.json")))
        findings = doc["files"][0]["findings"]
        by_id = {f["id"]: f for f in findings}
        assert by_id[waived]["suppressed"] is True, by_id[waived]
        assert by_id[waived]["suppression_reason"] == "shared by the platform team"
        assert by_id[kept]["suppressed"] is False
        unknown = by_id["waiver-unknown-id"]
        assert unknown["location"]["file"].endswith(".pipeadvise.yaml"), unknown
        assert unknown["location"]["line"] == 8, unknown
        # Flags win over the file.
        rc, out, err = run(["check", "w.yaml", "--fail-on", "error", "--format", "text"], cwd=cwd)
        assert rc == 0, (rc, err)
        # --config names another file; a misspelt key is an input error at its line.
        with open(os.path.join(d, "other.yaml"), "w") as f:
            f.write("check:\n  fail-on: info\n")
        rc, _, err = run(["check", "w.yaml", "--config", os.path.join(d, "other.yaml")], cwd=cwd)
        assert rc == 2, (rc, err)
        assert "other.yaml:2:3: error: unknown key 'fail-on' in check; did you mean 'fail_on'?" in err, err


print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
