#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/model/sizing.hpp"

/// What a simulation of the reference pipeline reports (spec §4 `simulation` object).
namespace pipeadvise::pipeline {

enum class Mode { batch, micro_batch, streaming };
/// "batch" | "micro_batch" | "streaming".
std::string_view to_string(Mode m);
inline constexpr std::array<Mode, 3> k_all_modes{Mode::batch, Mode::micro_batch, Mode::streaming};

/// Freshness lag (completion minus event time), seconds, over all replications.
struct LagStats {
    double mean = 0, p50 = 0, p95 = 0, p99 = 0, max = 0;
    /// 95% percentile-bootstrap interval of the mean over replications (never negative, valid
    /// for heavy-tailed, failure-dominated means); none for a single replication.
    std::optional<std::array<double, 2>> mean_ci95;
};

/// Time from a failure until lag is back to normal, seconds.
struct RecoveryStats {
    double mean = 0, p95 = 0;
    std::int64_t failures = 0;            ///< failures over all replications
    std::int64_t automatic_restarts = 0;  ///< of which the engine recovered alone (no human)
};

/// One scripted outage's outcome (averaged over replications).
struct DrillResult {
    double at_seconds = 0, outage_seconds = 0, recovery_seconds = 0;
    std::int64_t events_lost = 0;
};

/// Figures the cost model needs, measured by the simulation (monthly = 30 days).
struct UsageFacts {
    double node_hours_per_month = 0;  ///< node-hours held (ephemeral for batch jobs)
    std::array<double, 2> node_hours_p5_p95{0, 0};
    double incidents_per_month = 0;                               ///< failures needing a human
    std::vector<double> incident_hours_per_month_by_replication;  ///< human hours in incidents
    double state_bytes = 0;                                       ///< checkpoint/state held
};

/// Result of one mode.
struct ModeResult {
    Mode mode = Mode::batch;
    /// The cluster this mode was simulated on (spec §8: sized per mode unless stated).
    model::NodeSizing nodes;
    /// The log this mode reads (micro-batch, streaming; batch reads the lake and holds none).
    std::optional<model::BrokerSizing> brokers;
    /// False when the mode cannot run as configured (spec §8); it is then left out of the
    /// multipliers and the choice. `infeasible_because` says why, citing the workload's values.
    bool feasible = true;
    std::string infeasible_because;
    /// Key to change and the value that fixes an infeasible mode (for the finding).
    std::string fix_key, fix_value;
    LagStats lag;
    double sla_attainment = 0;  ///< share of events with lag <= SLA
    RecoveryStats recovery;
    double late_events_dropped_fraction = 0;  ///< dropped by the watermark, of all events
    std::int64_t events_lost = 0;             ///< lost (retention), mean per replication
    std::vector<DrillResult> drills;
    UsageFacts usage;
    /// When arrivals exceed capacity: backlog growth in events/s (a finding, not a hang).
    std::optional<double> backlog_growth_per_second;
    /// Stable on average but the diurnal peak rate exceeds capacity: the largest backlog the
    /// peak builds (events) and the time from that peak until it has drained (seconds).
    std::optional<double> peak_backlog_events;
    std::optional<double> peak_drain_seconds;
    /// Simulated time per replication for this mode (the horizon, or longer when the horizon
    /// held fewer than 4 batch schedules, triggers or windows: no phantom runs).
    double horizon_seconds = 0;
    bool horizon_extended = false;
    /// Lag histogram for charts: (upper bound seconds, share of events), ascending.
    std::vector<std::array<double, 2>> lag_histogram;
    /// Events that arrived within the horizon, mean per replication.
    double events_per_replication = 0;
    /// Entities simulated in this mode over all replications (groups count once each).
    std::int64_t entities_simulated = 0;
    /// Time-averaged number of events in the streaming system (waiting or in service),
    /// when SimulateOptions::measure_number_in_system is set; mean over replications.
    double mean_number_in_system = 0;
};

/// One point of the `--trace` time series.
struct TracePoint {
    std::string mode;
    double time_seconds = 0;
    double backlog_events = 0;
    double lag_seconds = 0;  ///< mean lag of events completed in the interval
    double throughput_per_second = 0;
};

/// Result of simulating one use case in the requested modes.
struct SimulationResult {
    std::uint64_t seed = 1;
    int replications = 0;
    double horizon_seconds = 0;
    std::int64_t events_simulated = 0;  ///< simulated entities (groups count once each)
    std::map<Mode, ModeResult> modes;
    std::vector<TracePoint> trace;  ///< filled only when requested
};

}  // namespace pipeadvise::pipeline
