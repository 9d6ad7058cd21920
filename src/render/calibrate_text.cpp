#include <cstdio>

#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::render {

namespace detail {

namespace {

std::string g(double v, int digits = 4) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

std::string estimate(const cost::Estimate& e, const std::string& unit) {
    std::string out = g(e.value, 6) + unit;
    if (e.standard_error) out += "  ± " + g(*e.standard_error, 3) + unit + " (1 s.e.)";
    return out;
}

std::string quality(const cost::LineFit& f, const std::string& unit) {
    std::string out = "  fit:             R² " + (f.r_squared ? g(*f.r_squared, 5) : std::string("n/a"));
    out += ", residuals max " + g(f.residual_max, 4) + unit + ", RMS " + g(f.residual_rms, 4) + unit + "\n";
    return out;
}

}  // namespace

std::string calibration_text(const cost::Calibration& c, std::string_view file) {
    std::string out =
        "calibrate: " + escape_terminal(file) + ", " + std::to_string(c.duration.rows) + " run(s)\n\n";
    out += "duration = job_startup + (events / nodes) / node_throughput\n";
    if (c.job_startup_seconds) out += "  job_startup:     " + estimate(*c.job_startup_seconds, " s") + "\n";
    if (c.node_throughput) out += "  node_throughput: " + estimate(*c.node_throughput, "/s") + " per node\n";
    if (!c.duration.identified) out += "  not identified (see warnings)\n";
    if (c.duration.identified) out += quality(c.duration, " s");
    if (c.cost) {
        out += "\ncost = fixed per run + per event × events (" + std::to_string(c.cost->rows) +
               " run(s) with cost_usd)\n";
        if (c.cost->identified) {
            out += "  fixed per run:   " + estimate(c.cost->intercept, " USD") + "\n";
            out += "  per event:       " + estimate(c.cost->slope, " USD") + "\n";
            out += "  per million:     " + g(c.cost->slope.value * 1e6, 6) + " USD\n";
            out += quality(*c.cost, " USD");
        } else {
            out += "  not identified (see warnings)\n";
        }
    }
    if (!c.warnings.empty()) {
        out += "\nwarnings:\n";
        for (const auto& w : c.warnings) out += "  - " + w + "\n";
    }
    const std::string snippet = cost::infrastructure_snippet(c);
    if (!snippet.empty()) out += "\nPaste into the workload file:\n\n" + snippet;
    return out;
}

}  // namespace detail

}  // namespace pipeadvise::render
