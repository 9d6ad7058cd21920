#!/usr/bin/env python3
"""`check --format junit` read by two JUnit consumers: Debian's junitparser (counts, results,
the file and line of each case) and xunit-viewer from npm (installed into TOOLS_DIR on first
use), which sniffs the file's encoding before parsing: a report with replaced characters
(invalid UTF-8, noncharacters) must still be read as UTF-8 and rendered.

usage: junit_consumers_test.py PATH/TO/pipeadvise SOURCE_DIR TOOLS_DIR
"""

import os
import subprocess
import sys
import tempfile

from junitparser import Failure, JUnitXml, Skipped  # Debian's python3-junitparser

EXE, SRC, TOOLS = (os.path.abspath(a) for a in sys.argv[1:4])
CHECK = os.path.join(SRC, "tests", "data", "check")
VERSION = "10.6.1"
failures = []


def xunit_viewer():
    cli = os.path.join(TOOLS, "node_modules", ".bin", "xunit-viewer")
    if not os.path.exists(cli):
        os.makedirs(TOOLS, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", TOOLS, "--no-audit", "--no-fund", "--silent",
                        f"xunit-viewer@{VERSION}"], check=True, timeout=600)
    return cli


def main():
    files = sorted(f for f in os.listdir(CHECK) if f.endswith(".yaml") and f != "invalid.yaml")
    with tempfile.TemporaryDirectory() as d:
        # Invalid UTF-8 and a noncharacter in a workload name: both become U+FFFD.
        hostile = os.path.join(d, "bytes.yaml")
        with open(os.path.join(CHECK, "waived-error.yaml"), "rb") as f:
            text = f.read()
        with open(hostile, "wb") as f:
            f.write(text.replace(b"name: clickstream-sessions", b'name: "click\xef\xbf\xbestream sessions"'))
        env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
        report = os.path.join(d, "pipeadvise-junit.xml")
        p = subprocess.run([EXE, "check", *files, hostile, "--format", f"junit={report}", "--no-simulate",
                            "--fail-on", "warning"], cwd=CHECK, env=env, capture_output=True, text=True)
        assert p.returncode == 1, p.stderr
        raw = open(report, "rb").read()
        assert b"\xef\xbf\xbd" not in raw and b"&#xFFFD;" in raw, "U+FFFD only as a character reference"

        xml = JUnitXml.fromfile(report)
        suites = list(xml)
        assert len(suites) == len(files) + 1, len(suites)
        total = sum(s.tests for s in suites)
        failed = sum(1 for s in suites for c in s if any(isinstance(r, Failure) for r in c.result))
        skipped = sum(1 for s in suites for c in s if any(isinstance(r, Skipped) for r in c.result))
        assert (total, failed, skipped) == (xml.tests, xml.failures, xml.skipped), (total, failed, skipped)
        workload = [p.value for p in suites[-1].properties() if p.name == "workload"][0]
        assert workload == "click\ufffdstream sessions", repr(workload)
        for s in suites:
            for c in s:
                assert c._elem.get("file"), "every testcase has a file"
        print(f"ok   junitparser: {total} cases, {failed} failed, {skipped} skipped, file on each")

        html = os.path.join(d, "report.html")
        p = subprocess.run([xunit_viewer(), "--results", report, "--output", html, "--title", "pipeadvise"],
                           capture_output=True, text=True, timeout=300)
        assert p.returncode == 0 and os.path.exists(html), p.stdout + p.stderr
        # The console view is xunit-viewer's parse of the file: suites, properties and cases.
        p = subprocess.run([xunit_viewer(), "--results", report, "--console", "--no-color", "--clear=false"],
                           capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, p.stdout + p.stderr
        for needle in ("bytes.yaml", "workload=click\ufffdstream sessions", "architecture-mismatch"):
            assert needle in p.stdout, (needle, p.stdout[:3000])
        print("ok   xunit-viewer reads the report as UTF-8 and renders it")
    print("2 passed, 0 failed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAIL {e}")
        print("0 passed, 1 failed")
        sys.exit(1)
