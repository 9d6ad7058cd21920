#!/usr/bin/env python3
"""Browser test of `pipeadvise report`: generate the HTML report for a bundled scenario, load it
in headless Chromium and check what a reader would see.

1. The page as written: the rendered DOM holds every chart's <svg> with its title, the page
   ends with its footer (nothing truncated), and Chromium logs no console message at all (the
   report has no scripts, so any console line is a blocked fetch, a CSP violation or an error).
2. A copy with a small measuring script (the copy only; the report itself stays script-free):
   in each chart no two text labels overlap and no label sticks out of its chart.
3. A screenshot at 1280x2400 for people to look at.

Usage: report_browser.py PIPEADVISE SOURCE_DIR OUT_DIR [SCENARIO]
Exits 77 (skipped) when no Chromium is installed.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]

# Runs in the instrumented copy only: measures the rendered text of every chart.
MEASURE_SCRIPT = r"""
<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });
window.addEventListener('load', function () {
  var problems = [];
  var charts = document.querySelectorAll('svg.chart');
  charts.forEach(function (svg) {
    var box = svg.getBoundingClientRect();
    if (box.width < 100 || box.height < 50) problems.push(svg.id + ': chart rendered at ' + box.width + 'x' + box.height);
    var texts = Array.prototype.slice.call(svg.querySelectorAll('text')).map(function (t) {
      return { text: t.textContent, r: t.getBoundingClientRect() };
    });
    texts.forEach(function (a, i) {
      if (a.r.left < box.left - 1 || a.r.right > box.right + 1 || a.r.top < box.top - 1 || a.r.bottom > box.bottom + 1)
        problems.push(svg.id + ': "' + a.text + '" sticks out of the chart');
      for (var j = i + 1; j < texts.length; j++) {
        var b = texts[j];
        var w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        var h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 2) problems.push(svg.id + ': "' + a.text + '" overlaps "' + b.text + '"');
      }
    });
  });
  var pre = document.createElement('pre');
  pre.id = 'layout-check';
  pre.textContent = JSON.stringify({ charts: charts.length, problems: problems, errors: window.__errors });
  document.body.appendChild(pre);
});
</script>
"""


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(chromium, profile, args, url, timeout=180):
    cmd = [chromium] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile] + args + [url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    pipeadvise, source_dir, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    scenario = sys.argv[4] if len(sys.argv) > 4 else "scenarios/card-fraud-velocity.yaml"
    chromium = find_chromium()
    if chromium is None:
        print("SKIP: no chromium found")
        return 77
    os.makedirs(out_dir, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="pipeadvise-report-") as tmp:
        report = os.path.join(tmp, "report.html")
        env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", NO_COLOR="1")

        # -o is required: a usage error, and nothing written.
        # Run from the source tree so the report names the scenario by its relative path.
        pipeadvise = os.path.abspath(pipeadvise)
        missing = subprocess.run([pipeadvise, "report", scenario], cwd=source_dir,
                                 capture_output=True, text=True, env=env, timeout=60)
        if missing.returncode != 2 or "--output is required" not in missing.stderr:
            fail("report without -o exited %d, expected 2: %s" % (missing.returncode, missing.stderr))

        # A run that fails (unknown --set key) is a usage/input error and writes nothing.
        broken = os.path.join(tmp, "broken.html")
        bad = subprocess.run([pipeadvise, "report", scenario, "-o", broken, "--set", "data.volum=1M/day"],
                             cwd=source_dir, capture_output=True, text=True, env=env, timeout=300)
        if bad.returncode != 2 or os.path.exists(broken):
            fail("report with a bad --set key exited %d (expected 2), file written: %s"
                 % (bad.returncode, os.path.exists(broken)))

        # --no-sensitivity leaves the tornado out and keeps the rest.
        quick = os.path.join(tmp, "quick.html")
        nosens = subprocess.run([pipeadvise, "report", scenario, "-o", quick, "--no-sensitivity",
                                 "--replications", "1", "--horizon", "1d"],
                                cwd=source_dir, capture_output=True, text=True, env=env, timeout=300)
        if nosens.returncode != 0:
            fail("report --no-sensitivity exited %d: %s" % (nosens.returncode, nosens.stderr))
        with open(quick, encoding="utf-8") as f:
            quick_html = f.read()
        if 'id="tornado"' in quick_html or 'lag"' not in quick_html:
            fail("report --no-sensitivity: expected lag charts and no tornado")

        gen = subprocess.run(
            [pipeadvise, "report", scenario, "-o", report,
             "--set", "infrastructure.nodes=6,10,20", "--replications", "3"],
            cwd=source_dir, capture_output=True, text=True, env=env, timeout=900)
        if gen.returncode != 0:
            fail("pipeadvise report exited %d: %s" % (gen.returncode, gen.stderr))
        with open(report, encoding="utf-8") as f:
            html = f.read()
        shutil.copy(report, os.path.join(out_dir, "report.html"))

        # One set of lag/cost/recovery charts per use case (prefixed ucN- in a hybrid file).
        use_cases = len(re.findall(r'<section class="use-case" id="use-case-\d+"', html))
        prefixes = ["uc%d-" % (i + 1) for i in range(use_cases)] if use_cases else [""]
        expected_ids = [p + c for p in prefixes for c in ("lag", "cost", "recovery")] + ["tornado", "whatif-1"]

        # 1. The page as written.
        profile = tempfile.mkdtemp(dir=tmp)
        page = run_chromium(chromium, profile, ["--dump-dom", "--enable-logging=stderr", "--v=0"], "file://" + report)
        if page.returncode != 0:
            fail("chromium exited %d: %s" % (page.returncode, page.stderr[-2000:]))
        dom = page.stdout
        svgs = re.findall(r'<svg [^>]*id="([^"]+)"', dom)
        for chart_id in expected_ids:
            if chart_id not in svgs:
                fail("chart #%s missing from the rendered DOM (found %s)" % (chart_id, svgs))
            if '<title id="%s-title">' % chart_id not in dom:
                fail("chart #%s has no <title>" % chart_id)
        if 'id="report-end"' not in dom:
            fail("the rendered page lacks its footer (truncated?)")
        if "class=\"sla-marker\"" not in dom:
            fail("no SLA marker in the rendered DOM")
        console = [line for line in page.stderr.splitlines() if ":CONSOLE" in line]
        if console:
            fail("console messages:\n" + "\n".join(console))
        print("ok: %d charts in the rendered DOM (%s), no console messages" % (len(svgs), ", ".join(svgs)))

        # 2. Layout, measured in an instrumented copy.
        measured = os.path.join(tmp, "measured.html")
        instrumented = html.replace("style-src 'unsafe-inline'\"", "style-src 'unsafe-inline'; script-src 'unsafe-inline'\"", 1)
        instrumented = instrumented.replace("</body>", MEASURE_SCRIPT + "</body>", 1)
        with open(measured, "w", encoding="utf-8") as f:
            f.write(instrumented)
        profile = tempfile.mkdtemp(dir=tmp)
        check = run_chromium(chromium, profile, ["--dump-dom", "--window-size=1280,2400"], "file://" + measured)
        match = re.search(r'<pre id="layout-check">(.*?)</pre>', check.stdout, re.S)
        if not match:
            fail("the layout check did not run: " + check.stderr[-2000:])
        result = json.loads(match.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
        if result["errors"]:
            fail("script errors: %s" % result["errors"])
        if result["charts"] != len(svgs):
            fail("measured %d charts, the DOM has %d" % (result["charts"], len(svgs)))
        if result["problems"]:
            fail("layout problems:\n" + "\n".join(result["problems"]))
        print("ok: no overlapping or clipped labels in %d charts" % result["charts"])

        # 3. Screenshot.
        shot = os.path.join(out_dir, "report.png")
        if os.path.exists(shot):
            os.remove(shot)
        profile = tempfile.mkdtemp(dir=tmp)
        run_chromium(chromium, profile, ["--screenshot=" + shot, "--window-size=1280,2400"], "file://" + report)
        with open(shot, "rb") as f:
            head = f.read(24)
        if head[:8] != b"\x89PNG\r\n\x1a\n":
            fail("no PNG screenshot written")
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        if (width, height) != (1280, 2400):
            fail("screenshot is %dx%d, expected 1280x2400" % (width, height))
        print("ok: screenshot %s (%dx%d, %d bytes)" % (shot, width, height, os.path.getsize(shot)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
