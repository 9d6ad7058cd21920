#!/usr/bin/env python3
"""End-to-end tests of `whatif`, `diff` and `calibrate`, and of the reference cost case.

usage: cost_cli_test.py PIPEADVISE SOURCE_DIR GROUP   (GROUP: whatif | diff | calibrate | reference)
"""
import json
import os
import shutil
import re
import subprocess
import sys
import tempfile

BINARY, ROOT, GROUP = sys.argv[1], sys.argv[2], sys.argv[3]
REFERENCE = os.path.join(ROOT, "scenarios", "reference-10m-per-day.yaml")
CALIBRATE = os.path.join(ROOT, "tests", "data", "calibrate")
FAST = ["--replications", "1", "--horizon", "1d"]
failures = []


def run(*args, expect=0):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
    env.pop("CI", None)
    p = subprocess.run([BINARY, *args], capture_output=True, text=True, env=env)
    if p.returncode != expect:
        failures.append(f"{' '.join(args)}: exit {p.returncode}, expected {expect}\n{p.stderr}")
    return p


def check(condition, message):
    if not condition:
        failures.append(message)


def test_whatif():
    grid = ["--set", "latency.sla=10s,2m,1h", "--set", "infrastructure.nodes=5,10,20"]
    full = run("whatif", REFERENCE, *grid, *FAST, "--format", "json", "--jobs", "1").stdout
    lines = full.splitlines()
    check(len(lines) == 9, f"3x3 grid gives 9 JSON lines, got {len(lines)}")
    shards = "".join(run("whatif", REFERENCE, *grid, *FAST, "--format", "json", "--shard", f"{i}/3").stdout
                     for i in (1, 2, 3))
    check(sorted(shards.splitlines()) == sorted(lines), "the union of shards 1/3..3/3 equals the full grid")
    check(shards == full, "contiguous shards concatenate to the full output in grid order")
    parallel = run("whatif", REFERENCE, *grid, *FAST, "--format", "json", "--jobs", "3").stdout
    check(parallel == full, "--jobs does not change the output")
    for line in lines:
        row = json.loads(line)
        check(set(row) == {"set", "recommendation", "modes"}, f"row keys: {sorted(row)}")
        check(set(row["set"]) == {"latency.sla", "infrastructure.nodes"}, "row carries the values set")
        for mode in ("batch", "micro_batch", "streaming"):
            m = row["modes"][mode]
            check(set(m) == {"lag_p95_seconds", "sla_attainment", "monthly_cost_usd"}, f"mode keys {sorted(m)}")
            check(m["monthly_cost_usd"] > 0, "cost is positive")
    recs = {json.loads(l)["set"]["latency.sla"]: json.loads(l)["recommendation"] for l in lines}
    check(recs == {"10s": "simple_streaming", "2m": "micro_batch", "1h": "batch"}, f"recommendations {recs}")

    table = run("whatif", REFERENCE, *grid, *FAST).stdout
    check("Break-even" in table, "table ends with break-even lines")
    check("recommendation flips from simple_streaming to micro_batch between 10s and 2m" in table,
          "break-even names the SLA flip")
    csv = run("whatif", REFERENCE, *grid, *FAST, "--format", "csv").stdout.splitlines()
    check(csv[0].startswith("latency.sla,infrastructure.nodes,recommendation,batch_monthly_cost_usd"), csv[0])
    check(len(csv) == 10, "CSV: header + 9 rows")
    md = run("whatif", REFERENCE, *grid, *FAST, "--format", "markdown").stdout
    check("| latency.sla |" in md and "## Break-even" in md, "markdown table and break-even")

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "sweep.jsonl")
        run("whatif", REFERENCE, "--set", "latency.sla=10s", *FAST, "--format", "json", "-o", out)
        check(open(out).read().count("\n") == 1, "-o writes the sweep")

    bad = run("whatif", REFERENCE, "--set", "data.volumee=1M/day", *FAST, expect=2)
    check("did you mean 'volume'" in bad.stderr, f"bad key: {bad.stderr}")
    check(bad.stdout == "", "nothing on stdout for a bad key")
    for shard in ("0/3", "4/3", "x", "1/0"):
        p = run("whatif", REFERENCE, "--set", "latency.sla=10s", "--shard", shard, expect=2)
        check("--shard" in p.stderr, f"bad shard {shard}: {p.stderr}")
    p = run("whatif", REFERENCE, "--set", "latency.sla=10s", "--set", "latency.sla=2m", expect=2)
    check("given twice" in p.stderr, p.stderr)
    run("whatif", REFERENCE, "--set", "latency.sla=10s", "--format", "sarif", expect=2)
    run("whatif", REFERENCE, expect=2)  # --set is required


def test_diff():
    with tempfile.TemporaryDirectory() as tmp:
        text = open(REFERENCE).read()
        old = os.path.join(tmp, "old.yaml")
        new = os.path.join(tmp, "new.yaml")
        open(old, "w").write(text)
        changed = text.replace("\n  nodes: 10\n", "\n  nodes: 14\n").replace("\n  sla: 30s\n", "\n  sla: 2m\n")
        changed = changed.replace("  decision: page the on-call analyst while the session is still open\n", "")
        check(changed != text, "fixture edit applies")
        open(new, "w").write(changed)

        j = json.loads(run("diff", old, new, *FAST, "--format", "json").stdout)
        check(j["old"]["recommendation"] == "simple_streaming", j["old"])
        check(j["new"]["recommendation"] == "micro_batch", j["new"])
        check(j["recommendation_changed"] is True, "recommendation changed")
        stream = j["modes"]["streaming"]["monthly_usd"]["compute"]
        # Streaming holds its stated nodes all month at the m5.xlarge list price: 10 -> 14 nodes.
        hour = 0.192 * 720
        check(abs(stream["before"] - 10 * hour) < 1 and abs(stream["after"] - 14 * hour) < 1, f"compute {stream}")
        check(abs(stream["delta"] - 4 * hour) < 1 and abs(stream["delta_percent"] - 40) < 0.1, f"delta {stream}")
        total = j["modes"]["streaming"]["monthly_usd"]["total"]
        parts = sum(j["modes"]["streaming"]["monthly_usd"][p]["after"]
                    for p in ("compute", "infrastructure", "storage", "engineering"))
        check(abs(parts - total["after"]) < 0.01 * total["after"], "parts add up to the total")
        rec = j["recommended_monthly_usd"]
        check(abs(rec["before"] - j["modes"]["streaming"]["monthly_usd"]["total"]["before"]) < 1e-6 * rec["before"],
              "recommended cost before is the streaming total")
        check(abs(rec["after"] - j["modes"]["micro_batch"]["monthly_usd"]["total"]["after"]) < 1e-6 * rec["after"],
              "recommended cost after is the micro-batch total")
        check(set(j["findings"]) == {"added", "removed"}, "findings added/removed")

        md = run("diff", old, new, *FAST, "--format", "markdown").stdout
        check(re.search(r"Monthly cost of the recommended architecture: \*\*\$[\d,]+ → \$[\d,]+ \(([+-])\$[\d,.]+, \1[\d.]+%\)",
                        md) is not None, f"summary line: {md[:300]}")
        check("| streaming | compute | $1,382 | $1,935 | +$553 (+40%) |" in md, "markdown cost row")
        text_out = run("diff", old, new, *FAST).stdout
        check("Recommendation: simple_streaming -> micro_batch (changed)" in text_out, text_out[:400])
        same = json.loads(run("diff", old, old, *FAST, "--format", "json").stdout)
        check(same["findings"] == {"added": [], "removed": []}, "a file against itself adds/removes nothing")
        check(same["recommended_monthly_usd"]["delta"] == 0, "a file against itself costs the same")
        run("diff", old, os.path.join(tmp, "missing.yaml"), expect=2)


def test_calibrate():
    j = json.loads(run("calibrate", os.path.join(CALIBRATE, "exact.csv"), "--format", "json").stdout)
    # Spec §10's keys, exactly, plus one "details" object for the uncertainty and the rest.
    check(set(j) == {"sources", "applications", "streaming", "fit", "infrastructure", "details"}, str(set(j)))
    check(j["sources"] == [{"file": os.path.join(CALIBRATE, "exact.csv"), "kind": "runs_csv"}], str(j["sources"]))
    check(set(j["fit"]) == {"node_throughput", "job_startup_seconds", "r_squared"}, str(j["fit"]))
    check(abs(j["fit"]["node_throughput"] - 800) < 1e-3, "throughput 800/s")
    check(abs(j["fit"]["job_startup_seconds"] - 120) < 1e-3, "startup 120 s")
    check(abs(j["details"]["runs"]["cost_fit"]["slope"]["value"] - 1e-6) < 1e-12, "cost per event")
    check(j["infrastructure"]["node_throughput"] == "800/s" and j["infrastructure"]["job_startup"] == "2m",
          str(j["infrastructure"]))
    check(j["infrastructure"]["micro_batch_overhead"] is None, "no streaming input, no overhead")
    text = run("calibrate", os.path.join(CALIBRATE, "noisy.csv")).stdout
    check("node_throughput: 801.4/s" in text and "job_startup: 2m2s" in text, text)
    same = run("calibrate", os.path.join(CALIBRATE, "same-ratio.csv")).stdout
    check("cannot be separated" in same and "infrastructure:" not in same, same)
    bad = run("calibrate", os.path.join(CALIBRATE, "bad-values.csv"), expect=2)
    check(re.search(r"bad-values\.csv:3:5: error: nodes: must be greater than zero \(got 0; expected the number of nodes the run used, greater than zero; e\.g\. 8\)", bad.stderr) is not None, bad.stderr)
    check(bad.stderr.count("error:") == 4, "every CSV error is reported")
    bad = run("calibrate", os.path.join(CALIBRATE, "bad-header.csv"), expect=2)
    check("bad-header.csv:1:8: error: unknown column 'nodez'; did you mean 'nodes'?" in bad.stderr, bad.stderr)
    run("calibrate", os.path.join(CALIBRATE, "missing.csv"), expect=2)
    run("calibrate", CALIBRATE, expect=2)  # a directory holding the bad CSVs too
    run("calibrate", os.path.join(CALIBRATE, "exact.csv"), "--format", "csv", expect=2)
    unknown = run("calibrate", os.path.join(CALIBRATE, "..", "..", "..", "README.md"), expect=2)
    check("cannot tell what this file holds" in unknown.stderr, unknown.stderr)

    logs = os.path.join(CALIBRATE, "logs")
    flink = os.path.join(CALIBRATE, "flink-checkpoints.json")
    kafka = os.path.join(CALIBRATE, "kafka-describe.txt")
    with tempfile.TemporaryDirectory() as tmp:
        workload = os.path.join(tmp, "workload.yaml")
        shutil.copy(os.path.join(CALIBRATE, "workload.yaml"), workload)
        j = json.loads(run("calibrate", logs, flink, kafka, "--workload", workload, "--format", "json").stdout)
        kinds = {os.path.basename(s["file"]): s["kind"] for s in j["sources"]}
        check(kinds == {"spark-1.6-local.log": "spark_event_log", "spark-3.1-standalone.log": "spark_event_log",
                        "spark-3.1-streaming.log": "spark_event_log", "streaming-progress.json": "streaming_progress",
                        "flink-checkpoints.json": "flink_checkpoints", "kafka-describe.txt": "kafka_consumer_groups"},
              str(kinds))
        apps = {a["id"]: a for a in j["applications"]}
        a = apps["app-20210101000000-0001"]
        check(set(a) == {"id", "name", "spark_version", "start_ms", "end_ms", "duration_seconds", "executors",
                         "executor_cores", "jobs", "stages", "tasks", "records_read", "executor_run_seconds",
                         "first_task_seconds"}, str(set(a)))
        check((a["duration_seconds"], a["executors"], a["executor_cores"], a["jobs"], a["stages"], a["tasks"],
               a["records_read"], a["executor_run_seconds"], a["first_task_seconds"]) ==
              (60.0, 2, 8, 2, 3, 10, 550000, 6.1, 5.0), str(a))
        old = apps["local-1451606400000"]
        check((old["spark_version"], old["executors"], old["executor_cores"], old["duration_seconds"]) ==
              ("1.6.3", 1, 2, 10.0), str(old))
        s = j["streaming"]
        # The same five triggers come from the event log and the progress JSON: counted once.
        check(s["batches"] == 5, str(s))
        check(abs(s["trigger_overhead_seconds"] - 0.2) < 1e-9, str(s))
        check(abs(s["rows_per_second_per_core"] - 5000) < 1e-6, str(s))
        check((s["state_rows"], s["state_bytes"]) == (1400, 54000), str(s))
        check(j["infrastructure"]["micro_batch_overhead"] == "200ms", str(j["infrastructure"]))
        check(abs(j["fit"]["job_startup_seconds"] - 4.0) < 1e-9, "mean of 3 s and 5 s")
        k = j["details"]["kafka"]
        check(k["total_lag"] == 1300 and abs(k["lag_seconds"] - 1.3) < 1e-9, str(k))
        f = j["details"]["flink"][0]
        check(abs(f["duration_seconds"]["mean"] - 1.3) < 1e-9 and f["latest_state_bytes"] == 136314880, str(f))

        # The 3.1 log alone: 10 µs per record per core, 4 cores per executor.
        j = json.loads(run("calibrate", os.path.join(logs, "spark-3.1-standalone.log"), "--format", "json").stdout)
        check(abs(j["fit"]["node_throughput"] - 400000) < 1e-3, str(j["fit"]))
        check(j["infrastructure"]["node_throughput"] == "400000/s" and j["infrastructure"]["job_startup"] == "5s",
              str(j["infrastructure"]))

        # A rolling event log: the parts are read in the order of their index.
        rolling = os.path.join(tmp, "eventlog_v2_app-20210101000000-0001")
        os.mkdir(rolling)
        with open(os.path.join(logs, "spark-3.1-standalone.log")) as src:
            lines = src.readlines()
        for index, part in ((1, lines[:20]), (2, lines[20:35]), (10, lines[35:])):
            with open(os.path.join(rolling, "events_%d_app-20210101000000-0001" % index), "w") as out:
                out.writelines(part)
        open(os.path.join(rolling, "appstatus_app-20210101000000-0001"), "w").close()
        j = json.loads(run("calibrate", rolling, "--format", "json").stdout)
        check(len(j["applications"]) == 1 and j["applications"][0]["tasks"] == 10 and
              j["applications"][0]["duration_seconds"] == 60.0, str(j["applications"]))
        check(j["sources"] == [{"file": rolling, "kind": "spark_event_log"}], str(j["sources"]))

        # A truncated log: FILE:LINE: error, exit 2.
        cut = os.path.join(tmp, "cut.log")
        with open(cut, "w") as out:
            out.write("".join(lines[:10]) + lines[10][: len(lines[10]) // 2])
        bad = run("calibrate", cut, expect=2)
        check(re.search(r"cut\.log:11:\d+: error: truncated", bad.stderr) is not None, bad.stderr)

        # --apply: the values are written in place, comments and layout kept, the diff printed.
        before = open(workload).read()
        applied = run("calibrate", os.path.join(logs, "spark-3.1-standalone.log"), os.path.join(logs, "streaming-progress.json"),
                      "--apply", workload)
        after = open(workload).read()
        def rewritten(line, value):
            # The value replaced, the comment kept at its column.
            key, rest = line.split(":", 1)
            spacing = rest[: len(rest) - len(rest.lstrip())]
            comment = line[line.index("#"):]
            head = key + ":" + spacing + value
            return head + " " * max(1, line.index("#") - len(head)) + comment
        old_t = "  node_throughput: 5k/s           # a guess from the vendor's sizing guide"
        old_s = "  job_startup:   3m               # what the platform team said"
        check("-" + old_t + "\n+" + rewritten(old_t, "400000/s") + "\n" in applied.stdout, applied.stdout)
        check(rewritten(old_t, "400000/s") + "\n" in after, after)
        check(rewritten(old_s, "5s") + "\n" in after, after)
        check("  micro_batch_overhead: 200ms\n\n# Simulation settings stay as they are." in after, after)
        before_lines = [l for l in before.splitlines() if "node_throughput" not in l and "job_startup" not in l]
        check(all(l in after.splitlines() for l in before_lines), "every other line kept")
        run("validate", workload)
        again = run("calibrate", os.path.join(logs, "spark-3.1-standalone.log"), os.path.join(logs, "streaming-progress.json"),
                    "--apply", workload)
        check("already has these values" in again.stdout, again.stdout)
        check(open(workload).read() == after, "a second apply changes nothing")


def test_reference():
    j = json.loads(run("evaluate", REFERENCE, "--format", "json").stdout)
    modes = j["simulation"]["modes"]
    m = modes["streaming"]["cost"]["multiplier_vs_batch"]
    check(3.0 <= m <= 5.0, f"reference: streaming is {m}x batch, expected 3x-5x")
    batch = modes["batch"]["cost"]["monthly_usd"]
    check(batch["infrastructure"] == 0, "batch pays no brokers")
    # Two runs a day of 2h00m22s on 10 nodes (~1,204 node-hours a month) at $0.192/h.
    expected = 2 * 30 * (7222 / 3600) * 10 * 0.192
    check(abs(batch["compute"] - expected) < 0.05 * expected, f"batch compute {batch['compute']}")


{"whatif": test_whatif, "diff": test_diff, "calibrate": test_calibrate, "reference": test_reference}[GROUP]()
if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{GROUP}: ok")
