#!/usr/bin/env python3
"""Fails on any #include edge between layers that ARCHITECTURE.md's layer table does not allow.

The table's rows (`| `layer/` | owns | may depend on |`) are the single source: a layer may
include its own headers and those of the layers it may depend on, transitively ("everything
above" is every row above it, "everything" every row). Every quoted `#include
"pipeadvise/<layer>/..."` of every file under src/ and include/pipeadvise/ counts, so a header
included only for an inline constant is an edge like any other. Headers directly under
include/pipeadvise/ (the generated version.hpp) belong to cli/.

Usage: layering_check.py ROOT            check the tree at ROOT
       layering_check.py --self-test     show that a forbidden edge fails on a synthetic tree
"""
import os
import re
import sys
import tempfile

ROW = re.compile(r"^\|\s*`([a-z_]+)/`\s*\|[^|]*\|\s*([^|]*)\|\s*$")
INCLUDE = re.compile(r'^\s*#\s*include\s*"pipeadvise/([^"]+)"', re.MULTILINE)


def read_table(architecture_md):
    """Returns (ordered layer names, {layer: set of declared dependencies})."""
    order, declared = [], {}
    with open(architecture_md, encoding="utf-8") as f:
        for line in f:
            m = ROW.match(line.rstrip("\n"))
            if not m:
                continue
            layer, deps = m.group(1), m.group(2)
            deps = re.sub(r"\(\+[^)]*\)", "", deps)  # third-party libraries: "(+ yaml-cpp)"
            if "everything above" in deps:
                wanted = set(order)
            elif "everything" in deps:
                wanted = None  # resolved once every row is known
            else:
                wanted = {w for w in re.findall(r"[a-z_]+", deps)}
            order.append(layer)
            declared[layer] = wanted
    for layer, wanted in declared.items():
        if wanted is None:
            declared[layer] = set(order) - {layer}
        else:
            declared[layer] = {w for w in wanted if w in order}
    return order, declared


def closure(declared):
    allowed = {}
    for layer in declared:
        seen, todo = set(), [layer]
        while todo:
            for dep in declared[todo.pop()]:
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        allowed[layer] = seen | {layer}
    return allowed


def layer_of(relative, order):
    """The layer a file belongs to: src/<layer>/... or include/pipeadvise/<layer>/..."""
    parts = relative.replace(os.sep, "/").split("/")
    if parts[0] == "include" and len(parts) > 2 and parts[1] == "pipeadvise":
        return parts[2] if len(parts) > 3 else "cli"
    if parts[0] == "src" and len(parts) > 2:
        return parts[1]
    return None  # src/version.cpp and the like: the bundle, not a layer


def check(root):
    order, declared = read_table(os.path.join(root, "ARCHITECTURE.md"))
    if not order:
        return ["ARCHITECTURE.md: no layer table found"]
    allowed = closure(declared)
    problems = []
    for top in ("src", os.path.join("include", "pipeadvise")):
        for directory, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith((".cpp", ".hpp", ".h", ".cc", ".hpp.in")):
                    continue
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, root)
                layer = layer_of(relative, order)
                if layer is None:
                    continue
                if layer not in allowed:
                    problems.append(f"{relative}: folder '{layer}/' has no row in ARCHITECTURE.md's layer table")
                    continue
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                for m in INCLUDE.finditer(text):
                    target = m.group(1).split("/")
                    target_layer = target[0] if len(target) > 1 else "cli"
                    if target_layer not in allowed[layer]:
                        line = text.count("\n", 0, m.start()) + 1
                        problems.append(
                            f"{relative}:{line}: {layer}/ includes pipeadvise/{m.group(1)}, but ARCHITECTURE.md "
                            f"lets {layer}/ depend only on {', '.join(sorted(allowed[layer] - {layer})) or 'nothing of ours'}")
    return problems


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def self_test():
    table = ("| layer | owns | may depend on |\n|---|---|---|\n"
             "| `util/` | units | nothing of ours |\n"
             "| `model/` | workload | util (+ yaml-cpp) |\n"
             "| `physics/` | formulas | model |\n"
             "| `advisor/` | questions | model, physics |\n"
             "| `pipeline/` | simulator | model, physics |\n"
             "| `render/` | formats | everything above, read-only |\n"
             "| `cli/` | main | everything (+ CLI11) |\n")
    failures = []
    with tempfile.TemporaryDirectory() as root:
        write(os.path.join(root, "ARCHITECTURE.md"), table)
        write(os.path.join(root, "include/pipeadvise/pipeline/plan.hpp"),
              '#pragma once\ninline constexpr double k_restore = 1.0;\n')
        write(os.path.join(root, "src/advisor/checks.cpp"),
              '#include "pipeadvise/physics/recovery.hpp"\n#include "pipeadvise/util/units.hpp"\n')
        write(os.path.join(root, "src/render/json.cpp"), '#include "pipeadvise/advisor/advisor.hpp"\n')
        write(os.path.join(root, "src/cli/main.cpp"), '#include "pipeadvise/version.hpp"\n')
        if check(root):
            failures.append(f"a clean synthetic tree fails: {check(root)}")
        # The case: advisor/ includes pipeline/plan.hpp for an inline constant only.
        write(os.path.join(root, "src/advisor/estimates.cpp"),
              '#include "pipeadvise/pipeline/plan.hpp"\ndouble r() { return k_restore; }\n')
        problems = check(root)
        if len(problems) != 1 or "src/advisor/estimates.cpp:1: advisor/ includes pipeadvise/pipeline/plan.hpp" not in problems[0]:
            failures.append(f"the forbidden edge advisor -> pipeline is not reported exactly once: {problems}")
        os.remove(os.path.join(root, "src/advisor/estimates.cpp"))
        # A lower layer reaching up, and a folder the table does not name.
        write(os.path.join(root, "include/pipeadvise/model/workload.hpp"), '#include "pipeadvise/render/json.hpp"\n')
        write(os.path.join(root, "src/ingest/spark.cpp"), '#include "pipeadvise/util/units.hpp"\n')
        problems = check(root)
        if len(problems) != 2 or not any("model/ includes pipeadvise/render/json.hpp" in p for p in problems) \
                or not any("'ingest/' has no row" in p for p in problems):
            failures.append(f"upward edge or unknown folder not reported: {problems}")
    for f in failures:
        print("self-test: " + f)
    if not failures:
        print("self-test: a forbidden edge fails, a clean tree passes")
    return 1 if failures else 0


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--self-test":
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    problems = check(sys.argv[1])
    for p in problems:
        print(p)
    if not problems:
        print("layering: every include follows ARCHITECTURE.md's layer table")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
