#!/usr/bin/python3
"""The I/O rule of ARCHITECTURE.md, checked on the sources.

usage: io_rule_check.py SOURCE_DIR

1. Files, streams, the clock and the environment are reached only from `src/cli/` and the I/O
   seam `src/util/files.cpp` (the operating-system calls listed in OS_CALLS).
2. The seam's entry points (`util::read_input_file`, `util::read_standard_input`,
   `util::write_file_atomically`) are called
   only from `src/cli/`: every layer below takes text and returns strings.
3. `src/cli/` names no output format: the formats of each product are render's table.

Prints one line per violation and exits 1 if there is any.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1])
SEAM = {"src/util/files.cpp"}

OS_CALLS = re.compile(
    r"\bfopen\b|\bfreopen\b|\bstd::(?:i|o)?fstream\b|\bgetenv\b|\bsecure_getenv\b|\benviron\b"
    r"|\bsteady_clock\b|\bsystem_clock\b|\bhigh_resolution_clock\b|\bstd::clock\b|\bclock_gettime\b"
    r"|\bgettimeofday\b|\btime\(nullptr\)|\bstd::(?:cout|cerr|clog|cin)\b|\bisatty\b|\bpopen\b"
    r"|\bstd::system\b|(?<![\w>])::(?:open|read|write|stat|lstat|fstat|rename|unlink|mkstemp|opendir)\("
    r"|\bstd::filesystem::(?:exists|status|directory_iterator|recursive_directory_iterator|remove|rename"
    r"|file_size|create_directories?)\b")
SEAM_CALLS = re.compile(r"\bread_input_file\b|\bread_standard_input\b|\bwrite_file_atomically\b")
FORMAT_NAMES = re.compile(r'"(?:text|json|markdown|sarif|junit|github|csv|table|html)"')


def code_lines(path):
    """Lines with comments and string contents blanked, so prose never counts."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line.split("//")[0] if '"' not in line else line, line


violations = []
for path in sorted([*ROOT.glob("src/**/*.cpp"), *ROOT.glob("src/**/*.hpp"), *ROOT.glob("include/**/*.hpp")]):
    rel = path.relative_to(ROOT).as_posix()
    in_cli = rel.startswith("src/cli/")
    for number, code, raw in code_lines(path):
        bare = re.sub(r'"(?:[^"\\]|\\.)*"', '""', code)
        bare = bare.split("//")[0]
        if not in_cli and rel not in SEAM:
            for m in OS_CALLS.finditer(bare):
                violations.append(f"{rel}:{number}: '{m.group(0)}' outside src/cli/ and the I/O seam")
        if not in_cli and rel not in SEAM and not rel.startswith("include/pipeadvise/util/files"):
            for m in SEAM_CALLS.finditer(bare):
                violations.append(f"{rel}:{number}: the I/O seam ('{m.group(0)}') is for src/cli/ only")
        if in_cli:
            for m in FORMAT_NAMES.finditer(code.split("//")[0]):
                violations.append(f"{rel}:{number}: format name {m.group(0)} in src/cli/: use render's table")

for v in violations:
    print(v)
print(f"I/O rule: {len(violations)} violation(s)")
sys.exit(1 if violations else 0)
