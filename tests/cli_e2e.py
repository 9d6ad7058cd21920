#!/usr/bin/python3
"""End-to-end tests of the pipeadvise command line.

usage: cli_e2e.py PIPEADVISE SOURCE_DIR GROUP [--update]

Groups: scenarios, bad-inputs, outputs, commands, manpage. Each prints one line per check and
ends with 'N passed, N failed'. `--update` rewrites the stored scenario expectations in
tests/data/expected/ (review the diff before committing).
"""
import json
import os
import pathlib
import shutil
import stat
import subprocess
import sys
import tempfile

EXE, SRC, GROUP = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
UPDATE = "--update" in sys.argv[4:]
passed = failed = 0
ENV = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
ENV["SOURCE_DATE_EPOCH"] = "1795000000"  # 2026-11-18: waiver expiry is reproducible


def run(*args, stdin=None, env=None, timeout=120):
    p = subprocess.run([EXE, *args], cwd=SRC, capture_output=True, text=True, env=env or ENV,
                       timeout=timeout, stdin=subprocess.DEVNULL if stdin is None else stdin)
    return p.returncode, p.stdout, p.stderr


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {detail}"[:4000])


def scenario_files():
    return sorted((SRC / "scenarios").glob("*.yaml"))


MODE_KEYS = {"lag_seconds", "sla_attainment", "recovery_seconds", "late_events_dropped_fraction", "events_lost", "cost"}
LAG_KEYS = {"mean", "p50", "p95", "p99", "max", "mean_ci95"}
ARCHS = {"batch", "micro_batch", "simple_streaming", "full_streaming", "hybrid"}


def check_simulation(name, sim):
    check(f"{name}: simulation keys", {"seed", "replications", "horizon_seconds", "events_simulated", "modes"} <= set(sim),
          sorted(sim))
    check(f"{name}: three modes", set(sim["modes"]) == {"batch", "micro_batch", "streaming"}, sorted(sim["modes"]))
    for mode, m in sim["modes"].items():
        ok = MODE_KEYS <= set(m) and LAG_KEYS <= set(m["lag_seconds"]) and \
            set(m["cost"]["monthly_usd"]) >= {"compute", "infrastructure", "storage", "engineering", "total"}
        check(f"{name}: {mode} keys", ok, sorted(m))
        parts = m["cost"]["monthly_usd"]
        total = parts["compute"] + parts["infrastructure"] + parts["storage"] + parts["engineering"]
        check(f"{name}: {mode} cost parts add up", abs(total - parts["total"]) <= 1e-3 * max(1, parts["total"]),
              f"{total} vs {parts['total']}")
        lag = m["lag_seconds"]
        check(f"{name}: {mode} lag quantiles ordered", lag["p50"] <= lag["p95"] <= lag["p99"] <= lag["max"] * 1.02 + 1e-9,
              lag)
        check(f"{name}: {mode} sla attainment is a share", 0 <= m["sla_attainment"] <= 1, m["sla_attainment"])
    check(f"{name}: batch multiplier is 1", sim["modes"]["batch"]["cost"]["multiplier_vs_batch"] == 1,
          sim["modes"]["batch"]["cost"])


def group_scenarios():
    files = scenario_files()
    check("at least 13 scenarios", len(files) >= 13, len(files))
    for path in files:
        rel = str(path.relative_to(SRC))
        code, out, err = run("evaluate", rel, "--format", "json")
        check(f"{rel}: evaluate exits 0", code == 0, err)
        if code != 0:
            continue
        doc = json.loads(out)
        check(f"{rel}: top-level keys", {"pipeadvise_version", "workload", "recommendation", "questions", "findings",
                                          "simulation"} <= set(doc), sorted(doc))
        check(f"{rel}: architecture spelling", doc["recommendation"]["architecture"] in ARCHS, doc["recommendation"])
        check(f"{rel}: five questions", [q["id"] for q in doc["questions"]] ==
              ["latency", "state", "boundedness", "failure", "cost"], doc["questions"])
        for f in doc["findings"]:
            ok = f["severity"] in ("info", "warning") and f["location"]["file"] == rel and f["location"]["line"] >= 1
            check(f"{rel}: finding {f['id']} capped at warning with a location", ok, f)
        if "use_cases" in doc:
            check(f"{rel}: no top-level simulation with use_cases", doc["simulation"] is None, "")
            for uc in doc["use_cases"]:
                check_simulation(f"{rel}[{uc['name']}]", uc["simulation"])
        else:
            check_simulation(rel, doc["simulation"])
        summary = {
            "architecture": doc["recommendation"]["architecture"],
            "fallback": doc["recommendation"]["fallback"],
            "use_cases": {uc["name"]: uc["recommendation"]["architecture"] for uc in doc.get("use_cases", [])},
            "finding_ids": sorted({f["id"] for f in doc["findings"]}),
        }
        expected_path = SRC / "tests" / "data" / "expected" / (path.stem + ".json")
        if UPDATE:
            expected_path.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
        expected = json.loads(expected_path.read_text()) if expected_path.exists() else None
        check(f"{rel}: matches stored expectation", expected == summary,
              f"expected {expected}\n     got {summary}")
        code2, out2, _ = run("evaluate", rel, "--format", "json")
        check(f"{rel}: same seed, same bytes", code2 == 0 and out2 == out, "outputs differ")
        for fmt in ("text", "markdown"):
            code, out, err = run("evaluate", rel, "--format", fmt)
            check(f"{rel}: evaluate --format {fmt}", code == 0 and doc["workload"] in out and "\x1b[" not in out, err)


def expect_lines(path):
    return [line for line in path.read_text().splitlines() if line.strip()]


def group_bad_inputs():
    bad = sorted(p for p in (SRC / "tests" / "data" / "bad").iterdir() if p.suffix != ".expect")
    check("at least 20 bad inputs", len(bad) >= 20, len(bad))
    for path in bad:
        rel = str(path.relative_to(SRC))
        for command in (["validate"], ["evaluate", "--no-simulate"], ["check"]):
            code, out, err = run(*command, rel)
            check(f"{rel}: {command[0]} exits 2", code == 2, f"exit {code}: {err}")
        code, out, err = run("validate", rel)
        check(f"{rel}: nothing on stdout", out == "", out)
        exp = path.with_suffix(".expect")
        if exp.exists():
            for line in expect_lines(exp):
                check(f"{rel}: reports '{line}'", f"{rel}:{line}" in err, err)
    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, "fifo.yaml")
        os.mkfifo(fifo)
        hostile = {"a directory": tmp, "a FIFO": fifo, "/dev/zero": "/dev/zero", "a missing file": os.path.join(tmp, "x.yaml")}
        for what, target in hostile.items():
            code, out, err = run("validate", target, timeout=20)
            check(f"{what} is refused with exit 2", code == 2 and err.startswith(target), f"exit {code}: {err}")
        big = os.path.join(tmp, "big.yaml")
        with open(big, "w") as f:
            f.write("name: big\n" + "# padding\n" * 200000)
        code, out, err = run("validate", big)
        check("an oversized file is refused before parsing", code == 2 and "too large" in err, err)
    two = [str(p.relative_to(SRC)) for p in bad[:2]]
    code, out, err = run("validate", *two)
    check("errors of every file are reported in one run", code == 2 and two[0] in err and two[1] in err, err)


def group_outputs():
    scenario = "scenarios/card-fraud-velocity.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        out_path = os.path.join(tmp, "out.json")
        code, out, err = run("evaluate", scenario, "--format", "json", "-o", out_path)
        check("-o writes the file and nothing to stdout", code == 0 and out == "" and json.load(open(out_path)), err)
        check("-o leaves no temporary file behind", os.listdir(tmp) == ["out.json"], os.listdir(tmp))
        before = open(out_path).read()
        code, out, err = run("evaluate", "tests/data/bad/negative.yaml", "-o", out_path)
        check("-o keeps the old file when the input is bad", code == 2 and open(out_path).read() == before, err)
        missing_dir = os.path.join(tmp, "no", "such", "dir", "out.json")
        code, out, err = run("evaluate", scenario, "--no-simulate", "-o", missing_dir)
        check("-o into a missing directory is an error, exit 2", code == 2 and not os.path.exists(missing_dir), err)
        check("-o failure leaves no stray files", sorted(os.listdir(tmp)) == ["out.json"], os.listdir(tmp))
        trace = os.path.join(tmp, "trace.csv")
        code, out, err = run("simulate", scenario, "--mode", "streaming", "--format", "csv", "--trace", trace)
        lines = open(trace).read().splitlines() if os.path.exists(trace) else []
        check("simulate --trace writes a CSV time series", code == 0 and lines and
              lines[0] == "mode,time_seconds,backlog_events,lag_seconds,throughput_per_second" and len(lines) > 10, err)
        check("simulate --format csv has one row per mode", code == 0 and len(out.splitlines()) == 2, out)
    code, out, err = run("evaluate", scenario, "--no-simulate", "--format", "json")
    doc = json.loads(out) if code == 0 else {}
    check("--no-simulate gives a null simulation and no invented numbers",
          code == 0 and doc["simulation"] is None and doc["recommendation"]["cost_multiplier_vs_batch"] is None, err)
    code, out, err = run("simulate", scenario, "--format", "json")
    sim = json.loads(out) if code == 0 else {}
    check("simulate --format json is the simulation object alone", code == 0 and "modes" in sim and "workload" not in sim, err)
    if code == 0:
        check_simulation("simulate json", sim)
    code, out, err = run("evaluate", scenario, "--seed", "7", "--replications", "3", "--horizon", "2d", "--format", "json")
    sim = json.loads(out)["simulation"] if code == 0 else {}
    check("--seed/--replications/--horizon override the file",
          code == 0 and sim["seed"] == 7 and sim["replications"] == 3 and sim["horizon_seconds"] == 172800, err)
    code, out, err = run("evaluate", scenario, "--horizon", "-1d")
    check("a bad --horizon is an input error", code == 2 and "horizon" in err, err)
    code, out, err = run("evaluate", scenario, "--jobs", "1", "--format", "json")
    code2, out2, err2 = run("evaluate", scenario, "--jobs", "2", "--format", "json")
    check("results do not depend on --jobs", code == 0 and out == out2, "differ")
    files = [str(p.relative_to(SRC)) for p in scenario_files()[:3]]
    code, out, err = run("evaluate", *files, "--no-simulate", "--format", "json")
    check("several files give a JSON array", code == 0 and isinstance(json.loads(out), list) and len(json.loads(out)) == 3, err)
    env = dict(ENV, NO_COLOR="1")
    code, out, err = run("evaluate", scenario, "--no-simulate", env=env)
    check("no colour in a pipe or with NO_COLOR", code == 0 and "\x1b[" not in out and "\x1b[" not in err, "")


def group_commands():
    code, out, err = run("--version")
    check("--version", code == 0 and out.startswith("pipeadvise "), out + err)
    code, out, err = run("--help")
    subcommands = ["evaluate", "check", "simulate", "whatif", "diff", "report", "calibrate", "validate", "schema",
                   "init", "tree"]
    check("--help lists every subcommand", code == 0 and all(s in out for s in subcommands), out)
    code, out, err = run("evaluate", "--frobnicate", "scenarios/card-fraud-velocity.yaml")
    check("an unknown flag is a usage error (exit 2)", code == 2 and "error" in err, err)
    code, out, err = run("frobnicate")
    check("an unknown subcommand is a usage error (exit 2)", code == 2 and "unknown subcommand 'frobnicate'" in err, err)
    code, out, err = run("evalute", "scenarios/card-fraud-velocity.yaml")
    check("a mistyped subcommand suggests the right one (exit 2)",
          code == 2 and "unknown subcommand 'evalute'; did you mean 'evaluate'?" in err and out == "", err)
    code, out, err = run("--version", "chek")
    check("a mistyped subcommand after an option still suggests", code == 2 and "did you mean 'check'?" in err, err)
    check_formats_agree()
    code, out, err = run("evaluate", "scenarios/card-fraud-velocity.yaml", "--format", "jsn")
    check("an unknown format suggests the right one", code == 2 and "did you mean 'json'" in err, err)
    code, out, err = run("schema")
    schema_file = json.loads((SRC / "schema" / "workload.schema.json").read_text())
    check("schema prints schema/workload.schema.json", code == 0 and json.loads(out) == schema_file, err)
    check("the schema is draft 2020-12", schema_file.get("$schema") == "https://json-schema.org/draft/2020-12/schema", "")
    code, out, err = run("tree")
    check("tree prints the framework with the spec's thresholds",
          code == 0 and "1m" in out and "5m" in out and "full_streaming" in out and "hybrid" in out, out)
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "workload.yaml")
        code, out, err = run("init", "-o", target)
        check("init writes the starter", code == 0 and os.path.exists(target), err)
        code, out, err = run("validate", target)
        check("the starter validates", code == 0, err)
        code, out, err = run("init", "-o", target)
        check("init refuses to overwrite without --force", code == 2 and "--force" in err, err)
        code, out, err = run("init", "--list")
        names = out.split()
        check("init --list names the starter and every scenario", code == 0 and "starter" in names and
              len(names) == 1 + len(scenario_files()), out)
        for name in names:
            t = os.path.join(tmp, name + ".yaml")
            code, out, err = run("init", "--template", name, "-o", t)
            code2, _, err2 = run("validate", t)
            check(f"init --template {name} writes a valid workload", code == 0 and code2 == 0, err + err2)
        code, out, err = run("init", "--template", "startr", "-o", os.path.join(tmp, "z.yaml"))
        check("an unknown template suggests the right one", code == 2 and "did you mean 'starter'" in err, err)


def check_formats_agree():
    """The formats a subcommand accepts are the ones it renders: every format named in the
    refusal of an unknown one (render's product table) is listed by --help and produces output."""
    scenario = "scenarios/card-fraud-velocity.yaml"
    quick = ["--replications", "1", "--horizon", "2d"]
    commands = {
        "evaluate": ["evaluate", scenario, "--no-simulate"],
        "check": ["check", scenario, "--no-simulate"],
        "simulate": ["simulate", scenario, "--mode", "streaming", *quick],
        "whatif": ["whatif", scenario, "--set", "infrastructure.nodes=4,8", *quick],
        "diff": ["diff", scenario, "scenarios/reference-10m-per-day.yaml", *quick],
        "calibrate": ["calibrate", "tests/data/calibrate/exact.csv"],
    }
    for name, command in commands.items():
        code, out, err = run(*command, "--format", "nosuch")
        listed = err.split("(one of:")[-1].split(")")[0].split() if "(one of:" in err else []
        check(f"{name}: an unknown --format is refused with the list of formats", code == 2 and listed, err)
        code, help_text, _ = run(name, "--help")
        help_line = next((line for line in help_text.splitlines() if "--format" in line), "")
        check(f"{name}: --help lists the same formats", all(f in help_line for f in listed), help_line)
        for fmt in listed:
            code, out, err = run(*command, "--format", fmt, timeout=300)
            check(f"{name} --format {fmt} renders", code in (0, 1) and out.strip() != "", f"exit {code}: {err}")


def group_manpage():
    page = SRC / "man" / "pipeadvise.1"
    if not shutil.which("man"):
        check("man is installed", False, "install man-db")
        return
    p = subprocess.run(["man", "-l", str(page)], capture_output=True, text=True, env=dict(ENV, MANPAGER="cat", PAGER="cat",
                                                                                          MANWIDTH="100"))
    check("man -l renders the page without warnings", p.returncode == 0 and "warning" not in p.stderr.lower(), p.stderr)
    text = p.stdout
    for s in ["evaluate", "check", "simulate", "whatif", "diff", "report", "calibrate", "validate", "schema", "init",
              "tree", "EXIT STATUS", "--fail-on", "--format", "--set", "--shard", "--jobs", "--trace", "NO_COLOR",
              "SOURCE_DATE_EPOCH", "latency.sla", "use_cases", "proposal", "waivers", "drills", "granularity"]:
        check(f"man page mentions {s}", s in text, "")


GROUPS = {"scenarios": group_scenarios, "bad-inputs": group_bad_inputs, "outputs": group_outputs,
          "commands": group_commands, "manpage": group_manpage}
GROUPS[GROUP]()
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
