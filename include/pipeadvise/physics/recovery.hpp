#pragma once

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/util/units.hpp"

/// Restore, replay and rebuild after a failure, and the analytic worst case built from
/// them. The simulator applies the same functions per failure; the advisor quotes the worst
/// case, so its prose and the simulated recovery follow one model.
namespace pipeadvise::physics {

/// Bandwidth at which one node restores checkpointed state, bytes/s (100 MiB/s): each node
/// downloads its share of the state from object storage in parallel (documented default,
/// docs/simulation-model.md "Failures, detection and repair").
inline constexpr double k_restore_bytes_per_second_per_node = 100.0 * 1024 * 1024;
/// Event time a stateful computation's state covers when it states no window and is not
/// full_history, seconds; also the default tumbling window (docs/simulation-model.md:
/// `computation.window` defaults to 1 min), so a rebuild estimate is never zero.
inline constexpr double k_default_state_window_seconds = 60.0;

/// Event time the state of a use case covers: its window, else its history (or the
/// retention) for full_history, else k_default_state_window_seconds. A rebuild replays it.
util::Duration state_horizon(const model::UseCase& use_case, const model::Infrastructure& infra);
/// state_horizon in seconds.
double state_horizon_seconds(const model::UseCase& use_case, const model::Infrastructure& infra);
/// Time to restore `state_bytes` of checkpointed state on `nodes` nodes in parallel, seconds.
double state_restore_seconds(double state_bytes, int nodes);
/// Time to replay what arrived since the last checkpoint, seconds: the elapsed share of the
/// checkpoint interval times the utilisation (rate over capacity, at most 1).
double checkpoint_replay_seconds(double since_checkpoint_seconds, double rate, double capacity);
/// Time to rebuild state by replaying `replay_seconds` of events arriving at `rate` with
/// `capacity` events/s, seconds (infinite without capacity).
double rebuild_seconds(double rate, double replay_seconds, double capacity);

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
/// Analytic worst case, following the simulator's failure model: detection (plus the night
/// when there is no on-call) and repair by maturity; for always-held jobs the restart; for
/// streaming the state restore and the replay of a whole checkpoint interval at the peak;
/// for stateful streaming a corrupted checkpoint (repair doubled without a runbook, and the
/// state's event time replayed from the log); for batch and micro-batch the wait for the
/// next run. Unstated team items count as present, as in the simulator.
RecoveryEstimate worst_case_recovery(model::Architecture architecture, const model::UseCase& use_case,
                                     const model::Team& team, const model::Infrastructure& infra);

}  // namespace pipeadvise::physics
