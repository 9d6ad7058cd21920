#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/pipeline/result.hpp"

namespace pipeadvise::pipeline {

class SimulationMemo;  // pipeline/memo.hpp
class TaskPool;        // pipeline/task_pool.hpp

/// Run-time knobs that are not part of the workload.
struct SimulateOptions {
    std::vector<Mode> modes{k_all_modes.begin(), k_all_modes.end()};
    unsigned threads = 0;               ///< 0 = all cores; the result never depends on it
    bool trace = false;                 ///< fill SimulationResult::trace (first replication)
    double trace_interval_seconds = 0;  ///< 0 = horizon / 500
    /// Entities per replication and mode with `granularity: auto`; 0 = the documented
    /// budget (k_entity_budget). Below it every event is simulated on its own.
    std::int64_t max_entities_per_replication = 0;
    /// Measure the time-averaged number of events in the streaming system (Little's law
    /// checks; per-event stateless streaming only). Off by default: it costs a heap per event.
    bool measure_number_in_system = false;
    /// Simulations shared with other calls (what-if points, search candidates); none = each
    /// call simulates alone. Results are the same bytes either way. Not used with `trace`.
    std::shared_ptr<SimulationMemo> memo;
    /// Tasks shared with the calls running side by side (what-if points): this call's
    /// replications go there and `threads` is not used. Results are the same bytes either way.
    std::shared_ptr<TaskPool> pool;
};

/// Simulates one use case of a workload (spec §5). Pure: same inputs, same bytes out.
/// Throws util::Error (kind input) when a cap on events, simulated time or memory would be
/// passed — never a partial result.
SimulationResult simulate(const model::Workload& workload, const model::UseCase& use_case,
                          const SimulateOptions& options = {});

}  // namespace pipeadvise::pipeline
