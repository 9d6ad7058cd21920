#!/usr/bin/python3
"""Checks schema/workload.schema.json against the workload loader, both ways.

- The schema is a valid draft 2020-12 schema.
- Every scenarios/*.yaml and tests/data/good/*.yaml validates against the schema and,
  when the pipeadvise executable is given and built, `pipeadvise validate FILE` accepts it.
- Every file of the bad corpus (tests/data/bad) is classified below as either detectable
  by the schema (the schema must reject it) or loader-only (the schema cannot express the
  rule); `pipeadvise validate FILE` must reject every one of them with exit code 2.
- When the executable is built and `pipeadvise schema` succeeds, it prints this schema.

YAML is read with YAML 1.2 core-schema rules (only true/false are booleans, only plain
decimals are numbers, no timestamps), which is how the loader reads it; PyYAML's default
YAML 1.1 rules would turn `yes` into true and `010` into 8.

Usage: schema_check.py --root REPO [--pipeadvise PATH]
"""

import argparse
import json
import os
import re
import subprocess
import sys

import jsonschema
import yaml

# Bad-corpus files the schema rejects by itself, with the rule that catches each.
SCHEMA_DETECTABLE = {
    "bad_enum.yaml": "enum",
    "bad_failures.yaml": "failures is 'none' or a mapping",
    "bad_unit.yaml": "duration pattern",
    "comments_only.yaml": "the document is not an object (null)",
    "deep_nesting.yaml": "additionalProperties (unknown key under latency)",
    "empty.yaml": "the document is not an object (null)",
    "fraction_out_of_range.yaml": "maximum 1",
    "infinity.yaml": "duration pattern (.inf is a string under core rules)",
    "list_top_level.yaml": "type object",
    "missing_required.yaml": "required",
    "multiple_errors.yaml": "several rules",
    "nan.yaml": "type number (.nan is a string under core rules)",
    "negative.yaml": "duration pattern",
    "octal.yaml": "type integer (010 is a string under core rules)",
    "quoted_boolean.yaml": "type boolean",
    "scalar_top_level.yaml": "type object",
    "too_many_replications.yaml": "maximum 1000",
    "unknown_key.yaml": "additionalProperties",
    "unknown_top_level_key.yaml": "additionalProperties",
    "unsupported_version.yaml": "const 1",
    "use_cases_with_top_latency.yaml": "oneOf: use_cases excludes top-level latency/computation/data",
    "waiver_bad_date.yaml": "format date (a real calendar date)",
    "waiver_missing_reason.yaml": "required",
    "wrong_type.yaml": "type object",
    "yes_boolean.yaml": "type boolean (yes is a string under core rules)",
    "zero_nodes.yaml": "minimum 1",
}

# Bad-corpus files only the loader can reject, and why the schema cannot.
LOADER_ONLY = {
    "alias_cycle.yaml": "aliases are resolved before a schema sees the data",
    "billion_laughs.yaml": "alias expansion budget is a property of the YAML text",
    "drill_outside_horizon.yaml": "compares two values (drill time against the horizon)",
    "duplicate_key.yaml": "duplicate keys disappear when YAML becomes JSON",
    "horizon_too_long.yaml": "a magnitude of a duration string (at most 10 years)",
    "invalid_utf8.yaml": "encoding is checked before parsing",
    "late_p99_below_p50.yaml": "compares two values (p99 against p50)",
    "not_yaml.png": "encoding is checked before parsing",
    "nul_byte.yaml": "NUL bytes are refused before parsing",
    "second_document.yaml": "a schema describes one document",
    "tab_indentation.yaml": "a YAML syntax error: there is no document to validate",
    "undefined_alias.yaml": "a YAML syntax error: there is no document to validate",
    "unterminated_quote.yaml": "a YAML syntax error that lenient parsers accept",
}


class CoreLoader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core-schema scalars, as the loader reads them."""


CoreLoader.yaml_implicit_resolvers = {}
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$"),
    list("-0123456789"),
)
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def load_yaml(path):
    with open(path, "rb") as f:
        return yaml.load(f.read().decode("utf-8"), Loader=CoreLoader)


def schema_errors(validator, path):
    """Schema violations of one file, as short strings (empty when it validates)."""
    document = load_yaml(path)
    out = []
    for error in validator.iter_errors(document):
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        out.append(f"{where}: {error.message}")
    return out


def run_validate(exe, path):
    result = subprocess.run([exe, "validate", path], capture_output=True, text=True, timeout=60)
    return result.returncode, result.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="repository root")
    parser.add_argument("--pipeadvise", help="path of the pipeadvise executable (optional)")
    args = parser.parse_args()

    schema_path = os.path.join(args.root, "schema", "workload.schema.json")
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

    exe = args.pipeadvise if args.pipeadvise and os.access(args.pipeadvise, os.X_OK) else None
    if exe is None:
        print("note: pipeadvise is not built; checking the schema half only")

    failures = []
    checked = 0

    good = []
    for folder in ("scenarios", os.path.join("tests", "data", "good")):
        directory = os.path.join(args.root, folder)
        if os.path.isdir(directory):
            good += [os.path.join(directory, n) for n in sorted(os.listdir(directory)) if n.endswith(".yaml")]
    if not good:
        failures.append("no valid workload files found")
    for path in good:
        checked += 1
        errors = schema_errors(validator, path)
        if errors:
            failures.append(f"{path}: valid workload rejected by the schema: " + "; ".join(errors[:3]))
        if exe:
            code, stderr = run_validate(exe, path)
            if code != 0:
                failures.append(f"{path}: valid workload rejected by the loader (exit {code}): {stderr.strip()}")

    bad_dir = os.path.join(args.root, "tests", "data", "bad")
    bad = sorted(n for n in os.listdir(bad_dir) if not n.endswith(".expect"))
    for name in bad:
        path = os.path.join(bad_dir, name)
        checked += 1
        if name in SCHEMA_DETECTABLE and name in LOADER_ONLY:
            failures.append(f"{name}: classified twice")
        elif name in SCHEMA_DETECTABLE:
            try:
                errors = schema_errors(validator, path)
            except yaml.YAMLError as e:
                errors = []
                failures.append(f"{name}: listed as schema-detectable but is not YAML: {e}")
            if not errors:
                failures.append(f"{name}: the schema accepts it ({SCHEMA_DETECTABLE[name]} should reject it)")
        elif name not in LOADER_ONLY:
            failures.append(f"{name}: not classified as schema-detectable or loader-only in {__file__}")
        if exe:
            code, stderr = run_validate(exe, path)
            if code != 2:
                failures.append(f"{name}: the loader gave exit {code}, expected 2: {stderr.strip()}")
    for name in list(SCHEMA_DETECTABLE) + list(LOADER_ONLY):
        if name not in bad:
            failures.append(f"{name}: classified but missing from {bad_dir}")

    if exe:
        result = subprocess.run([exe, "schema"], capture_output=True, text=True, timeout=60)
        if result.returncode == 0:
            try:
                if json.loads(result.stdout) != schema:
                    failures.append("`pipeadvise schema` prints a schema that differs from schema/workload.schema.json")
            except json.JSONDecodeError as e:
                failures.append(f"`pipeadvise schema` does not print JSON: {e}")
        else:
            print(f"note: `pipeadvise schema` exited {result.returncode}; its output was not compared")

    for failure in failures:
        print("FAIL:", failure)
    print(f"{checked} files checked, {len(failures)} failures"
          + ("" if exe else " (schema half only)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
