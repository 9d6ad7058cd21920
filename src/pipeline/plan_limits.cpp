#include "plan_limits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::pipeline::plan_limits {

namespace {

/// Most batch or micro-batch runs one replication may simulate (horizon / schedule or trigger):
/// each run is a loop step, so a tiny interval is refused before it becomes a hang.
constexpr double k_max_runs_per_replication = 1e8;
/// Most failures (node failures plus bad deploys) one replication may expect (horizon x rate).
constexpr double k_max_failures_per_replication = 1e6;

}  // namespace

/// An input error at the key that caused it: the first of `keys` the file states (or a
/// command-line argument set), else the nearest section of the first key the file has, else
/// FILE:1:1. Caps are checked here, after loading, but still point at a line.
[[noreturn]] void fail_at(const model::Workload& w, std::initializer_list<std::string> keys,
                          const std::string& message) {
    for (const std::string& key : keys) {
        if (w.states(key) || w.origins.count(key) > 0)
            throw util::Error(std::vector<util::Diagnostic>{w.diagnostic_at(key, message)});
    }
    throw util::Error(std::vector<util::Diagnostic>{w.diagnostic_at(*keys.begin(), message)});
}

/// Dotted prefix of a use case's own keys ("" or "use_cases[2].").
std::string prefix_of(const model::UseCase& use_case) {
    return use_case.path.empty() ? std::string() : use_case.path + ".";
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

void check_runs_per_replication(const Plan& p, const model::Workload& workload, const std::string& uc,
                                const SimulateOptions& options) {
    const model::Simulation& sim = workload.simulation;
    // Loops that step once per run or per failure are bounded here, whatever the inputs.
    for (Mode m : options.modes) {
        const Ticks interval = m == Mode::batch ? p.batch_schedule : m == Mode::micro_batch ? p.trigger : 0;
        const char* key =
            m == Mode::batch ? "infrastructure.batch_schedule" : "infrastructure.micro_batch_trigger";
        if (interval > 0 && static_cast<double>(p.horizon / interval) > k_max_runs_per_replication) {
            // A use case's own schedule or trigger (spec section 9) before the shared one.
            fail_at(workload, {uc + key, key, "simulation.horizon"},
                    std::string(key) + " " + util::format_duration(util::Duration{interval}) +
                        " over a horizon of " + util::format_duration(sim.horizon) + " is " +
                        number(static_cast<double>(p.horizon / interval)) + " runs per replication (cap " +
                        number(k_max_runs_per_replication) +
                        "); use a longer interval or a shorter simulation.horizon");
        }
    }
}

void plan_grouping(Plan& p, const model::Workload& workload, const std::string& uc,
                   const SimulateOptions& options) {
    const model::Simulation& sim = workload.simulation;
    // Grouping: the number of entities per replication and mode stays under the budget
    // whatever the volume; below it every event is simulated on its own.
    const double events = p.rate * p.horizon_seconds;
    const std::size_t modes = std::max<std::size_t>(1, options.modes.size());
    if (sim.granularity == model::Granularity::event) {
        const double total = events * static_cast<double>(modes) * p.replications;
        if (total > k_max_total_entities) {
            fail_at(workload, {"simulation.granularity", "simulation.horizon", uc + "data.volume"},
                    "granularity: event at " + number(p.rate * 86400.0) + " events/day over " +
                        util::format_duration(sim.horizon) + " would simulate " + number(total) +
                        " events (" + std::to_string(modes) + (modes == 1 ? " mode x " : " modes x ") +
                        std::to_string(p.replications) +
                        (p.replications == 1 ? " replication" : " replications") + ", cap " +
                        number(k_max_total_entities) + "); use granularity: auto or a shorter horizon");
        }
        p.expected_entities = std::llround(events);
    } else {
        const std::int64_t budget =
            options.max_entities_per_replication > 0 ? options.max_entities_per_replication : k_entity_budget;
        if (events <= static_cast<double>(budget)) {
            p.expected_entities = std::llround(events);
        } else {
            const std::int64_t per_slot = p.late_fraction > 0.0 ? 2 : 1;
            const std::int64_t slots = std::max<std::int64_t>(1, budget / per_slot);
            p.grouped = true;
            p.slot = std::max<Ticks>(1, p.horizon / slots);
            p.expected_entities = (p.horizon / p.slot + 1) * per_slot;
        }
    }
}

void check_memory(const Plan& p, const model::Workload& workload, const std::string& uc,
                  const SimulateOptions& options) {
    if (!p.grouped && p.late_fraction > 0.0) {
        const double mean_lateness = std::min(
            k_max_lateness_seconds, std::exp(p.lateness.mu + 0.5 * p.lateness.sigma * p.lateness.sigma));
        const double pending = p.rate * p.late_fraction * mean_lateness;
        if (pending > k_max_pending_late) {
            fail_at(workload,
                    {"simulation.granularity", uc + "data.late_arrivals.p99", uc + "data.late_arrivals"},
                    "late arrivals would keep about " + number(pending) + " events waiting in memory (cap " +
                        number(k_max_pending_late) + "); use granularity: auto");
        }
    }
    if (!p.grouped) {
        double longest_run = 0.0;
        for (Mode m : options.modes) {
            if (m == Mode::batch) longest_run = std::max(longest_run, to_seconds(p.batch_schedule));
            if (m == Mode::micro_batch) longest_run = std::max(longest_run, to_seconds(p.trigger));
        }
        const double per_run = p.rate * std::min(longest_run, p.horizon_seconds);
        if (per_run > k_max_run_events) {
            fail_at(workload,
                    {"simulation.granularity", uc + "infrastructure.batch_schedule",
                     "infrastructure.batch_schedule", uc + "infrastructure.micro_batch_trigger",
                     "infrastructure.micro_batch_trigger", uc + "data.volume"},
                    "one run would hold about " + number(per_run) + " events in memory (cap " +
                        number(k_max_run_events) + "); use granularity: auto");
        }
    }
    if (emits_at_window_end(p)) {
        const double open = (to_seconds(p.window) + to_seconds(p.watermark)) / to_seconds(p.window) + 1.0;
        if (open > k_max_open_windows) {
            fail_at(workload, {uc + "proposal.watermark", "proposal.watermark", uc + "computation.window"},
                    "the watermark keeps " + number(open) + " windows open at once (cap " +
                        number(k_max_open_windows) +
                        "); use a longer computation.window or a shorter proposal.watermark");
        }
    }
}

// Failures are loop steps too: the count one replication expects is bounded on the cluster
// each mode actually holds (node failures scale with its nodes).
void check_failure_count(const Plan& p, const model::Workload& workload) {
    if (p.failures &&
        (p.node_failure_rate + p.bad_deploy_rate) * p.horizon_seconds > k_max_failures_per_replication) {
        fail_at(
            workload,
            {"simulation.failures.node_mtbf", "simulation.failures.bad_deploy_every", "simulation.horizon"},
            "simulation.failures: node_mtbf and bad_deploy_every give about " +
                number((p.node_failure_rate + p.bad_deploy_rate) * p.horizon_seconds) +
                " failures per replication (cap " + number(k_max_failures_per_replication) +
                "); use longer intervals or a shorter simulation.horizon");
    }
}

}  // namespace pipeadvise::pipeline::plan_limits
