#include "pipeadvise/pipeline/feasibility.hpp"

#include <cmath>
#include <string>

#include "pipeadvise/util/units.hpp"

namespace pipeadvise::pipeline {

namespace {

std::string size_text(double bytes) {
    return util::format_size(static_cast<std::int64_t>(std::llround(bytes)));
}

std::string nodes_text(int n) {
    return std::to_string(n) + (n == 1 ? " node" : " nodes");
}

}  // namespace

model::NodeSizing mode_nodes(const model::Workload& workload, const model::UseCase& use_case, Mode mode) {
    switch (mode) {
        case Mode::batch:
            return model::batch_nodes(workload, use_case);
        case Mode::micro_batch:
            return model::micro_batch_nodes(workload, use_case);
        case Mode::streaming:
            return model::streaming_nodes(workload, use_case);
    }
    return model::streaming_nodes(workload, use_case);
}

void judge_feasibility(const Plan& plan, const model::Workload& workload, const model::UseCase& use_case,
                       ModeResult& r) {
    const model::Infrastructure& infra = workload.infrastructure;
    // What `nodes: auto` would hold for this mode: the count that fixes a stated one.
    model::Workload sized = workload;
    sized.infrastructure.nodes.reset();
    const model::NodeSizing wanted = mode_nodes(sized, use_case, r.mode);

    if (r.mode == Mode::streaming && plan.oom) {
        const double memory = plan.nodes * plan.node_memory_bytes;
        const int need = static_cast<int>(std::ceil(plan.state_bytes / plan.node_memory_bytes));
        r.feasible = false;
        r.infeasible_because = "in-memory state of " + size_text(plan.state_bytes) + " does not fit the " +
                               size_text(memory) + " of " + nodes_text(plan.nodes) + " x " +
                               size_text(plan.node_memory_bytes) +
                               ": every restart restores it and runs out of memory again (an OOM loop)";
        r.fix_key = "infrastructure.state_store";
        r.fix_value = "rocksdb";
        r.infeasible_because += "; fix: state_store: rocksdb, or memory for the state (" + nodes_text(need) +
                                " of " + size_text(plan.node_memory_bytes) + ")";
        return;
    }
    if (r.backlog_growth_per_second) {
        r.feasible = false;
        r.infeasible_because = "arrivals of " + util::format_rate(plan.rate) + " exceed what " +
                               nodes_text(plan.nodes) + " sustain in this mode: the backlog grows by " +
                               util::format_rate(*r.backlog_growth_per_second) + " and never catches up";
        if (r.mode == Mode::batch && infra.job_startup.seconds() >= infra.batch_schedule.seconds()) {
            r.fix_key = "infrastructure.batch_schedule";
            r.fix_value =
                "a schedule longer than job_startup (" + util::format_duration(infra.job_startup) + ")";
        } else {
            r.fix_key = "infrastructure.nodes";
            r.fix_value = infra.nodes ? std::to_string(std::max(wanted.nodes, plan.nodes + 1)) : "auto";
        }
        r.infeasible_because += "; fix: " + r.fix_key.substr(r.fix_key.find('.') + 1) + ": " + r.fix_value;
        return;
    }
    if (r.events_per_replication > 0.0 && r.lag_histogram.empty()) {
        r.feasible = false;
        r.infeasible_because = "no event completes within the " +
                               util::format_duration(workload.simulation.horizon) +
                               " horizon (a run, trigger or window is longer than it)";
        r.fix_key = "simulation.horizon";
        r.fix_value = "a horizon covering at least 4 runs or windows";
        r.infeasible_because += "; fix: a longer simulation.horizon";
    }
}

}  // namespace pipeadvise::pipeline
