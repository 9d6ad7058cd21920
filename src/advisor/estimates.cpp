#include "pipeadvise/advisor/estimates.hpp"

#include "pipeadvise/model/sizing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pipeadvise::advisor {

IncidentTimes incident_times(model::Maturity maturity) {
    const model::IncidentResponse r = model::incident_response(maturity);
    return {r.detect_seconds, r.repair_seconds};
}

LognormalFit fit_lognormal(double p50_seconds, double p99_seconds) {
    LognormalFit fit;
    if (!(p50_seconds > 0.0)) return fit;
    fit.mu = std::log(p50_seconds);
    // p99 at or below the median carries no spread information: a point mass at the median.
    if (p99_seconds > p50_seconds) fit.sigma = (std::log(p99_seconds) - fit.mu) / k_z99;
    return fit;
}

double lognormal_survival(const LognormalFit& fit, double x_seconds) {
    if (!(x_seconds > 0.0)) return 1.0;
    const double z = std::log(x_seconds) - fit.mu;
    if (fit.sigma <= 0.0) return z < 0.0 ? 1.0 : 0.0;
    return 0.5 * std::erfc(z / (fit.sigma * std::sqrt(2.0)));
}

double watermark_drop_fraction(const model::LateArrivals& late, util::Duration watermark) {
    if (late.fraction <= 0.0 || late.p50.ns <= 0) return 0.0;
    const LognormalFit fit = fit_lognormal(late.p50.seconds(), late.p99.seconds());
    return std::clamp(late.fraction * lognormal_survival(fit, watermark.seconds()), 0.0, 1.0);
}

int cluster_nodes(const model::Infrastructure& infra, const model::Data& data) {
    if (infra.nodes) return *infra.nodes;
    return model::cluster_nodes_for_peak(infra, peak_rate_per_second(data), infra.node_throughput);
}

double capacity_per_second(const model::Infrastructure& infra, const model::Data& data) {
    return static_cast<double>(cluster_nodes(infra, data)) * infra.node_throughput;
}

double peak_rate_per_second(const model::Data& data) {
    return data.volume_per_second * data.peak_to_mean;
}

double micro_batch_overhead_seconds(const model::Infrastructure& infra) {
    return infra.micro_batch_overhead.seconds();
}

double micro_batch_processing_seconds(const model::Data& data, const model::Infrastructure& infra,
                                      double trigger_seconds) {
    const double capacity = capacity_per_second(infra, data);
    const double events = peak_rate_per_second(data) * trigger_seconds;
    if (capacity <= 0.0) return std::numeric_limits<double>::infinity();
    return micro_batch_overhead_seconds(infra) + events / capacity;
}

TriggerChoice suggest_trigger(util::Duration sla, const model::Data& data,
                              const model::Infrastructure& infra) {
    for (int candidate : k_trigger_candidates_seconds) {
        const auto trigger = static_cast<double>(candidate);
        const double processing = micro_batch_processing_seconds(data, infra, trigger);
        const double worst = trigger + processing;
        // A batch that takes longer than its trigger builds a backlog at the peak, so its
        // lag is not bounded by trigger + processing any more.
        if (worst <= sla.seconds() && processing <= trigger) {
            return {util::Duration::from_seconds_int(candidate), processing, worst, true};
        }
    }
    const auto trigger = static_cast<double>(k_fallback_trigger_seconds);
    const double processing = micro_batch_processing_seconds(data, infra, trigger);
    return {util::Duration::from_seconds_int(k_fallback_trigger_seconds), processing, trigger + processing,
            false};
}

double state_horizon_seconds(const model::UseCase& use_case, const model::Infrastructure& infra) {
    const model::Computation& c = use_case.computation;
    if (c.window && c.window->ns > 0) return c.window->seconds();
    if (c.kind == model::ComputationKind::full_history) {
        return use_case.data.history ? use_case.data.history->seconds() : infra.retention.seconds();
    }
    return k_default_state_window_seconds;
}

RecoveryEstimate worst_case_recovery(model::Architecture architecture, const model::UseCase& use_case,
                                     const model::Team& team, const model::Infrastructure& infra) {
    RecoveryEstimate r;
    const IncidentTimes times = incident_times(team.maturity);
    // Unstated team items count as present, as in the simulator: the checklist asks for them.
    r.detection_seconds =
        times.detection_seconds + (team.on_call.value_or(true) ? 0.0 : k_unattended_night_seconds);
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
            const double busy =
                capacity > 0.0 ? std::min(1.0, peak_rate_per_second(use_case.data) / capacity) : 1.0;
            r.restore_seconds = infra.checkpoint_interval.seconds() * busy;
            if (use_case.computation.stateful && architecture != model::Architecture::simple_streaming) {
                const double nodes = std::max(1, cluster_nodes(infra, use_case.data));
                r.restore_seconds += static_cast<double>(use_case.computation.state_size_bytes) /
                                     (nodes * k_state_restore_bytes_per_second);
                r.repair_seconds += times.repair_seconds *
                                    (team.recovery_runbook.value_or(true) ? 1.0 : k_no_runbook_repair_factor);
                const double replay =
                    std::min(infra.retention.seconds(), state_horizon_seconds(use_case, infra));
                r.rebuild_seconds =
                    capacity > 0.0 ? rate * replay / capacity : std::numeric_limits<double>::infinity();
            }
            break;
        }
    }
    return r;
}

bool is_streaming(model::Architecture architecture) {
    return architecture == model::Architecture::simple_streaming ||
           architecture == model::Architecture::full_streaming;
}

std::string_view simulated_mode(model::Architecture architecture) {
    switch (architecture) {
        case model::Architecture::batch:
            return "batch";
        case model::Architecture::micro_batch:
            return "micro_batch";
        case model::Architecture::simple_streaming:
        case model::Architecture::full_streaming:
            return "streaming";
        case model::Architecture::hybrid:
            return "";
    }
    return "";
}

}  // namespace pipeadvise::advisor
