"""Validators shared by the `check` format tests: real parsers and the SARIF 2.1.0 schema.

Each function raises AssertionError with a readable message when the output is wrong.
"""

import json
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SARIF_SCHEMA = os.path.join(HERE, "data", "sarif-schema-2.1.0.json")


def validate_json(text):
    """Parses `check --format json` output and checks its documented keys."""
    doc = json.loads(text)
    for key in ("pipeadvise_version", "fail_on", "files", "summary"):
        assert key in doc, f"json: missing key {key}"
    assert doc["fail_on"] in ("error", "warning", "info"), doc["fail_on"]
    counts = {"error": 0, "warning": 0, "info": 0, "suppressed": 0}
    for f in doc["files"]:
        for key in ("file", "workload", "recommendation", "findings"):
            assert key in f, f"json: file entry lacks {key}"
        for finding in f["findings"]:
            keys = {"id", "severity", "message", "help", "location", "path", "use_case", "suppressed",
                    "suppression_reason"}
            assert keys <= set(finding), f"json: finding lacks {keys - set(finding)}"
            assert set(finding["location"]) == {"file", "line", "column"}
            if finding["suppressed"]:
                counts["suppressed"] += 1
            else:
                counts[finding["severity"]] += 1
    for key, n in counts.items():
        assert doc["summary"][key] == n, f"json: summary.{key} is {doc['summary'][key]}, findings say {n}"
    return doc


def validate_sarif(text):
    """Validates SARIF against the official 2.1.0 schema plus the cross-references it cannot express."""
    import jsonschema

    doc = json.loads(text)
    with open(SARIF_SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "sarif: schema violations:\n" + "\n".join(
        f"  at /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"]) == 1, "sarif: expected one run"
    run = doc["runs"][0]
    rules = run["tool"]["driver"].get("rules", [])
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "sarif: duplicate rule ids"
    fingerprints = set()
    for result in run["results"]:
        if "ruleIndex" in result:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"], "sarif: ruleIndex does not match ruleId"
        assert result["level"] in ("error", "warning", "note"), result["level"]
        for loc in result["locations"]:
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            assert "\\" not in uri and " " not in uri, f"sarif: uri not escaped: {uri!r}"
            region = loc["physicalLocation"].get("region", {})
            assert region.get("startLine", 1) >= 1 and region.get("startColumn", 1) >= 1
        fp = json.dumps(result["partialFingerprints"], sort_keys=True)
        assert fp not in fingerprints, "sarif: two results share a fingerprint"
        fingerprints.add(fp)
        for s in result.get("suppressions", []):
            assert s["kind"] == "external"
    return doc


def validate_junit(text):
    """Parses JUnit XML with ElementTree (and xmllint when present); checks counts against elements."""
    xmllint = shutil.which("xmllint")
    if xmllint:
        with tempfile.NamedTemporaryFile("wb", suffix=".xml", delete=False) as f:
            f.write(text.encode("utf-8"))
            name = f.name
        try:
            p = subprocess.run([xmllint, "--noout", name], capture_output=True, text=True)
            assert p.returncode == 0, f"junit: xmllint rejects the document:\n{p.stderr}"
        finally:
            os.unlink(name)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites", root.tag
    total = {"tests": 0, "failures": 0, "skipped": 0}
    for suite in root:
        assert suite.tag == "testsuite", suite.tag
        cases = suite.findall("testcase")
        failures = sum(1 for c in cases if c.find("failure") is not None)
        skipped = sum(1 for c in cases if c.find("skipped") is not None)
        assert int(suite.get("tests")) == len(cases), "junit: tests attribute"
        assert int(suite.get("failures")) == failures, "junit: failures attribute"
        assert int(suite.get("skipped")) == skipped, "junit: skipped attribute"
        assert suite.get("errors") == "0"
        for c in cases:
            assert c.get("classname") == suite.get("name"), "junit: classname is the file"
            failure = c.find("failure")
            if failure is not None:
                assert failure.get("type") in ("error", "warning", "info")
                assert failure.get("message")
            s = c.find("skipped")
            if s is not None:
                assert s.get("message").startswith("waived:")
        total["tests"] += len(cases)
        total["failures"] += failures
        total["skipped"] += skipped
    for key, n in total.items():
        assert int(root.get(key)) == n, f"junit: testsuites {key}"
    return root


def unescape_github(value, prop):
    """Reverses the runner's escaping of workflow command values."""
    if prop:
        value = value.replace("%2C", ",").replace("%3A", ":")
    return value.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def parse_github(text):
    """Parses workflow commands like the Actions runner: one command per line starting with `::`.
    Returns a list of (command, properties dict, message); other lines must be the summary."""
    commands = []
    lines = text.split("\n")
    assert lines[-1] == "", "github: output must end with a newline"
    for line in lines[:-1]:
        assert "\r" not in line, "github: raw carriage return"
        if not line.startswith("::"):
            assert line.startswith("pipeadvise check: "), f"github: unexpected line {line!r}"
            continue
        head, sep, message = line[2:].partition("::")
        assert sep, f"github: no '::' separator in {line!r}"
        command, _, props = head.partition(" ")
        assert command in ("error", "warning", "notice"), command
        properties = {}
        for item in props.split(","):
            key, eq, value = item.partition("=")
            assert eq, f"github: property without '=': {item!r}"
            assert key in ("file", "line", "col", "title"), f"github: unexpected property {key!r}"
            properties[key] = unescape_github(value, True)
        commands.append((command, properties, unescape_github(message, False)))
    return commands


def markdown_rows(text):
    """Table rows of the Markdown comment as lists of cells (split on unescaped pipes)."""
    rows = []
    for line in text.split("\n"):
        if not line.startswith("| "):
            continue
        cells, cell, i = [], "", 0
        while i < len(line):
            if line[i] == "\\" and i + 1 < len(line):
                cell += line[i:i + 2]
                i += 2
                continue
            if line[i] == "|":
                cells.append(cell.strip())
                cell = ""
            else:
                cell += line[i]
            i += 1
        assert cell.strip() == "", f"markdown: row does not end with a pipe: {line!r}"
        rows.append(cells[1:])
    return rows
