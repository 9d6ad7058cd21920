#pragma once

#include <array>

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/util/units.hpp"

/// Capacity and run-time arithmetic of the reference pipeline: how fast the cluster
/// processes, how fast data arrives at the peak, how long a micro-batch takes, which
/// trigger fits an SLA. The advisor explains with these, the simulator plans with them.
namespace pipeadvise::physics {

/// Micro-batch triggers the advisor suggests, longest first (seconds): the spec's ladder
/// (§1, question 1: 30 s, 1, 2 or 5 minutes).
inline constexpr std::array<int, 4> k_trigger_candidates_seconds{300, 120, 60, 30};
/// Trigger suggested when none of the candidates fits the SLA (seconds): the shortest rung.
inline constexpr int k_fallback_trigger_seconds = 30;

/// Nodes behind capacity_per_second: the stated count, or under `nodes: auto` the always-on
/// cluster sized for the peak of `data` (model/sizing.hpp).
int cluster_nodes(const model::Infrastructure& infra, const model::Data& data);
/// Aggregate processing capacity, events/s: cluster_nodes × node_throughput.
double capacity_per_second(const model::Infrastructure& infra, const model::Data& data);
/// Arrival rate at the diurnal peak, events/s: volume × peak_to_mean.
double peak_rate_per_second(const model::Data& data);
/// Per-trigger overhead of micro-batch on its held cluster (seconds):
/// infrastructure.micro_batch_overhead (default 5 s).
double micro_batch_overhead_seconds(const model::Infrastructure& infra);
/// Processing time of one micro-batch at the peak (seconds): overhead + the events of one
/// trigger at the peak rate over the cluster's capacity; infinite without capacity.
double micro_batch_processing_seconds(const model::Data& data, const model::Infrastructure& infra,
                                      double trigger_seconds);

/// The micro-batch trigger suggested for an SLA.
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

/// Bytes of raw events kept for `retention_seconds`: volume × retention × event size.
double retained_bytes(const model::Data& data, double retention_seconds);

}  // namespace pipeadvise::physics
