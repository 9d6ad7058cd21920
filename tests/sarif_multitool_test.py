#!/usr/bin/env python3
"""The SARIF `pipeadvise check --format sarif` writes, validated by Microsoft's SARIF multitool
(npm's @microsoft/sarif-multitool, test tooling only, installed into TOOLS_DIR on first use)
with the SARIF rules and GitHub's (`--rule-kind "Sarif;Gh"`, the rules code scanning applies
on upload), for a failing run (exit 1, findings) and a passing one (exit 0).

No result may be an error or a warning. The notes the multitool prints are suggestions, not
requirements, and are counted only: SARIF2002 (message arguments), SARIF2003 (version control
provenance), SARIF2006 (URIs it cannot reach offline), SARIF2009 (rule id spelling),
SARIF2010/2011 (code snippets and context regions). A control file, a result without
locations, must draw GitHub's GH1015 error: the GitHub rules really ran.

When npm or the package is missing the test is skipped (exit 77), except in CI (CI=true),
where a consumer test that cannot run fails.

usage: sarif_multitool_test.py PATH/TO/pipeadvise SOURCE_DIR TOOLS_DIR
"""

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

EXE, SRC, TOOLS = (os.path.abspath(a) for a in sys.argv[1:4])
VERSION = "5.7.0"
SKIP = 77
failures = []
passed = 0


def check(condition, message):
    global passed
    if condition:
        passed += 1
    else:
        failures.append(message)
        print("FAIL", message)


def unavailable(reason):
    """Skip where the tool cannot be had, but never in CI: there the test must run."""
    if os.environ.get("CI", "").lower() == "true":
        print(f"FAIL the SARIF multitool is not available in CI: {reason}")
        print("0 passed, 1 failed")
        sys.exit(1)
    print(f"SKIP the SARIF multitool is not available: {reason}")
    sys.exit(SKIP)


def multitool():
    binary = os.path.join(TOOLS, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool")
    if not os.path.exists(binary):
        if shutil.which("npm") is None:
            unavailable("npm not found (bash .ci/setup)")
        os.makedirs(TOOLS, exist_ok=True)
        try:
            subprocess.run(["npm", "install", "--prefix", TOOLS, "--no-audit", "--no-fund", "--silent",
                            f"@microsoft/sarif-multitool@{VERSION}"], check=True, timeout=600)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            unavailable(f"npm install failed: {e}")
        if not os.path.exists(binary):
            unavailable(f"{binary} missing after npm install (a platform other than linux-x64?)")
    # The package's postinstall (chmod) may not have run: npm can hold install scripts back.
    os.chmod(binary, os.stat(binary).st_mode | stat.S_IXUSR)
    return binary


def write_sarif(path, files, expected_exit):
    # From the source tree, so the artifact URIs are relative, as GitHub requires.
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
    p = subprocess.run([EXE, "check", *files, "--format", "sarif", "-o", path], capture_output=True, text=True,
                       cwd=SRC, env=env, timeout=300)
    check(p.returncode == expected_exit, f"check {files}: exit {p.returncode}, expected {expected_exit}: {p.stderr}")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    binary = multitool()
    work = tempfile.mkdtemp(prefix="pipeadvise-sarif-")
    inputs = os.path.join(work, "in")
    os.makedirs(inputs)
    try:
        fixtures = os.path.join("tests", "data", "check")
        failing = write_sarif(os.path.join(inputs, "failing.sarif"),
                              [os.path.join(fixtures, "overbuilt-streaming.yaml"),
                               os.path.join(fixtures, "hostile name,%#1.yaml")], 1)
        passing = write_sarif(os.path.join(inputs, "passing.sarif"), [os.path.join(fixtures, "clean-batch.yaml")], 0)
        errors = [r for r in failing["runs"][0]["results"] if r.get("level") == "error"]
        check(len(errors) >= 1, "the failing run reports no error finding")
        check(not any(r.get("level") == "error" for r in passing["runs"][0]["results"]),
              "the passing run reports an error finding")
        # The control: one result without locations, which GitHub's rules reject.
        control = json.loads(json.dumps(failing))
        del control["runs"][0]["results"][0]["locations"]
        with open(os.path.join(inputs, "control.sarif"), "w", encoding="utf-8") as f:
            json.dump(control, f)

        out = os.path.join(work, "validation.sarif")
        env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")
        # The binary itself, not the package's bin.js, which runs it through a shell that would
        # split "Sarif;Gh" at the semicolon. One run over the three files (it starts in ~7 s).
        p = subprocess.run([binary, "validate", os.path.join(inputs, "*.sarif"), "--rule-kind", "Sarif;Gh",
                            "--level", "Error;Warning;Note", "-o", out, "--log", "ForceOverwrite"],
                           capture_output=True, text=True, env=env, timeout=300)
        check(p.returncode == 0, f"the multitool exited {p.returncode}: {p.stdout[-2000:]} {p.stderr[-2000:]}")
        with open(out, encoding="utf-8") as f:
            log = json.load(f)
        by_file = {"failing.sarif": [], "passing.sarif": [], "control.sarif": []}
        for result in log["runs"][0].get("results", []):
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            by_file[os.path.basename(uri)].append(result)
        for name in ("failing.sarif", "passing.sarif"):
            results = by_file[name]
            bad = [f"{r['level']} {r['ruleId']} {r['message'].get('arguments')}" for r in results
                   if r.get("level") in ("error", "warning")]
            check(not bad, f"{name}: {len(bad)} errors or warnings: {bad[:5]}")
            notes = sorted({r["ruleId"] for r in results if r.get("level") == "note"})
            print(f"ok   {name}: no error or warning ({len(results)} notes: {', '.join(notes) or 'none'})")
        control_rules = {r["ruleId"] for r in by_file["control.sarif"] if r.get("level") == "error"}
        check("GH1015" in control_rules, f"control.sarif: GitHub's GH1015 did not fire: {sorted(control_rules)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
