#pragma once

#include <array>
#include <optional>

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/util/units.hpp"

/// Analytic estimates the advisor uses when the simulator has not supplied a number. Every
/// constant of the advisor lives here, next to its documentation, so the thresholds and the
/// recovery table can be read (and changed) in one place. The recovery table matches the
/// simulator's (docs/simulation-model.md); the advisor does not depend on the simulator.
namespace pipeadvise::advisor {

/// SLA below this (seconds) is the streaming branch (spec §1, question 1).
inline constexpr double k_streaming_sla_below_seconds = 60.0;
/// SLA above this (seconds) is batch; from k_streaming_sla_below_seconds up to this,
/// inclusive, is micro-batch (spec §1, question 1).
inline constexpr double k_batch_sla_above_seconds = 300.0;
/// SLA below this (seconds) must be verified with stakeholders and tied to a decision.
inline constexpr double k_verify_sla_below_seconds = 300.0;
/// Micro-batch triggers the advisor suggests, longest first (seconds).
inline constexpr std::array<int, 4> k_trigger_candidates_seconds{300, 120, 60, 30};
/// Trigger suggested when none of the candidates fits the SLA (seconds).
inline constexpr int k_fallback_trigger_seconds = 30;
/// Peak write rate (rows/s) into an operational database above which the advisor warns:
/// an OLTP primary sustains a few thousand single-row writes per second at best, and the
/// pipeline then competes with the application for it.
inline constexpr double k_database_write_rate_threshold = 1000.0;
/// Standard normal quantile at 0.99, for fitting a lognormal to a p50 and a p99.
inline constexpr double k_z99 = 2.3263478740408408;
/// Rate at which a failed-over node restores checkpointed state (bytes/s per node).
inline constexpr double k_state_restore_bytes_per_second = 100.0 * 1024 * 1024;
/// Without on-call, a failure at the start of the night (22:00) waits until 08:00 to be
/// noticed: the worst-case extra detection delay, seconds.
inline constexpr double k_unattended_night_seconds = 10.0 * 3600;
/// Repairing a corrupted checkpoint takes this many times the maturity's repair time
/// without a recovery runbook.
inline constexpr double k_no_runbook_repair_factor = model::k_no_runbook_repair_factor;
/// Event time a stateful computation's state covers when it states no window and is not
/// full_history, seconds (a rebuild replays this much of the log).
inline constexpr double k_default_state_window_seconds = 60.0;

/// Detection and repair time of an incident for a team of the given maturity (the "2 a.m.
/// incident"): low 60 + 120 min, medium 15 + 45 min, high 5 + 15 min, as in the simulator.
struct IncidentTimes {
    double detection_seconds = 0.0;
    double repair_seconds = 0.0;
};
/// The documented incident times for a maturity level.
IncidentTimes incident_times(model::Maturity maturity);

/// A lognormal distribution of lateness: ln X ~ Normal(mu, sigma), X in seconds.
struct LognormalFit {
    double mu = 0.0;
    double sigma = 0.0;  ///< 0 means all the mass sits at exp(mu)
};
/// Fits a lognormal to a median and a 99th percentile (both in seconds, > 0).
LognormalFit fit_lognormal(double p50_seconds, double p99_seconds);
/// P(X > x) for the fitted lognormal; x in seconds.
double lognormal_survival(const LognormalFit& fit, double x_seconds);
/// Share of ALL events a watermark drops: late.fraction × P(lateness > watermark), 0..1.
double watermark_drop_fraction(const model::LateArrivals& late, util::Duration watermark);

/// Aggregate processing capacity, events/s: nodes × node_throughput, where `nodes: auto`
/// holds the always-on cluster sized for the peak of `data` (model/sizing.hpp).
double capacity_per_second(const model::Infrastructure& infra, const model::Data& data);
/// Nodes behind capacity_per_second.
int cluster_nodes(const model::Infrastructure& infra, const model::Data& data);
/// Arrival rate at the diurnal peak, events/s: volume × peak_to_mean.
double peak_rate_per_second(const model::Data& data);
/// Per-trigger overhead of micro-batch on its held cluster (seconds):
/// infrastructure.micro_batch_overhead (default 5 s).
double micro_batch_overhead_seconds(const model::Infrastructure& infra);
/// Processing time of one micro-batch at the peak (seconds): overhead + the events of one
/// trigger at the peak rate over the cluster's capacity.
double micro_batch_processing_seconds(const model::Data& data, const model::Infrastructure& infra,
                                      double trigger_seconds);

/// The micro-batch trigger the advisor suggests for an SLA.
struct TriggerChoice {
    util::Duration trigger;           ///< the suggested trigger
    double processing_seconds = 0.0;  ///< processing time of one peak batch
    double worst_lag_seconds = 0.0;   ///< trigger + processing
    bool fits = false;                ///< worst lag ≤ SLA and processing keeps up with the trigger
};
/// The longest candidate trigger whose worst-case lag fits `sla` and whose peak batch is
/// processed within the trigger (no backlog); otherwise the 30 s fallback with fits = false.
TriggerChoice suggest_trigger(util::Duration sla, const model::Data& data,
                              const model::Infrastructure& infra);

/// Worst-case time from a failure until processing is back, for one architecture.
struct RecoveryEstimate {
    double detection_seconds = 0.0;  ///< maturity detection, plus the night without on-call
    double repair_seconds = 0.0;     ///< rollback, plus checkpoint repair for stateful streaming
    double restart_seconds = 0.0;    ///< cluster start-up of an always-held job
    double restore_seconds = 0.0;    ///< state restore and replay since the last checkpoint
    double rebuild_seconds = 0.0;    ///< state rebuild from the log after checkpoint corruption
    double wait_seconds = 0.0;       ///< data waiting for the next run (batch schedule, trigger)
    /// Sum of the parts: how old unprocessed data can get before it is read again (seconds).
    double total_seconds() const {
        return detection_seconds + repair_seconds + restart_seconds + restore_seconds + rebuild_seconds +
               wait_seconds;
    }
};
/// Event time the state of a use case covers (seconds): its window, else its history (or
/// the retention) for full_history, else k_default_state_window_seconds.
double state_horizon_seconds(const model::UseCase& use_case, const model::Infrastructure& infra);
/// Analytic worst case, following the simulator's failure model: detection (plus the night
/// when there is no on-call) and repair by maturity; for always-held jobs the restart; for
/// streaming the state restore and the replay since the last checkpoint; for stateful
/// streaming a corrupted checkpoint (repair doubled without a runbook, and the state's event
/// time replayed from the log); for batch and micro-batch the wait for the next run.
RecoveryEstimate worst_case_recovery(model::Architecture architecture, const model::UseCase& use_case,
                                     const model::Team& team, const model::Infrastructure& infra);

/// True for simple_streaming and full_streaming.
bool is_streaming(model::Architecture architecture);
/// The simulated mode an architecture runs as: "batch", "micro_batch" or "streaming"
/// (hybrid has no single mode and yields "").
std::string_view simulated_mode(model::Architecture architecture);

}  // namespace pipeadvise::advisor
