#include "pipeadvise/physics/recovery.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "pipeadvise/physics/capacity.hpp"
#include "pipeadvise/physics/incidents.hpp"

namespace pipeadvise::physics {

util::Duration state_horizon(const model::UseCase& use_case, const model::Infrastructure& infra) {
    const model::Computation& c = use_case.computation;
    if (c.window && c.window->ns > 0) return *c.window;
    if (c.kind == model::ComputationKind::full_history) {
        return use_case.data.history ? *use_case.data.history : infra.retention;
    }
    return util::Duration::from_ns(std::llround(k_default_state_window_seconds * util::k_ns_per_second));
}

double state_horizon_seconds(const model::UseCase& use_case, const model::Infrastructure& infra) {
    return state_horizon(use_case, infra).seconds();
}

double state_restore_seconds(double state_bytes, int nodes) {
    return state_bytes / (std::max(1, nodes) * k_restore_bytes_per_second_per_node);
}

double checkpoint_replay_seconds(double since_checkpoint_seconds, double rate, double capacity) {
    const double busy = capacity > 0.0 ? std::min(1.0, rate / capacity) : 1.0;
    return since_checkpoint_seconds * busy;
}

double rebuild_seconds(double rate, double replay_seconds, double capacity) {
    return capacity > 0.0 ? rate * replay_seconds / capacity : std::numeric_limits<double>::infinity();
}

RecoveryEstimate worst_case_recovery(model::Architecture architecture, const model::UseCase& use_case,
                                     const model::Team& team, const model::Infrastructure& infra) {
    RecoveryEstimate r;
    const IncidentResponse times = incident_response(team.maturity);
    r.detection_seconds =
        times.detect_seconds + (team.on_call.value_or(true) ? 0.0 : k_unattended_night_seconds);
    r.repair_seconds = times.repair_seconds;
    const double capacity = capacity_per_second(infra, use_case.data);
    const double rate = use_case.data.volume_per_second;
    switch (architecture) {
        case model::Architecture::batch:
            // Data that arrives just after a run waits a whole schedule, then the failed run
            // is re-run over everything since the last success.
            r.wait_seconds = infra.batch_schedule.seconds() + infra.job_startup.seconds() +
                             (capacity > 0.0 ? rate * infra.batch_schedule.seconds() / capacity : 0.0);
            break;
        case model::Architecture::micro_batch:
            r.restart_seconds = infra.job_startup.seconds();
            r.wait_seconds =
                infra.micro_batch_trigger.seconds() +
                micro_batch_processing_seconds(use_case.data, infra, infra.micro_batch_trigger.seconds());
            break;
        case model::Architecture::simple_streaming:
        case model::Architecture::full_streaming:
        case model::Architecture::hybrid: {
            r.restart_seconds = infra.job_startup.seconds();
            // The worst failure comes just before a checkpoint, at the peak.
            r.restore_seconds = checkpoint_replay_seconds(infra.checkpoint_interval.seconds(),
                                                          peak_rate_per_second(use_case.data), capacity);
            if (use_case.computation.stateful && architecture != model::Architecture::simple_streaming) {
                r.restore_seconds +=
                    state_restore_seconds(static_cast<double>(use_case.computation.state_size_bytes),
                                          cluster_nodes(infra, use_case.data));
                r.repair_seconds += checkpoint_repair_seconds(times, team.recovery_runbook.value_or(true));
                const double replay =
                    std::min(infra.retention.seconds(), state_horizon_seconds(use_case, infra));
                r.rebuild_seconds = rebuild_seconds(rate, replay, capacity);
            }
            break;
        }
    }
    return r;
}

}  // namespace pipeadvise::physics
