#include "pipeadvise/advisor/estimates.hpp"

#include <algorithm>
#include <cmath>

namespace pipeadvise::advisor {

BackfillEstimate estimate_backfill(const model::Data& data, double history_seconds,
                                   const model::Infrastructure& infra, bool nodes_stated) {
    BackfillEstimate out;
    out.events = data.volume_per_second * history_seconds;
    out.nodes_stated = nodes_stated;
    const double startup = infra.job_startup.seconds();
    auto duration = [&](int nodes) {
        return startup + out.events / (static_cast<double>(nodes) * infra.node_throughput);
    };
    if (nodes_stated && infra.nodes) {
        out.nodes = std::max(1, *infra.nodes);
    } else {
        // The work is fixed, so node-hours barely change with the node count (only the
        // start-up is paid per node): the fewest nodes that meet the target cost least.
        const double work = out.events / infra.node_throughput;
        const double room = k_backfill_target_seconds - startup;
        const double needed = room > 0.0 ? std::ceil(work / room) : k_backfill_max_nodes;
        out.nodes = static_cast<int>(std::clamp(needed, 1.0, static_cast<double>(k_backfill_max_nodes)));
    }
    out.duration_seconds = duration(out.nodes);
    out.cost_usd = static_cast<double>(out.nodes) * out.duration_seconds / 3600.0 * infra.node_hour_usd;
    return out;
}

bool is_streaming(model::Architecture architecture) {
    return architecture == model::Architecture::simple_streaming ||
           architecture == model::Architecture::full_streaming;
}

std::string_view simulated_mode(model::Architecture architecture) {
    switch (architecture) {
        case model::Architecture::batch:
            return "batch";
        case model::Architecture::micro_batch:
            return "micro_batch";
        case model::Architecture::simple_streaming:
        case model::Architecture::full_streaming:
            return "streaming";
        case model::Architecture::hybrid:
            return "";
    }
    return "";
}

}  // namespace pipeadvise::advisor
