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

/// True for simple_streaming and full_streaming.
bool is_streaming(model::Architecture architecture);
/// The simulated mode an architecture runs as: "batch", "micro_batch" or "streaming"
/// (hybrid has no single mode and yields "").
std::string_view simulated_mode(model::Architecture architecture);

}  // namespace pipeadvise::advisor
