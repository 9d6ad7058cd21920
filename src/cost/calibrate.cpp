// Calibration from a runs CSV: run time against events per node, cost against node-hours.

#include "pipeadvise/cost/calibrate.hpp"

#include <cmath>

#include "fitting.hpp"

namespace pipeadvise::cost {

using namespace detail;

namespace {

// duration = job_startup + (events per node) / node_throughput: the intercept is the fixed
// start-up, the slope the seconds per event on one node.
void fit_duration(const std::vector<RunObservation>& runs, Calibration& c) {
    std::vector<double> x, y;
    for (const auto& r : runs) {
        x.push_back(r.events / r.nodes);
        y.push_back(r.duration_seconds);
    }
    c.duration = fit_line(x, y, c.warnings, "duration", "events per node");
    if (!c.duration.identified) return;
    c.job_startup_seconds = c.duration.intercept;
    if (c.duration.intercept.value < 0) {
        c.warnings.push_back("fitted job_startup is negative (" + significant(c.duration.intercept.value, 4) +
                             " s): the runs do not support a fixed overhead; it is left out of the snippet");
    }
    const double slope = c.duration.slope.value;
    if (slope > 0) {
        c.node_throughput = reciprocal(c.duration.slope);
    } else {
        c.warnings.push_back("fitted time per event is not positive (" + significant(slope, 4) +
                             " s per event per node): duration does not grow with events per node, so "
                             "node_throughput cannot be estimated");
    }
    if (c.duration.r_squared && *c.duration.r_squared < k_poor_r_squared) {
        c.warnings.push_back("the duration model explains only " +
                             significant(100.0 * *c.duration.r_squared, 3) +
                             "% of the variance (R²); runs differ in ways it ignores (skew, caching, "
                             "instance types)");
    }
}

// Only the runs that state a cost; the duration fit uses them all. Cost against events, and
// what a node-hour costs: cost against the node-hours each run used.
void fit_cost(const std::vector<RunObservation>& runs, Calibration& c) {
    std::vector<double> events, cost, node_hours;
    for (const auto& r : runs) {
        if (!r.cost_usd) continue;
        events.push_back(r.events);
        cost.push_back(*r.cost_usd);
        node_hours.push_back(r.nodes * r.duration_seconds / 3600.0);
    }
    if (events.empty()) return;
    c.cost = fit_line(events, cost, c.warnings, "cost", "event count");
    if (c.cost->identified && c.cost->slope.value < 0) {
        c.warnings.push_back("fitted cost per event is negative: cost does not grow with events");
    }
    if (c.cost->identified && c.cost->intercept.value < 0) {
        c.warnings.push_back("fitted fixed cost per run is negative: the runs do not support a fixed cost");
    }
    c.node_hours_cost = fit_line(node_hours, cost, c.warnings, "cost per node-hour", "node-hours");
    const LineFit& f = *c.node_hours_cost;
    // A price is taken only from a fit that explains the costs well; a poor one is reported.
    if (f.identified && f.slope.value > 0 && (!f.r_squared || *f.r_squared >= k_poor_r_squared)) {
        c.node_hour_usd = f.slope;
    } else if (f.identified) {
        c.warnings.push_back("cost does not follow node-hours (slope " + significant(f.slope.value, 4) +
                             " USD per node-hour, R² " +
                             (f.r_squared ? significant(*f.r_squared, 3) : "n/a") +
                             "): node_hour_usd is left out of the snippet");
    }
}

}  // namespace

Calibration calibrate(const std::vector<RunObservation>& runs) {
    Calibration c;
    fit_duration(runs, c);
    fit_cost(runs, c);
    return c;
}

std::string infrastructure_snippet(const Calibration& calibration) {
    std::string out = "infrastructure:\n";
    bool any = false;
    if (calibration.node_throughput) {
        const double t = calibration.node_throughput->value;
        out +=
            "  node_throughput: " + (t >= 1000 ? significant(std::round(t), 15) : significant(t, 4)) + "/s\n";
        any = true;
    }
    // A negative intercept, already warned about, is no start-up time.
    if (calibration.job_startup_seconds && calibration.job_startup_seconds->value >= 0) {
        out += "  job_startup: " + duration_text(calibration.job_startup_seconds->value) + "\n";
        any = true;
    }
    if (calibration.node_hour_usd) {
        out += "  node_hour_usd: " + significant(calibration.node_hour_usd->value, 4) + "\n";
        any = true;
    }
    if (!any) return {};
    return out;
}

}  // namespace pipeadvise::cost
