#include <algorithm>
#include <cmath>
#include <cstdio>

#include "checker.hpp"
#include "pipeadvise/advisor/questions.hpp"
#include "pipeadvise/advisor/wording.hpp"
#include "pipeadvise/physics/diurnal.hpp"

namespace pipeadvise::advisor {

using model::Architecture;
using util::format_duration;
using util::format_seconds;

void Checker::check_use_case(std::size_t i) {
    const model::UseCase& uc = m_w.use_cases[i];
    const UseCaseAdvice& advice = m_advice.use_cases[i];
    const Architecture a = judged_architecture(m_w, advice);
    const SimulatedFacts* facts = facts_of(i);
    check_sla_questions(uc);
    check_request_path(uc);
    check_capacity(uc, a);
    check_micro_batch_trigger(uc, advice, a);
    check_micro_batch_maturity(uc, advice);
    check_state(uc, a);
    check_infeasible_modes(uc, facts);
    check_retention(uc, a, facts);
    check_replay_retention(uc, a);
    // Windowed results against the SLA.
    if (is_streaming(a) && uc.computation.stateful && uc.computation.emit == model::EmitMode::window_end)
        check_window_emission(uc, facts);
    check_watermark(uc, a, facts);
    check_database_sink(uc, a);
    check_sla_met(i);
}

void Checker::check_sla_questions(const model::UseCase& uc) {
    // Latency questions asked of stakeholders.
    if (uc.latency.sla.seconds() < k_verify_sla_below_seconds) {
        if (!uc.latency.verified_with_stakeholders) {
            add("sla-not-verified", path_in(uc, "latency.verified_with_stakeholders"),
                capitalised(sla_text(uc)) +
                    " is not verified with stakeholders; ask what decision changes with fresher data, "
                    "since "
                    "alerting on the batch pipeline is often the answer.",
                &uc);
        }
        if (uc.latency.decision.empty()) {
            add("no-decision-stated", path_in(uc, "latency.decision"),
                capitalised(sla_text(uc)) + " names no decision that fresher data changes; state it in " +
                    path_in(uc, "latency.decision") + " or relax the SLA.",
                &uc);
        }
    }
}

void Checker::check_capacity(const model::UseCase& uc, Architecture a) {
    const model::Infrastructure& infra = m_w.infrastructure;
    const double capacity = capacity_per_second(infra, uc.data);
    const double mean = uc.data.volume_per_second;
    const double peak = peak_rate_per_second(uc.data);
    const std::string cap_text = util::format_rate(capacity) + " (" +
                                 std::to_string(cluster_nodes(infra, uc.data)) +
                                 (cluster_nodes(infra, uc.data) == 1 ? " node × " : " nodes × ") +
                                 util::format_rate(infra.node_throughput) + ")";
    // Capacity (a stated node count; `nodes: auto` is sized for the peak).
    if (infra.nodes && mean > capacity) {
        add("capacity-exceeded", "infrastructure.nodes",
            "Mean arrivals of " + util::format_rate(mean) + " (" + path_in(uc, "data.volume") +
                ") exceed the capacity of " + cap_text + ": the backlog grows by " +
                util::format_rate(mean - capacity) + " in every mode; add nodes or raise node_throughput.",
            &uc);
    } else if (infra.nodes && peak > capacity && is_continuous(a)) {
        // The same fluid backlog the simulation reports (peak_backlog_events), over the daily shape
        // of mean 1 and peak peak_to_mean.
        const physics::DiurnalShape shape = physics::fit_diurnal_shape(uc.data.peak_to_mean);
        const physics::PeakBacklog backlog = physics::diurnal_peak_backlog(
            [&](double t) { return mean * physics::diurnal_shape_value(shape, t); }, capacity);
        add("peak-exceeds-capacity", "infrastructure.nodes",
            "At the peak (" + util::format_rate(mean) + " × " + trim_ratio(uc.data.peak_to_mean) + " " +
                path_in(uc, "data.peak_to_mean") + " = " + util::format_rate(peak) +
                ") arrivals exceed the capacity of " + cap_text + ", so the " + arch_name(a) +
                " backlog grows by up to " + util::format_rate(peak - capacity) +
                " during every peak, to about " + count_text(backlog.events) + " events that take " +
                human_seconds(backlog.drain_seconds) + " to drain; size the cluster for the peak.",
            &uc);
    }
}

void Checker::check_micro_batch_trigger(const model::UseCase& uc, const UseCaseAdvice& advice,
                                        Architecture a) {
    const model::Infrastructure& infra = m_w.infrastructure;
    // Micro-batch trigger.
    if (a == Architecture::micro_batch && advice.recommendation.architecture == Architecture::micro_batch) {
        const TriggerChoice t = suggest_trigger(uc.latency.sla, uc.data, infra);
        if (!t.fits) {
            add("micro-batch-sla-at-risk", path_in(uc, "latency.sla"),
                "No micro-batch trigger fits " + sla_text(uc) + ": even a " + format_duration(t.trigger) +
                    " trigger needs " + format_seconds(t.processing_seconds) + " to process a peak batch (" +
                    format_seconds(t.worst_lag_seconds) +
                    " worst-case lag); add nodes, relax the SLA or use streaming.",
                &uc);
        }
    }
}

void Checker::check_infeasible_modes(const model::UseCase& uc, const SimulatedFacts* facts) {
    // Modes the simulation found unable to run (spec §8): left out of the costs, with the fix.
    if (facts == nullptr) return;
    for (const auto& [mode, why] : facts->infeasible) {
        add("mode-infeasible", why.fix_key.empty() ? std::string("infrastructure") : why.fix_key,
            "The simulated " + mode + " mode of " + uc.name + " cannot run as configured: " + why.because +
                ". It is left out of the cost multipliers.",
            &uc);
    }
}

void Checker::check_state(const model::UseCase& uc, Architecture a) {
    const model::Infrastructure& infra = m_w.infrastructure;
    // State store.
    // (`nodes: auto` holds enough nodes for an in-memory state, model/sizing.hpp.)
    if (is_streaming(a) && uc.computation.stateful && infra.state_store == model::StateStore::memory &&
        infra.nodes) {
        const double memory =
            static_cast<double>(*infra.nodes) * static_cast<double>(infra.node_memory_bytes);
        if (static_cast<double>(uc.computation.state_size_bytes) > memory) {
            add("state-store-oom", "infrastructure.state_store",
                "The in-memory state store must hold " + util::format_size(uc.computation.state_size_bytes) +
                    " of state (" + path_in(uc, "computation.state_size") + ") but the cluster has " +
                    util::format_size(static_cast<std::int64_t>(memory)) + " (" +
                    std::to_string(*infra.nodes) + " × " + util::format_size(infra.node_memory_bytes) +
                    "), so the job fails repeatedly with out-of-memory errors; use state_store: rocksdb, "
                    "or give it the memory: " +
                    std::to_string(static_cast<long long>(
                        std::ceil(static_cast<double>(uc.computation.state_size_bytes) /
                                  static_cast<double>(infra.node_memory_bytes)))) +
                    " nodes of " + util::format_size(infra.node_memory_bytes) + " (or nodes: auto).",
                &uc);
        }
    }

    // State older than the log cannot be rebuilt after checkpoint corruption.
    if (is_streaming(a) && uc.computation.stateful && m_p.checkpoint_backup != true) {
        const double horizon = state_horizon_seconds(uc, m_w.infrastructure);
        const double retention = m_w.infrastructure.retention.seconds();
        if (horizon > retention) {
            add("state-older-than-retention", "infrastructure.retention",
                "The state covers " + human_seconds(horizon) + " of events (" +
                    (uc.computation.window ? path_in(uc, "computation.window")
                                           : path_in(uc, "data.history") + ", full_history") +
                    ") but the log keeps " + format_duration(m_w.infrastructure.retention) +
                    " (infrastructure.retention): a corrupted checkpoint loses about " +
                    count_text(uc.data.volume_per_second * (horizon - retention)) +
                    " events of state for good; back up checkpoints (proposal.checkpoint_backup) or keep "
                    "the "
                    "history replayable.",
                &uc);
        }
    }
}

void Checker::check_watermark(const model::UseCase& uc, Architecture a, const SimulatedFacts* facts) {
    // Watermark against late arrivals.
    if (!is_streaming(a) || !uc.computation.stateful || uc.data.late_arrivals.fraction <= 0.0) return;
    const auto& late = uc.data.late_arrivals;
    const std::string path = watermark_path(uc);
    const std::optional<util::Duration> watermark = watermark_of(uc);
    if (!watermark) {
        not_stated(path, "with " + percent(late.fraction) + " of events late up to a p99 of " +
                             format_duration(late.p99) + ", say how long windows wait for them");
        return;
    }
    if (!(*watermark < late.p99)) return;
    const bool simulated = facts != nullptr && facts->watermark_drop_fraction.has_value();
    const double drop =
        simulated ? *facts->watermark_drop_fraction : watermark_drop_fraction(late, *watermark);
    // Spec §9: a watermark that drops more than 1 % of the events is an error in `check`, not a
    // trade-off to note.
    const bool too_many = drop > k_max_watermark_drop_fraction;
    add(too_many ? "watermark-drops-events" : "watermark-too-short", path,
        "watermark " + format_duration(*watermark) + " is shorter than the late-arrival p99 of " +
            format_duration(late.p99) + " (" + path_in(uc, "data.late_arrivals.p99") + "): about " +
            percent(drop) + " of events would be dropped (" +
            (simulated ? "simulated" : "lognormal fit to p50 " + format_duration(late.p50) + "/p99") + ")" +
            (too_many ? ", more than the " + percent(k_max_watermark_drop_fraction) + " a result can lose"
                      : "") +
            "; raise it to at least " + format_duration(late.p99) +
            (too_many ? "." : " or state the drop as accepted."),
        &uc);
}

void Checker::check_database_sink(const model::UseCase& uc, Architecture a) {
    const double peak = peak_rate_per_second(uc.data);
    // Operational database as a sink.
    if (m_p.sink == model::Sink::database && is_continuous(a) && peak > k_database_write_rate_threshold) {
        add("database-sink-high-write-rate", "proposal.sink",
            "The " + arch_name(a) + " pipeline writes up to " + util::format_rate(peak) +
                " at the peak into an operational database (proposal.sink: database), above the " +
                util::format_rate(k_database_write_rate_threshold) +
                " it can absorb beside its application; write to a log, table or cache and serve from "
                "there.",
            &uc);
    }
}

std::string Checker::trim_ratio(double r) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", r);
    return buf;
}

bool Checker::allows_per_event_results(const model::Computation& c) {
    return c.kind != model::ComputationKind::sessionization;
}

void Checker::check_window_emission(const model::UseCase& uc, const SimulatedFacts* facts) {
    const auto& late = uc.data.late_arrivals;
    const double window = uc.computation.window && uc.computation.window->ns > 0
                              ? uc.computation.window->seconds()
                              : k_default_state_window_seconds;
    double watermark = 0.0;
    std::string watermark_source;
    if (const auto stated = watermark_of(uc)) {
        watermark = stated->seconds();
        watermark_source = watermark_path(uc);
    } else if (late.fraction > 0.0) {
        watermark = late.p99.seconds();
        watermark_source = "the late-arrival p99, as no watermark is stated";
    }
    const double sla = uc.latency.sla.seconds();
    if (window + watermark <= sla) return;
    std::string simulated;
    if (facts != nullptr) {
        if (auto it = facts->lag_p99_seconds.find("streaming"); it != facts->lag_p99_seconds.end()) {
            simulated = " (simulated streaming p99 lag " + format_seconds(it->second) + ")";
        }
    }
    std::string sum = human_seconds(window) + " window";
    if (watermark > 0.0) sum += " + " + human_seconds(watermark) + " watermark (" + watermark_source + ")";
    add("window-emission-exceeds-sla", path_in(uc, "computation.window"),
        "A window's result is emitted at window end + watermark: " + sum + " = " +
            human_seconds(window + watermark) + " after the window opens, above " + sla_text(uc) + simulated +
            (allows_per_event_results(uc.computation)
                 ? "; if a result updated per event serves the decision, set " +
                       path_in(uc, "computation.emit") +
                       ": on_update (early firing, update output mode), otherwise shorten the window or "
                       "the watermark, or relax the SLA."
                 : "; a session's final result needs the session to close, so shorten the session gap "
                   "or the watermark, or relax the SLA, or, if the decision reads the session state as "
                   "it "
                   "is updated, set " +
                       path_in(uc, "computation.emit") + ": on_update."),
        &uc);
}

bool Checker::oom_loop(const model::UseCase& uc) const {
    const auto& infra = m_w.infrastructure;
    return uc.computation.stateful && infra.state_store == model::StateStore::memory && infra.nodes &&
           static_cast<double>(uc.computation.state_size_bytes) >
               static_cast<double>(*infra.nodes) * static_cast<double>(infra.node_memory_bytes);
}

void Checker::check_retention(const model::UseCase& uc, Architecture a, const SimulatedFacts* facts) {
    const double retention = m_w.infrastructure.retention.seconds();
    const std::string ret = format_duration(m_w.infrastructure.retention);
    if (is_streaming(a) && facts != nullptr && facts->streaming_events_lost &&
        *facts->streaming_events_lost > 0) {
        add("retention-shorter-than-recovery", "infrastructure.retention",
            "The simulated streaming pipeline lost " + count_text(*facts->streaming_events_lost) +
                " events because the " + ret +
                " retention (infrastructure.retention) expired before recovery" +
                (oom_loop(uc)
                     ? " from the out-of-memory restarts (state-store-oom); fix the state store first"
                     : "; raise it above the worst-case detection + recovery time") +
                ".",
            &uc);
        return;
    }
    if (is_streaming(a) && facts != nullptr && facts->worst_recovery_seconds) {
        if (*facts->worst_recovery_seconds > retention) {
            add("retention-shorter-than-recovery", "infrastructure.retention",
                "The " + ret +
                    " retention (infrastructure.retention) is shorter than the simulated worst-case "
                    "recovery of " +
                    format_seconds(*facts->worst_recovery_seconds) +
                    ", so events expire before they are processed; raise it above that with a margin.",
                &uc);
            return;
        }
        // The simulation may not have drawn the rare worst case (a corrupted checkpoint at
        // night), so the analytic worst case below still applies.
    }
    const RecoveryEstimate r = worst_case_recovery(a, uc, m_w.team, m_w.infrastructure);
    if (r.total_seconds() > retention) {
        const std::string parts =
            describe_recovery(r) + " at " + std::string(model::to_string(m_w.team.maturity)) + " maturity";
        add("retention-shorter-than-recovery", "infrastructure.retention",
            "The " + ret +
                " retention (infrastructure.retention) is shorter than the worst-case recovery of " +
                format_seconds(r.total_seconds()) + " (" + parts +
                "; analytic), so unprocessed events expire and are lost; raise it above that with a "
                "margin.",
            &uc);
    }
}

}  // namespace pipeadvise::advisor
