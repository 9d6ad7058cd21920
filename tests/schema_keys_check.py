#!/usr/bin/python3
"""The schema's per-key documentation for editors, and its bounds against the loader's.

- Every key of schema/workload.schema.json (property, or the section definition a property
  refers to) carries `description`, `markdownDescription` and `examples`; every example
  validates against that key's own schema.
- For a few duration, size and rate keys, the `minimum`/`maximum` the schema states are the
  bounds the loader enforces: a workload with the key at the bound passes both the schema and
  `pipeadvise validate`; just past it, both reject it, the loader with
  `FILE:LINE:COL: error: KEY: ...` at the key's line and exit 2.

Usage: schema_keys_check.py --root REPO --pipeadvise PATH
"""

import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from schema_check import load_yaml  # noqa: E402  (YAML 1.2 core rules, as the loader reads)

# (section in $defs, key, path in a workload file). The bounds come from the schema, never
# from this file: the test holds the schema and the loader to each other.
BOUNDED_KEYS = [
    ("simulation", "horizon", ["simulation", "horizon"]),
    ("failures", "node_mtbf", ["simulation", "failures", "node_mtbf"]),
    ("latency", "sla", ["latency", "sla"]),
    ("infrastructure", "checkpoint_interval", ["infrastructure", "checkpoint_interval"]),
    ("infrastructure", "node_memory", ["infrastructure", "node_memory"]),
    ("data", "event_size", ["data", "event_size"]),
    ("data", "volume", ["data", "volume"]),
]

failures = []
passed = 0


def check(condition, message):
    global passed
    if condition:
        passed += 1
    else:
        failures.append(message)


def keys_of(schema):
    """(name, schema of the key) for every property of the root and of every definition."""
    out = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                out.append((f"{where}.{name}", sub))
            for keyword in ("oneOf", "anyOf"):
                for sub in node.get(keyword, []):
                    walk(sub, where)

    walk(schema, "(top)")
    for name, definition in schema["$defs"].items():
        walk(definition, name)
    return out


def documented(schema, sub):
    """The schema that documents a key: a bare reference to a section documents it there."""
    if set(sub) == {"$ref"}:
        return schema["$defs"][sub["$ref"].split("/")[-1]]
    return sub


def validator_for(schema, sub):
    rooted = dict(sub, **{"$defs": schema["$defs"]})
    return jsonschema.Draft202012Validator(rooted, format_checker=jsonschema.FormatChecker())


def check_documentation(schema):
    keys = keys_of(schema)
    check(len(keys) >= 80, f"only {len(keys)} keys found in the schema")
    for name, sub in keys:
        doc = documented(schema, sub)
        for field in ("description", "markdownDescription", "examples"):
            check(field in doc, f"{name}: no {field}")
        examples = doc.get("examples", [])
        check(len(examples) >= 1, f"{name}: examples is empty")
        v = validator_for(schema, sub)
        for example in examples:
            errors = [e.message for e in v.iter_errors(example)]
            check(not errors, f"{name}: example {example!r} fails its own schema: {errors[:2]}")
        md = doc.get("markdownDescription", "")
        if isinstance(examples, list) and examples and not isinstance(examples[0], (dict, list)):
            check("Example: `" in md, f"{name}: markdownDescription does not show the example: {md!r}")


def set_path(document, path, value):
    node = document
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


def key_line(text, key):
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"^\s*{re.escape(key)}:", line):
            return number
    return None


def loader_verdict(exe, base, path, value, work):
    """(exit code, stderr, line of the key) of `pipeadvise validate` on base with path=value."""
    document = copy.deepcopy(base)
    set_path(document, path, value)
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    file = os.path.join(work, "bound.yaml")
    with open(file, "w", encoding="utf-8") as f:
        f.write(text)
    result = subprocess.run([exe, "validate", file], capture_output=True, text=True, timeout=60)
    return result.returncode, result.stderr, key_line(text, path[-1]), file


def whole(value):
    return int(value) if float(value).is_integer() else value


def check_bounds(schema, exe, root):
    base = load_yaml(os.path.join(root, "scenarios", "card-fraud-velocity.yaml"))
    work = tempfile.mkdtemp(prefix="pipeadvise-bounds-")
    code, stderr, _, _ = loader_verdict(exe, base, ["name"], base["name"], work)
    check(code == 0, f"the base scenario, dumped again, does not load: {stderr}")
    for section, key, path in BOUNDED_KEYS:
        definition = schema["$defs"][section]
        # `failures` is `none` or a mapping: its keys sit in the mapping alternative.
        for alternative in [definition] + definition.get("oneOf", []):
            if key in alternative.get("properties", {}):
                sub = alternative["properties"][key]
        v = validator_for(schema, sub)
        dotted = ".".join(path)
        # The bounds sit on the bare-number form (seconds, bytes, events/s).
        numeric = [a for a in sub.get("anyOf", []) if a.get("type") in ("number", "integer")]
        check(len(numeric) == 1, f"{dotted}: no bare-number form in the schema")
        bounds = numeric[0] if numeric else {}
        check("maximum" in bounds, f"{dotted}: the schema states no maximum")
        check("Accepted:" in sub.get("description", ""), f"{dotted}: the description states no range")
        cases = []
        if "maximum" in bounds:
            cases += [(whole(bounds["maximum"]), True), (whole(bounds["maximum"] * 1.5), False)]
        if "minimum" in bounds:
            cases += [(whole(bounds["minimum"]), True), (bounds["minimum"] / 2, False)]
        for value, accepted in cases:
            schema_ok = not list(v.iter_errors(value))
            check(schema_ok == accepted, f"{dotted}={value}: schema {'accepts' if schema_ok else 'rejects'} it")
            code, stderr, line, file = loader_verdict(exe, base, path, value, work)
            if accepted:
                check(code == 0, f"{dotted}={value}: the loader rejects a value the schema accepts: {stderr}")
                continue
            check(code == 2, f"{dotted}={value}: the loader gave exit {code}, expected 2")
            located = re.match(rf"^{re.escape(file)}:{line}:\d+: error: {re.escape(dotted)}: ", stderr)
            check(located is not None, f"{dotted}={value}: expected an error at {file}:{line}: {stderr!r}")
        print(f"ok   {dotted}: {len(cases)} values agree (schema minimum {bounds.get('minimum')}, "
              f"maximum {bounds.get('maximum')})")
    shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True)
    parser.add_argument("--pipeadvise", required=True)
    args = parser.parse_args()
    with open(os.path.join(args.root, "schema", "workload.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    check_documentation(schema)
    check_bounds(schema, os.path.abspath(args.pipeadvise), args.root)
    for failure in failures:
        print("FAIL:", failure)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
