#!/usr/bin/env python3
"""End-to-end tests of `pipeadvise check` on the fixtures in tests/data/check: exit codes,
--fail-on, waivers and their expiry (SOURCE_DATE_EPOCH), usage and input errors, -o, colour,
and every output format parsed with a real parser (SARIF against the 2.1.0 schema).

usage: check_cli_test.py PATH/TO/pipeadvise PATH/TO/tests/data/check
"""

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_formats as cf  # noqa: E402

BEFORE_EXPIRY = "1767225600"  # 2026-01-01, before the fixtures' waivers expire (2027-03-31)
AFTER_EXPIRY = "1811808000"   # 2027-06-01
HOSTILE = "hostile name,%#1.yaml"
VALID = ["clean-batch.yaml", "warnings-only.yaml", "overbuilt-streaming.yaml", "waived-error.yaml", HOSTILE]

EXE = None
DATA = None
failures = []


def run(args, epoch=BEFORE_EXPIRY, cwd=None, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")}
    env["SOURCE_DATE_EPOCH"] = epoch
    env.update(env_extra or {})
    p = subprocess.run([EXE, "check"] + args, cwd=cwd or DATA, env=env, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def test(fn):
    try:
        fn()
        print(f"ok   {fn.__name__}")
    except AssertionError as e:
        failures.append(fn.__name__)
        print(f"FAIL {fn.__name__}: {e}")
    return fn


def expect_exit(args, code, **kw):
    rc, out, err = run(args, **kw)
    assert rc == code, f"{' '.join(args)}: exit {rc}, expected {code}\nstderr: {err}"
    return out, err


def check_exit_codes_and_fail_on():
    for level in ("error", "warning", "info"):
        expect_exit(["--no-simulate", "--fail-on", level, "clean-batch.yaml"], 0)
    expect_exit(["--no-simulate", "warnings-only.yaml"], 0)
    expect_exit(["--no-simulate", "--fail-on", "warning", "warnings-only.yaml"], 1)
    expect_exit(["--no-simulate", "--fail-on", "info", "warnings-only.yaml"], 1)
    expect_exit(["--no-simulate", "overbuilt-streaming.yaml"], 1)
    expect_exit(["--no-simulate", HOSTILE], 0)
    expect_exit(["--no-simulate", "--fail-on", "warning", HOSTILE], 1)
    # Several files: the worst decides.
    expect_exit(["--no-simulate", "clean-batch.yaml", "warnings-only.yaml"], 0)
    expect_exit(["--no-simulate", "clean-batch.yaml", "overbuilt-streaming.yaml"], 1)


def check_waiver_expiry():
    out, _ = expect_exit(["--no-simulate", "--format", "json", "waived-error.yaml"], 0)
    doc = json.loads(out)
    ids = [(f["id"], f["suppressed"]) for f in doc["files"][0]["findings"]]
    assert ids == [("architecture-mismatch", True)], ids
    assert doc["summary"] == {"error": 0, "warning": 0, "info": 0, "suppressed": 1, "failed": False}
    out, _ = expect_exit(["--no-simulate", "--format", "json", "waived-error.yaml"], 1, epoch=AFTER_EXPIRY)
    doc = json.loads(out)
    ids = sorted((f["id"], f["suppressed"]) for f in doc["files"][0]["findings"])
    assert ids == [("architecture-mismatch", False), ("waiver-expired", False)], ids
    assert doc["summary"]["error"] == 1 and doc["summary"]["failed"] is True


def check_usage_and_input_errors():
    out, err = expect_exit(["--no-simulate", "invalid.yaml"], 2)
    assert out == "", "nothing is rendered on an input error"
    assert re.search(r"^invalid\.yaml:13:3: error: unknown key 'architecure'.*did you mean 'architecture'", err, re.M), err
    out, err = expect_exit(["--no-simulate", "clean-batch.yaml", "invalid.yaml"], 2)
    assert out == ""
    _, err = expect_exit(["--no-simulate", "does-not-exist.yaml"], 2)
    assert "does-not-exist.yaml" in err, err
    _, err = expect_exit(["--fail-on", "eror", "clean-batch.yaml"], 2)
    assert "did you mean 'error'" in err, err
    _, err = expect_exit(["--fail-on", "critical", "clean-batch.yaml"], 2)
    assert "--fail-on" in err, err
    _, err = expect_exit(["--format", "sarf", "clean-batch.yaml"], 2)
    assert "did you mean 'sarif'" in err, err
    expect_exit(["--format", "csv", "clean-batch.yaml"], 2)
    expect_exit([], 2)
    _, err = expect_exit(["clean-batch.yaml"], 2, epoch="yesterday")
    assert "SOURCE_DATE_EPOCH" in err, err


def check_output_file():
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "out.sarif")
        rc, out, err = run(["--no-simulate", "--format", "sarif", "-o", target, "overbuilt-streaming.yaml"])
        assert rc == 1, (rc, err)
        assert out == "", "with -o nothing goes to stdout"
        with open(target, encoding="utf-8") as f:
            written = f.read()
        _, stdout_version, _ = run(["--no-simulate", "--format", "sarif", "overbuilt-streaming.yaml"])
        assert written == stdout_version
        cf.validate_sarif(written)
        missing = os.path.join(tmp, "never.sarif")
        rc, _, _ = run(["--no-simulate", "--format", "sarif", "-o", missing, "invalid.yaml"])
        assert rc == 2 and not os.path.exists(missing), "an input error leaves no report file"
        assert os.listdir(tmp) == ["out.sarif"], os.listdir(tmp)


def run_on_terminal(args, env_extra):
    """Runs check with stdout on a pseudo-terminal; returns what it wrote there."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")}
    env["SOURCE_DATE_EPOCH"] = BEFORE_EXPIRY
    env.update(env_extra)
    master, slave = pty.openpty()
    p = subprocess.Popen([EXE, "check"] + args, cwd=DATA, env=env, stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.wait()
    os.close(master)
    return p.returncode, b"".join(chunks).decode("utf-8")


def check_colour_only_on_a_terminal():
    _, piped, _ = run(["--no-simulate", "overbuilt-streaming.yaml"])
    assert "\x1b" not in piped, "no colour in a pipe"
    try:
        os.close(os.open("/dev/ptmx", os.O_RDWR))
    except OSError:
        print("     (no pseudo-terminals here: terminal colour not exercised)")
        return
    rc, tty = run_on_terminal(["--no-simulate", "overbuilt-streaming.yaml"], {})
    assert rc == 1
    assert "\x1b[1;31merror:\x1b[0m" in tty, tty[:300]
    rc, tty = run_on_terminal(["--no-simulate", "overbuilt-streaming.yaml"], {"NO_COLOR": "1"})
    assert rc == 1 and "\x1b" not in tty, "NO_COLOR turns colour off"
    rc, tty = run_on_terminal(["--no-simulate", "--format", "json", "overbuilt-streaming.yaml"], {})
    assert "\x1b" not in tty, "only text is coloured"


TEXT_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info): .+ \[[a-z-]+(; use case .*)?\]( \(waived: .*\))?$")


def check_every_format_on_every_fixture():
    for name in VALID:
        for fail_on in ("error", "info"):
            args = ["--no-simulate", "--fail-on", fail_on, name]
            rc_json, out, _ = run(["--format", "json"] + args)
            doc = cf.validate_json(out)
            findings = doc["files"][0]["findings"]
            assert (rc_json == 1) == doc["summary"]["failed"], (name, rc_json)
            for fmt in ("text", "sarif", "junit", "github", "markdown"):
                rc, _, err = run(["--format", fmt] + args)
                assert rc == rc_json, f"{name} --format {fmt}: exit {rc} but json exit {rc_json}: {err}"
            _, sarif_text, _ = run(["--format", "sarif"] + args)
            sarif = cf.validate_sarif(sarif_text)
            assert len(sarif["runs"][0]["results"]) == len(findings), name
            assert sum(1 for r in sarif["runs"][0]["results"] if "suppressions" in r) == doc["summary"]["suppressed"]
            _, junit_text, _ = run(["--format", "junit"] + args)
            root = cf.validate_junit(junit_text)
            failing_rules = {f["id"] for f in findings if not f["suppressed"] and
                             ["info", "warning", "error"].index(f["severity"]) >= ["info", "warning", "error"].index(fail_on)}
            assert int(root.get("failures")) == len(failing_rules), (name, root.get("failures"), failing_rules)
            _, github_text, _ = run(["--format", "github"] + args)
            commands = cf.parse_github(github_text)
            assert len(commands) == sum(1 for f in findings if not f["suppressed"]), name
            _, md, _ = run(["--format", "markdown"] + args)
            rows = cf.markdown_rows(md)
            assert sum(1 for r in rows if r[0] not in ("Severity", "---")) == len(findings), name
            assert md.startswith("# \u274c pipeadvise check failed" if rc_json else "# \u2705 pipeadvise check passed")
            _, text, _ = run(["--format", "text"] + args)
            lines = [l for l in text.split("\n") if TEXT_LINE.match(l)]
            assert len(lines) == len(findings), (name, len(lines), len(findings), text)
            assert text.rstrip("\n").split("\n")[-1].endswith(("FAILED" if rc_json else "passed") + f" (fail-on: {fail_on})")


def check_hostile_fixture_survives():
    with open(os.path.join(DATA, HOSTILE), encoding="utf-8") as f:
        source = yaml.safe_load(f)
    name = source["name"]
    use_case = source["use_cases"][0]["name"]
    reason = source["proposal"]["waivers"][0]["reason"]
    assert "\x1b" in name and "\r\n" in name and "\ufffe" in name and "</testsuite>" in name

    def nonchar_clean(s):  # noncharacters become U+FFFD in every format
        return "".join("\ufffd" if 0xFDD0 <= ord(c) <= 0xFDEF or (ord(c) & 0xFFFE) == 0xFFFE else c for c in s)

    _, out, _ = run(["--no-simulate", "--format", "json", HOSTILE])
    doc = cf.validate_json(out)
    assert doc["files"][0]["workload"] == nonchar_clean(name), "json keeps the name but its noncharacters"
    findings = doc["files"][0]["findings"]
    assert any(f["use_case"] == nonchar_clean(use_case) for f in findings)
    assert any(f["suppression_reason"] == nonchar_clean(reason) for f in findings)

    _, out, _ = run(["--no-simulate", "--format", "sarif", HOSTILE])
    sarif = cf.validate_sarif(out)
    results = sarif["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == \
        {"hostile%20name%2C%25%231.yaml"}
    assert [s["justification"] for r in results for s in r.get("suppressions", [])] == [nonchar_clean(reason)]

    def xml_clean(s):
        return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or 0x7f <= ord(c) <= 0x9f
                       or c in "\ufffe\uffff" else c for c in s)

    _, out, _ = run(["--no-simulate", "--format", "junit", HOSTILE])
    root = cf.validate_junit(out)
    suite = root[0]
    assert suite.get("name") == HOSTILE
    assert suite.find("properties/property[@name='workload']").get("value") == xml_clean(name)
    skipped = [c.find("skipped").get("message") for c in suite.findall("testcase") if c.find("skipped") is not None]
    assert skipped == ["waived: " + xml_clean(reason)], skipped

    _, out, _ = run(["--no-simulate", "--format", "github", HOSTILE])
    commands = cf.parse_github(out)
    assert all(props["file"] == HOSTILE for _, props, _ in commands)
    assert not any("no-dead-letter-queue" in props["title"] for _, props, _ in commands), "waived: not annotated"
    expected_uc = use_case.replace("\x1b", "\ufffd")
    assert any(msg.endswith(f" [use case {expected_uc}]") for _, _, msg in commands), commands

    _, md, _ = run(["--no-simulate", "--format", "markdown", HOSTILE])
    for bad in ("<script", "<b>", "@everyone", "@here", "</testsuite", "\x1b", "\r"):
        assert bad not in md, bad
    rows = cf.markdown_rows(md)
    assert {len(r) for r in rows} == {4, 5}, {len(r) for r in rows}

    _, text, _ = run(["--no-simulate", HOSTILE])
    assert "\x1b" not in text and "\r" not in text and "\u202e" not in text
    finding_lines = [l for l in text.split("\n") if l.startswith(HOSTILE + ":")]
    assert len(finding_lines) == len(findings), (len(finding_lines), len(findings))
    assert len(text.split("\n")) == 1 + len(findings) + 1 + 1 + 1  # header, findings, blank, summary, ""


def check_fingerprints_survive_moved_lines():
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(os.path.join(DATA, "overbuilt-streaming.yaml"), os.path.join(tmp, "p.yaml"))
        _, before, _ = run(["--no-simulate", "--format", "sarif", "p.yaml"], cwd=tmp)
        with open(os.path.join(tmp, "p.yaml"), encoding="utf-8") as f:
            content = f.read()
        with open(os.path.join(tmp, "p.yaml"), "w", encoding="utf-8") as f:
            f.write("# reviewed\n# by the platform team\n\n" + content)
        _, after, _ = run(["--no-simulate", "--format", "sarif", "p.yaml"], cwd=tmp)
    b = json.loads(before)["runs"][0]["results"]
    a = json.loads(after)["runs"][0]["results"]
    assert len(a) == len(b) > 0
    for rb, ra in zip(b, a):
        assert rb["partialFingerprints"] == ra["partialFingerprints"], rb["ruleId"]
        lb = rb["locations"][0]["physicalLocation"]["region"]["startLine"]
        la = ra["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert la == lb + 3, (rb["ruleId"], lb, la)


def check_with_simulation():
    out, _ = expect_exit(["--format", "json", "clean-batch.yaml"], 0)
    simulated = json.loads(out)["files"][0]["recommendation"]["cost_multiplier_vs_batch"]
    assert isinstance(simulated, (int, float)) and simulated > 0, simulated
    out, _ = expect_exit(["--no-simulate", "--format", "json", "clean-batch.yaml"], 0)
    assert json.loads(out)["files"][0]["recommendation"]["cost_multiplier_vs_batch"] is None


def main():
    global EXE, DATA
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    EXE, DATA = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    for fn in (check_exit_codes_and_fail_on, check_waiver_expiry, check_usage_and_input_errors,
               check_output_file, check_colour_only_on_a_terminal, check_every_format_on_every_fixture,
               check_hostile_fixture_survives, check_fingerprints_survive_moved_lines, check_with_simulation):
        test(fn)
    if failures:
        print(f"{len(failures)} failed: {', '.join(failures)}")
        return 1
    print("check CLI: all tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
