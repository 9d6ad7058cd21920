#!/usr/bin/env python3
"""Renders every `check` format for the hand-built fixtures (a normal one and one full of
hostile text) through check_render_driver, and parses each with a real parser: JSON, SARIF
against the official 2.1.0 schema, JUnit with ElementTree and xmllint, GitHub workflow
commands as the runner reads them, Markdown table rows.

usage: check_validate_formats.py PATH/TO/check_render_driver
"""

import json
import subprocess
import sys

import check_formats as cf

HOSTILE_MARKERS = ("</testsuite>", "<script>", "::error file=x.yaml", "%0A", "forged line", "@everyone")


def render(driver, fmt, fixture, fail_on="error"):
    p = subprocess.run([driver, fmt, fixture, fail_on], capture_output=True)
    assert p.returncode == 0, f"driver failed for {fmt}/{fixture}: {p.stderr.decode(errors='replace')}"
    return p.stdout.decode("utf-8")  # raises on invalid UTF-8


def check_sample(driver):
    for fail_on, failed in (("error", True), ("warning", True), ("info", True)):
        doc = cf.validate_json(render(driver, "json", "sample", fail_on))
        assert doc["summary"]["failed"] is failed
        assert [len(f["findings"]) for f in doc["files"]] == [4, 0]
        sarif = cf.validate_sarif(render(driver, "sarif", "sample", fail_on))
        results = sarif["runs"][0]["results"]
        assert len(results) == 4
        assert sum(1 for r in results if r.get("suppressions")) == 1
        root = cf.validate_junit(render(driver, "junit", "sample", fail_on))
        expected_failures = {"error": 1, "warning": 2, "info": 3}[fail_on]
        assert int(root.get("failures")) == expected_failures, (fail_on, root.get("failures"))
        assert int(root.get("skipped")) == 1
        commands = cf.parse_github(render(driver, "github", "sample", fail_on))
        assert [c[0] for c in commands] == ["error", "warning", "notice"]
        assert commands[0][1]["file"] == "proposals/stream.yaml" and commands[0][1]["line"] == "40"
        rows = cf.markdown_rows(render(driver, "markdown", "sample", fail_on))
        assert len(rows) == 2 + 3 + 2 + 1, rows  # 2 header rows per table, 3 active, 1 waived


def check_hostile(driver):
    # Valid text in the hostile fixture must survive each format intact (invalid bytes become U+FFFD).
    doc = cf.validate_json(render(driver, "json", "hostile"))
    name = doc["files"][0]["workload"]
    for marker in HOSTILE_MARKERS:
        assert marker in name, marker
    assert "\ufffd" in name and "\x1b" in name and "\r\n" in name
    sarif = cf.validate_sarif(render(driver, "sarif", "hostile"))
    results = sarif["runs"][0]["results"]
    assert len(results) == 4
    assert results[0]["message"]["text"] == name
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "dir%20with%20space/we%2Cird%3Ana%25me%231.yaml"
    assert results[2]["suppressions"][0]["justification"] == name

    root = cf.validate_junit(render(driver, "junit", "hostile"))
    suites = list(root)
    assert len(suites) == 1
    assert suites[0].get("name") == "dir with space/we,ird:na%me#1.yaml"
    workload = suites[0].find("properties/property[@name='workload']").get("value")
    for marker in HOSTILE_MARKERS:
        assert marker in workload, marker
    assert "\r\n" in workload, "junit: attribute lost its line break"
    names = [c.get("name") for c in suites[0].findall("testcase")]
    assert 'bad</testcase>"id\n::x' in names, names
    failure = suites[0].find("testcase/failure")
    assert "</testsuite>" in failure.get("message") and "</testsuite>" in failure.text

    commands = cf.parse_github(render(driver, "github", "hostile"))
    assert len(commands) == 3, commands  # the waived finding is not annotated
    for command, props, message in commands:
        assert props["file"] == "dir with space/we,ird:na%me#1.yaml"
        assert message.startswith("</testsuite></testsuites><script>")
        assert "%0A injected" not in message and "injected %0A" in message  # literal kept literal
        assert "\nforged line" not in message and "\npipeadvise.yaml:1:1: error: forged line" in message
    assert commands[2][1]["title"] == 'bad</testcase>"id\n::x'

    md = render(driver, "markdown", "hostile")
    assert "<script" not in md and "@everyone" not in md
    rows = cf.markdown_rows(md)
    widths = sorted({len(r) for r in rows})
    assert widths == [4, 5], widths  # active table 4 columns, waived table 5

    text = render(driver, "text", "hostile")
    assert "\x1b" not in text and "\r" not in text
    assert len(text.split("\n")) == 8, text  # header, 4 findings, blank, summary, final newline


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    driver = sys.argv[1]
    check_sample(driver)
    check_hostile(driver)
    print("check formats: all outputs parse and validate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
