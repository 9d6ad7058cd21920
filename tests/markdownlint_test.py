#!/usr/bin/env python3
"""Every Markdown output (evaluate, check, diff, whatif) passes markdownlint (npm's
markdownlint-cli, installed into TOOLS_DIR on first use) with its default rules, except:
MD013 (line length: a table row cannot wrap) and MD033 limited to the HTML elements the
outputs use on purpose (<details>/<summary> for collapsed sections, <br> inside table
cells, <sub> for the version line). So each output starts with a top-level heading (MD041),
has one (MD025), steps heading levels by one (MD001) and repeats no heading (MD024).

usage: markdownlint_test.py PATH/TO/pipeadvise SOURCE_DIR TOOLS_DIR
"""

import json
import os
import subprocess
import sys
import tempfile

EXE, SRC, TOOLS = (os.path.abspath(a) for a in sys.argv[1:4])
VERSION = "0.48.0"
CONFIG = {"default": True, "MD013": False,
          "MD033": {"allowed_elements": ["details", "summary", "br", "sub"]}}


def markdownlint():
    cli = os.path.join(TOOLS, "node_modules", ".bin", "markdownlint")
    if not os.path.exists(cli):
        os.makedirs(TOOLS, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", TOOLS, "--no-audit", "--no-fund", "--silent",
                        f"markdownlint-cli@{VERSION}"], check=True, timeout=600)
    return cli


def pipeadvise(*args, ok=(0,)):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
    p = subprocess.run([EXE, *args], capture_output=True, text=True, env=env)
    assert p.returncode in ok, (args, p.returncode, p.stderr)
    return p.stdout


def main():
    cli = markdownlint()
    scen = os.path.join(SRC, "scenarios")
    check = os.path.join(SRC, "tests", "data", "check")
    fast = ["--replications", "1", "--horizon", "1d"]
    outputs = {
        "evaluate-one": pipeadvise("evaluate", os.path.join(scen, "card-fraud-velocity.yaml"), "--format",
                                   "markdown", *fast),
        # Several use cases: one simulation per use case, each heading unique.
        "evaluate-use-cases": pipeadvise("evaluate", os.path.join(scen, "hybrid-payments-platform.yaml"),
                                         "--format", "markdown", *fast),
        "evaluate-several": pipeadvise("evaluate", os.path.join(scen, "card-fraud-velocity.yaml"),
                                       os.path.join(scen, "hybrid-payments-platform.yaml"), "--format",
                                       "markdown", *fast),
        # Every valid fixture, the hostile one (markup in names and messages) included.
        "check": pipeadvise("check", *(os.path.join(check, f) for f in sorted(os.listdir(check))
                                       if f != "invalid.yaml"), "--format", "markdown", "--no-simulate",
                            ok=(0, 1)),
        "diff": pipeadvise("diff", os.path.join(scen, "reference-10m-per-day.yaml"),
                           os.path.join(scen, "card-fraud-velocity.yaml"), "--format", "markdown", *fast),
        "whatif": pipeadvise("whatif", os.path.join(scen, "reference-10m-per-day.yaml"), "--set",
                             "data.volume=1M/day,100M/day", "--set", "latency.sla=1m,1d", "--format", "markdown",
                             "--replications", "1", "--horizon", "1d"),
    }
    failures = 0
    with tempfile.TemporaryDirectory() as d:
        config = os.path.join(d, ".markdownlint.json")
        with open(config, "w") as f:
            json.dump(CONFIG, f)
        for name, text in outputs.items():
            path = os.path.join(d, name + ".md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            p = subprocess.run([cli, "--config", config, path], capture_output=True, text=True)
            first = text.splitlines()[0] if text else ""
            problems = p.stdout + p.stderr
            if not first.startswith("# "):
                problems += f"first line is not a top-level heading: {first!r}\n"
            if p.returncode != 0 or not first.startswith("# "):
                failures += 1
                print(f"FAIL {name}:\n{problems}")
            else:
                print(f"ok   {name}")
    print(f"{len(outputs) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
