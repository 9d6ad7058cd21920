#!/usr/bin/env python3
"""`check --format gitlab` against GitLab's own schema for a Code Quality entry
(tests/data/gitlab-codeclimate.schema.json, vendored with its source noted beside it) and the
rules GitLab's documentation adds: a JSON array; `check_name` present; `severity` one of
info/minor/major/critical/blocker; `location.path` relative; `lines.begin` a positive line;
fingerprints unique and equal to SARIF's; waived findings left out.

usage: gitlab_codequality_test.py PATH/TO/pipeadvise SOURCE_DIR
"""

import json
import os
import subprocess
import sys

import jsonschema  # Debian's python3-jsonschema

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
CHECK = os.path.join(SRC, "tests", "data", "check")
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def check(*args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
    p = subprocess.run([EXE, "check", *args], capture_output=True, text=True, env=env, cwd=CHECK)
    assert p.returncode in (0, 1), p.stderr
    return p.stdout


def main():
    with open(os.path.join(SRC, "tests", "data", "gitlab-codeclimate.schema.json")) as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    files = sorted(f for f in os.listdir(CHECK) if f.endswith(".yaml") and f != "invalid.yaml")
    report = json.loads(check(*files, "--format", "gitlab", "--no-simulate"))
    as_json = json.loads(check(*files, "--format", "json", "--no-simulate"))
    sarif = json.loads(check(*files, "--format", "sarif", "--no-simulate"))
    assert isinstance(report, list) and report, "the report is a non-empty JSON array"
    for entry in report:
        errors = [e.message for e in validator.iter_errors(entry)]
        assert not errors, (entry, errors)
        assert entry["check_name"] and entry["severity"] in SEVERITIES, entry
        path = entry["location"]["path"]
        assert not path.startswith(("/", "./")) and path in files, path
        assert entry["location"]["lines"]["begin"] >= 1, entry
    unwaived = [(f["id"], f["location"]["line"]) for doc in as_json["files"] for f in doc["findings"]
                if not f["suppressed"]]
    waived = sum(1 for doc in as_json["files"] for f in doc["findings"] if f["suppressed"])
    assert waived >= 1, "the fixtures hold a waived finding"
    assert [(e["check_name"], e["location"]["lines"]["begin"]) for e in report] == unwaived
    fingerprints = [e["fingerprint"] for e in report]
    assert len(set(fingerprints)) == len(fingerprints), "fingerprints are unique"
    sarif_prints = {r["partialFingerprints"]["pipeadviseFinding/v1"] for r in sarif["runs"][0]["results"]
                    if not r.get("suppressions")}
    assert set(fingerprints) == sarif_prints, "the same fingerprints as SARIF"
    severity = {"error": "major", "warning": "minor", "info": "info"}
    levels = [severity[f["severity"]] for doc in as_json["files"] for f in doc["findings"] if not f["suppressed"]]
    assert [e["severity"] for e in report] == levels
    print(f"ok   {len(report)} entries valid against GitLab's schema")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAIL {e}")
        print("0 passed, 1 failed")
        sys.exit(1)
