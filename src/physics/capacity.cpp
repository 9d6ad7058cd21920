#include "pipeadvise/physics/capacity.hpp"

#include <limits>

#include "pipeadvise/model/sizing.hpp"

namespace pipeadvise::physics {

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

double retained_bytes(const model::Data& data, double retention_seconds) {
    return data.volume_per_second * retention_seconds * static_cast<double>(data.event_size_bytes);
}

}  // namespace pipeadvise::physics
