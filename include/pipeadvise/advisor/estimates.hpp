#pragma once

#include <string_view>

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/physics/capacity.hpp"
#include "pipeadvise/physics/incidents.hpp"
#include "pipeadvise/physics/lateness.hpp"
#include "pipeadvise/physics/recovery.hpp"

/// The advisor's decision thresholds. Every figure the advisor quotes (capacity, peak rate,
/// trigger fit, watermark drops, worst-case recovery) comes from the analytic model in
/// physics/, the same functions the simulator plans with, so its prose and the simulated
/// numbers cannot drift; the using-declarations below let the advisor name them unqualified.
namespace pipeadvise::advisor {

/// SLA below this (seconds) is the streaming branch (spec §1, question 1).
inline constexpr double k_streaming_sla_below_seconds = 60.0;
/// SLA above this (seconds) is batch; from k_streaming_sla_below_seconds up to this,
/// inclusive, is micro-batch (spec §1, question 1).
inline constexpr double k_batch_sla_above_seconds = 300.0;
/// SLA below this (seconds) must be verified with stakeholders and tied to a decision.
inline constexpr double k_verify_sla_below_seconds = 300.0;
/// SLA below this (seconds) is request-path serving, not a data pipeline (spec §9): a pipeline's
/// own stages (log hop, commit, checkpoint) already take that long.
inline constexpr double k_request_path_sla_below_seconds = 1.0;
/// A watermark dropping more than this share of all events is an error in `check` (spec §9).
inline constexpr double k_max_watermark_drop_fraction = 0.01;
/// A backfill on unstated nodes is sized to finish within this many seconds (12 h: one night,
/// so a replay started after hours is done by the next working day).
inline constexpr double k_backfill_target_seconds = 12.0 * 3600;
/// Most nodes a backfill is sized to (the loader's cap on infrastructure.nodes is higher; past
/// this, the answer says the target is not reached rather than renting a fleet).
inline constexpr int k_backfill_max_nodes = 500;
/// Peak write rate (rows/s) into an operational database above which the advisor warns:
/// an OLTP primary sustains a few thousand single-row writes per second at best, and the
/// pipeline then competes with the application for it.
inline constexpr double k_database_write_rate_threshold = 1000.0;

using physics::capacity_per_second;
using physics::cluster_nodes;
using physics::k_default_state_window_seconds;
using physics::k_fallback_trigger_seconds;
using physics::k_trigger_candidates_seconds;
using physics::peak_rate_per_second;
using physics::RecoveryEstimate;
using physics::state_horizon_seconds;
using physics::suggest_trigger;
using physics::TriggerChoice;
using physics::watermark_drop_fraction;
using physics::worst_case_recovery;

/// A one-off backfill of a bounded workload (spec §9, `recommendation.backfill`).
struct BackfillEstimate {
    double events = 0.0;            ///< volume × history
    double duration_seconds = 0.0;  ///< job start-up + events / (nodes × node_throughput)
    double cost_usd = 0.0;          ///< nodes × duration in hours × node_hour_usd, once
    int nodes = 0;                  ///< stated nodes, else the fewest that finish within the target
    bool nodes_stated = false;      ///< infrastructure.nodes was stated (not sized)
};
/// The backfill of `history` seconds of `data` on `infra`: the stated nodes, or the fewest
/// (up to k_backfill_max_nodes) that finish within k_backfill_target_seconds.
BackfillEstimate estimate_backfill(const model::Data& data, double history_seconds,
                                   const model::Infrastructure& infra, bool nodes_stated);

/// True for simple_streaming and full_streaming.
bool is_streaming(model::Architecture architecture);
/// The simulated mode an architecture runs as: "batch", "micro_batch" or "streaming"
/// (hybrid has no single mode and yields "").
std::string_view simulated_mode(model::Architecture architecture);

}  // namespace pipeadvise::advisor
