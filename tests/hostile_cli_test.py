#!/usr/bin/python3
"""Hostile inputs and hostile output paths through the command line (issue 13's reproducers).

usage: hostile_cli_test.py PIPEADVISE SOURCE_DIR GROUP

Groups: outputs, units, limits, escaping. Every check asserts the expected behaviour (exit
code, message, file untouched), not only "does not crash". Prints one line per check and
ends with 'N passed, N failed'.
"""
import json
import os
import pathlib
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

EXE, SRC, GROUP = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve(), sys.argv[3]
passed = failed = 0
ENV = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
ENV["SOURCE_DATE_EPOCH"] = "1795000000"
SCENARIO = SRC / "scenarios" / "card-fraud-velocity.yaml"


def run(*args, cwd=None, timeout=60):
    try:
        p = subprocess.run([EXE, *[os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args]],
                           cwd=cwd or SRC, capture_output=True, env=ENV, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return "timeout", "", f"no answer within {timeout} s"
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def device(tmp, name, minor):
    """A character device to write to. As root, a private copy of /dev/null (1,3) or /dev/full
    (1,7) in `tmp`, so a regression that renames over it cannot destroy the system's node."""
    if os.geteuid() == 0:
        path = pathlib.Path(tmp) / name
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
            return path
        except OSError:
            return None  # no mknod in this container: skip rather than risk /dev itself
    return pathlib.Path("/dev") / name


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {detail}"[:3000])


def workload(**replace):
    """The card-fraud scenario with some `key: value` lines replaced (by key, first match)."""
    lines = SCENARIO.read_text().splitlines()
    for key, value in replace.items():
        for i, line in enumerate(lines):
            stripped = line.lstrip()
            if stripped.startswith(key + ":"):
                indent = line[: len(line) - len(stripped)]
                lines[i] = f"{indent}{key}: {value}"
                break
        else:
            # Not in the scenario: added under its section (failures: created when missing).
            section = {"bad_deploy_every": "simulation", "granularity": "simulation"}.get(key, "infrastructure")
            at = lines.index(section + ":")
            if key == "bad_deploy_every":
                lines[at + 1:at + 1] = ["  failures:", f"    {key}: {value}"]
            else:
                lines.insert(at + 1, f"  {key}: {value}")
    return "\n".join(lines) + "\n"


def write(tmp, name, text):
    path = pathlib.Path(tmp) / name
    path.write_text(text) if isinstance(text, str) else path.write_bytes(text)
    return path


def line_of(text, key):
    for i, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(key + ":"):
            return i
    return 0


# --- outputs (issue 13 point 1, point 6's temp names and '-') --------------------------------

def outputs(tmp):
    w = write(tmp, "w.yaml", SCENARIO.read_text())
    fast = ["--no-simulate"]

    null = device(tmp, "null", 3)
    if null is not None:
        code, out, err = run("evaluate", w, *fast, "-o", null)
        check("-o /dev/null: written through, still a character device, exit 0",
              code == 0 and stat.S_ISCHR(os.lstat(null).st_mode), (code, err))
    full = device(tmp, "full", 7)
    if full is not None:
        code, out, err = run("evaluate", w, *fast, "-o", full)
        check("-o /dev/full: the write error is exit 2 and the device stays a device",
              code == 2 and stat.S_ISCHR(os.lstat(full).st_mode) and "No space left" in err, (code, err))

    fifo = pathlib.Path(tmp) / "fifo"
    os.mkfifo(fifo)
    got = {}

    def reader():
        with open(fifo, "rb") as f:
            got["data"] = f.read()

    t = threading.Thread(target=reader)
    t.start()
    code, out, err = run("evaluate", w, *fast, "--format", "json", "-o", fifo)
    t.join(10)
    check("-o FIFO: the reader gets the output, the FIFO stays a FIFO",
          code == 0 and stat.S_ISFIFO(os.lstat(fifo).st_mode) and json.loads(got.get("data", b"null")) is not None,
          (code, err))

    target = write(tmp, "target.json", "old\n")
    link = pathlib.Path(tmp) / "link.json"
    link.symlink_to(target)
    code, out, err = run("evaluate", w, *fast, "--format", "json", "-o", link)
    check("-o symlink: the target is written and the link stays a link",
          code == 0 and link.is_symlink() and json.loads(target.read_text()) is not None, (code, err))

    before = w.read_bytes()
    code, out, err = run("evaluate", w, *fast, "-o", w)
    check("evaluate w.yaml -o w.yaml: exit 2, the workload untouched",
          code == 2 and w.read_bytes() == before and "also an input" in err, (code, err))

    code, out, err = run("simulate", w, "--mode", "batch", "--trace", w)
    check("simulate w.yaml --trace w.yaml: exit 2, the workload untouched",
          code == 2 and w.read_bytes() == before and "also an input" in err, (code, err))

    hard = pathlib.Path(tmp) / "hard.yaml"
    os.link(w, hard)
    code, out, err = run("evaluate", w, *fast, "-o", hard)
    check("an output that is a hard link to the input (same inode): exit 2, untouched",
          code == 2 and w.read_bytes() == before, (code, err))

    x = pathlib.Path(tmp) / "x.out"
    code, out, err = run("simulate", w, "--mode", "batch", "--trace", x, "-o", x)
    check("--trace X -o X: exit 2 and X is not written", code == 2 and not x.exists() and "two outputs" in err,
          (code, err))

    long_name = "r" * 240 + ".json"
    code, out, err = run("evaluate", w, *fast, "--format", "json", "-o", long_name, cwd=tmp)
    check("a legal 240-character -o name is written",
          code == 0 and (pathlib.Path(tmp) / long_name).exists(), (code, err))
    check("no temporary file is left after writes",
          not [p for p in os.listdir(tmp) if ".tmp-" in p], os.listdir(tmp))

    code, out, err = run("validate", "-")
    check("'-' as an input: no 'No such file or directory'",
          "No such file or directory" not in err, (code, err))


def interrupted_write(tmp):
    """SIGTERM while the output is being written leaves no temporary file."""
    w = write(tmp, "w.yaml", SCENARIO.read_text())
    fifo_dir = pathlib.Path(tmp) / "sig"
    fifo_dir.mkdir()
    # A long evaluate (many replications) killed at intervals: whichever phase the signal hits,
    # no '.OUT.tmp-*' may remain (the temporary file is removed by the handler).
    for delay in (0.05, 0.2, 0.5):
        p = subprocess.Popen([EXE, "evaluate", str(w), "--replications", "3", "-o", str(fifo_dir / "out.txt")],
                             cwd=SRC, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGTERM)
        p.wait(60)
    check("SIGTERM during evaluate -o leaves no temporary file",
          not [p for p in os.listdir(fifo_dir) if ".tmp-" in p], os.listdir(fifo_dir))


# --- units (issue 13 point 2) -----------------------------------------------------------------

def units(tmp):
    digits = "0.525120251225152251010115251251"
    text = workload(sla=digits)
    w = write(tmp, "sla.yaml", text)
    code, out, err = run("validate", w)
    check("sla with 30 decimals: validate exit 2 at the key's line, 'too many decimal places'",
          code == 2 and f"sla.yaml:{line_of(text, 'sla')}:" in err and "too many decimal places" in err, (code, err))
    code, out, err = run("evaluate", w, "--no-simulate")
    check("sla with 30 decimals: evaluate exit 2, never a negative SLA", code == 2 and "-0.0" not in out, (code, out))

    text = workload(retention=digits)
    code, out, err = run("validate", write(tmp, "ret.yaml", text))
    check("retention with 30 decimals: exit 2 with location",
          code == 2 and f"ret.yaml:{line_of(text, 'retention')}:" in err, (code, err))

    text = workload(horizon=digits)
    code, out, err = run("validate", write(tmp, "hor.yaml", text))
    check("horizon with 30 decimals: exit 2 with location",
          code == 2 and f"hor.yaml:{line_of(text, 'horizon')}:" in err, (code, err))

    text = workload(sla=digits + "s")
    code, out, err = run("validate", write(tmp, "sfx.yaml", text))
    check("suffixed 30-decimal duration: exit 2, too many decimal places",
          code == 2 and "too many decimal places" in err, (code, err))

    code, out, err = run("validate", write(tmp, "d.yaml", workload(volume="10M/d")))
    check("volume 10M/d is accepted", code == 0, (code, err))
    code, out, err = run("validate", write(tmp, "m.yaml", workload(volume="10M/m")))
    check("volume 10M/m: exit 2 with the minute-or-month hint", code == 2 and "minute or month" in err, (code, err))
    code, out, err = run("validate", write(tmp, "sec.yaml", workload(sla="30 seconds")))
    check("sla '30 seconds': did you mean '30s'?", code == 2 and "did you mean '30s'?" in err, (code, err))


# --- limits (issue 13 points 3 and 6) ---------------------------------------------------------

def limits(tmp):
    for key in ("batch_schedule", "micro_batch_trigger", "bad_deploy_every"):
        text = workload(**{key: "0.000000001"})
        start = time.monotonic()
        code, out, err = run("evaluate", write(tmp, f"{key}.yaml", text), timeout=30)
        took = time.monotonic() - start
        check(f"{key}: 1 ns is an input error at FILE:LINE:COL within seconds",
              code == 2 and f"{key}.yaml:{line_of(text, key)}:" in err and took < 10, (code, err, took))

    text = workload(state_size="8EiB")
    code, out, err = run("validate", write(tmp, "big.yaml", text))
    check("state_size 8EiB: exit 2", code == 2 and "big.yaml:" in err, (code, err))
    text = workload(state_size="2PiB")
    code, out, err = run("validate", write(tmp, "big2.yaml", text))
    check("state_size 2PiB: past the 1PiB limit, exit 2 with location",
          code == 2 and f"big2.yaml:{line_of(text, 'state_size')}:" in err, (code, err))
    text = workload(window="63y")
    code, out, err = run("validate", write(tmp, "win.yaml", text))
    check("window 63y: exit 2 with location", code == 2 and f"win.yaml:{line_of(text, 'window')}:" in err, (code, err))
    text = workload(history="63y")
    code, out, err = run("validate", write(tmp, "hist.yaml", text))
    check("history 63y: exit 2", code == 2 and "hist.yaml:" in err, (code, err))

    braces = write(tmp, "braces.yaml", "{" * (1024 * 1024 - 1) + "\n")
    start = time.monotonic()
    code, out, err = run("validate", braces, timeout=30)
    took = time.monotonic() - start
    check("1 MiB of '{': the nesting error in under a second", code == 2 and "nesting is too deep" in err and took < 1.0,
          (code, err, took))

    rows = "\n".join(f"  k{i}: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]" for i in range(20000))
    flat = write(tmp, "flat.yaml", "version: 1\nname: x\nextra:\n" + rows + "\n")
    code, out, err = run("validate", flat)
    check("an alias-free file past the node budget: no 'billion laughs'",
          code == 2 and "billion laughs" not in err and "nodes" in err, (code, err[:300]))
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefg", "bcdefgh"))
    code, out, err = run("validate", write(tmp, "bomb.yaml", bomb))
    check("an alias bomb: 'billion laughs'", code == 2 and "billion laughs" in err, (code, err))

    long_value = "x" * 10000
    code, out, err = run("validate", write(tmp, "long.yaml", workload(sla=long_value)))
    check("a 10 KB scalar is quoted cut short in the message", code == 2 and len(err) < 1000 and "10000 bytes" in err,
          (code, len(err)))
    huge_line = write(tmp, "huge.yaml", "name: " + "y" * 70000 + "\n")
    code, out, err = run("validate", huge_line)
    check("a 70 KB line is refused before parsing, with its location", code == 2 and "huge.yaml:1:" in err and len(err) < 600,
          (code, err[:300]))

    w = write(tmp, "w.yaml", SCENARIO.read_text())
    code, out, err = run("whatif", w, "--set", "infrastructure.batch_schedule=0.000000001", "--replications", "1")
    check("--set with a 1 ns schedule: exit 2, the message names the --set argument",
          code == 2 and "--set infrastructure.batch_schedule=0.000000001" in err, (code, err))


# --- escaping (issue 13 points 4 and 5) -------------------------------------------------------

def escaping(tmp):
    hostile = '"evil\\n::error::owned \\e[31mred\\u202e"'
    text = workload(name=hostile)
    w = write(tmp, "evil.yaml", text)
    for args in (("evaluate", w, "--no-simulate"), ("validate", w)):
        code, out, err = run(*args)
        lines = (out + err).splitlines()
        check(f"{args[0]}: no line starts with ::error:: and no raw ESC or U+202E",
              code == 0 and not any(l.startswith("::error::") for l in lines) and "\x1b" not in out + err
              and "\u202e" not in out + err and "\\n::error::" in out, (code, out[:400]))

    text = workload(sla='"\\e]0;title\\a1s"')
    code, out, err = run("validate", write(tmp, "esc.yaml", text))
    check("an error message quoting a value with ESC shows it escaped",
          code == 2 and "\x1b" not in err and "\\x1b" in err, (code, err))

    bad_name = os.path.join(os.fsencode(tmp), b"w\xff\xfe.yaml")
    with open(bad_name, "wb") as f:
        f.write(SCENARIO.read_bytes())
    code, out, err = run("evaluate", bad_name, "--no-simulate", "--format", "json")
    ok = code == 0
    try:
        json.loads(out)
    except ValueError:
        ok = False
    check("a non-UTF-8 file name: evaluate --format json exits 0 with valid JSON and says so",
          ok and "not valid UTF-8" in err, (code, err))


# --- locations (issue 13 point 6: FILE:LINE:COL, or the --set argument) ----------------------

def locations(tmp):
    def expect(name, args, prefix, cwd=None):
        code, out, err = run(*args, cwd=cwd)
        first = err.splitlines()[0] if err else ""
        check(f"{name}: exit 2, '{prefix}'", code == 2 and first.startswith(prefix), (code, err[:400]))

    write(tmp, "empty.yaml", "")
    expect("an empty file", ["validate", "empty.yaml"], "empty.yaml:1:1: error: empty workload", cwd=tmp)
    write(tmp, "big.yaml", "#" * (1024 * 1024 + 1))
    expect("a file over 1 MiB", ["validate", "big.yaml"], "big.yaml:1:1: error: file is too large", cwd=tmp)
    expect("a missing file", ["validate", "missing.yaml"], "missing.yaml:1:1: error: cannot read file", cwd=tmp)
    write(tmp, "plain.txt", "x")
    expect("a path through a file (unreadable)", ["validate", "plain.txt/w.yaml"],
           "plain.txt/w.yaml:1:1: error: cannot read file: Not a directory", cwd=tmp)
    os.mkdir(pathlib.Path(tmp) / "dir.yaml")
    expect("a directory where one file is read", ["whatif", "dir.yaml", "--set", "data.volume=1M/day"],
           "dir.yaml:1:1: error: is a directory", cwd=tmp)
    os.mkfifo(pathlib.Path(tmp) / "fifo.yaml")
    expect("a FIFO", ["validate", "fifo.yaml"], "fifo.yaml:1:1: error: is a FIFO", cwd=tmp)

    # Simulation caps checked after loading point at the key the file states.
    text = workload(volume="1G/s", granularity="event")
    write(tmp, "event.yaml", text)
    expect("granularity: event cap at simulation.granularity", ["simulate", "event.yaml", "--replications", "1"],
           f"event.yaml:{line_of(text, 'granularity')}:3: error: granularity: event", cwd=tmp)
    text = workload(horizon="11y")
    write(tmp, "horizon.yaml", text)
    expect("the horizon check", ["validate", "horizon.yaml"],
           f"horizon.yaml:{line_of(text, 'horizon')}:12: error: simulation.horizon: '11y' is too long", cwd=tmp)

    # Values from the command line are named by the argument that gave them.
    w = write(tmp, "w.yaml", SCENARIO.read_text())
    prefix = f"{w}: error: "
    expect("--set with a bad value", ["whatif", w, "--set", "data.volume=abc", "--replications", "1"],
           prefix + "--set data.volume=abc: data.volume: ")
    expect("--set with an unknown key", ["whatif", w, "--set", "data.volme=1M/day", "--replications", "1"],
           prefix + "--set data.volme=1M/day: unknown key 'volme' in 'data'; did you mean 'volume'?")
    expect("--set that contradicts the file", ["whatif", w, "--set", "data.late_arrivals.p99=1s", "--replications",
                                               "1"],
           prefix + "--set data.late_arrivals.p99=1s: data.late_arrivals.p99 (1s) must not be less than p50 (30s)")
    expect("--set of a key the file does not state, checked across keys",
           ["whatif", w, "--set", "infrastructure.log_hop_p99=1ms", "--replications", "1"],
           prefix + "--set infrastructure.log_hop_p99=1ms: infrastructure.log_hop_p99 (1ms) must not be less")
    expect("--set of a key the simulation cap is about",
           ["whatif", w, "--set", "simulation.granularity=event", "--set", "data.volume=1G/s", "--replications", "1"],
           prefix + "--set simulation.granularity=event: granularity: event at ")
    expect("--horizon is named as typed", ["evaluate", w, "--horizon", "11y"], prefix + "--horizon 11y: ")
    expect("--replications is named as typed", ["evaluate", w, "--replications", "0"], prefix + "--replications 0: ")


GROUPS = {"outputs": [outputs, interrupted_write], "units": [units], "limits": [limits], "escaping": [escaping],
          "locations": [locations]}
for test in GROUPS[GROUP]:
    with tempfile.TemporaryDirectory() as tmp:
        test(tmp)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
