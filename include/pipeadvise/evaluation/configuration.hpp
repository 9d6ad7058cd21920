#pragma once

#include <optional>
#include <vector>

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/pipeline/result.hpp"
#include "pipeadvise/pipeline/simulate.hpp"

/// The configuration search of spec §9: for each simulated mode, the batch schedule or
/// micro-batch trigger (from a ladder) that meets `latency.attainment_target` at the lowest
/// cost, screened with closed forms and confirmed by simulating only the finalists.
namespace pipeadvise::evaluation {

/// Batch schedules the search tries (seconds), longest (cheapest) first: 24h .. 5m.
inline constexpr std::array<int, 10> k_batch_schedule_ladder_seconds{86400, 43200, 21600, 14400, 7200,
                                                                     3600,  1800,  900,   600,   300};
/// Micro-batch triggers the search tries (seconds), longest first (spec §1: 5m, 2m, 1m, 30s).
inline constexpr std::array<int, 4> k_trigger_ladder_seconds{300, 120, 60, 30};

/// The configuration one mode was simulated at, and how it fares against the target.
struct ModeConfiguration {
    pipeline::Mode mode = pipeline::Mode::batch;
    /// Batch schedule or micro-batch trigger simulated, seconds (absent for streaming).
    std::optional<double> interval_seconds;
    int nodes = 0;    ///< processing nodes simulated
    int brokers = 0;  ///< log brokers
    /// The interval is the file's own (stated, or a use case's override) rather than searched.
    bool stated = false;
    double sla_attainment = 0.0;  ///< simulated share of events within the SLA
    double target = 0.99;         ///< latency.attainment_target
    bool meets_target() const { return sla_attainment >= target; }
    /// The longest ladder interval whose simulation meets the target (the search's answer;
    /// for a stated interval, the value that would meet it), when one does.
    std::optional<double> meeting_interval_seconds;
    /// When none meets: the shortest interval simulated and its attainment.
    std::optional<double> best_interval_seconds;
    double best_attainment = 0.0;
    int simulations = 0;  ///< simulations the search ran for this mode
};

/// Analytic share of events within `sla` for a batch schedule: events wait uniformly for the
/// next run and the run takes D = start-up + events of a schedule at the mean rate / capacity,
/// so lag is uniform on [D, H + D] (0 when a run outlasts its schedule). An upper bound of the
/// simulation (no failures, no late arrivals), used only to screen candidates.
double batch_attainment_bound(const model::Workload& workload, const model::UseCase& use_case,
                              double schedule_seconds);
/// The same for a micro-batch trigger T: processing P = overhead + events of one trigger at
/// the peak rate / capacity, lag uniform on [P, T + P] (0 when P > T).
double micro_batch_attainment_bound(const model::Workload& workload, const model::UseCase& use_case,
                                    double trigger_seconds);

/// A simulated mode at its configuration.
struct ConfiguredMode {
    ModeConfiguration configuration;
    pipeline::SimulationResult simulation;  ///< holds this mode only
};

/// Simulates `mode` of one use case at its configuration: the stated interval as stated (and,
/// when it misses the target, the search for the interval that would meet it), else the
/// search's choice. `workload` already carries the use case's overrides (model::with_overrides).
ConfiguredMode simulate_configured(const model::Workload& workload, const model::UseCase& use_case,
                                   pipeline::Mode mode, const pipeline::SimulateOptions& options);

/// All requested modes of one use case, each at its configuration, as one result.
pipeline::SimulationResult simulate_configured_modes(const model::Workload& workload,
                                                     const model::UseCase& use_case,
                                                     const pipeline::SimulateOptions& options,
                                                     std::vector<ModeConfiguration>& configurations);

}  // namespace pipeadvise::evaluation
