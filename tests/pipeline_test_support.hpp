#pragma once

#include <cstdint>

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/pipeline/simulate.hpp"

// Workloads built directly in C++ for the pipeline tests (no YAML involved).
namespace pipeadvise::test {

inline util::Duration seconds(double s) {
    return util::Duration{static_cast<std::int64_t>(s * 1e9 + 0.5)};
}

/// One stateless use case, one node, failures off, every event simulated.
inline model::Workload queue_workload(double lambda, double mu, int nodes, double horizon_seconds,
                                      int replications) {
    model::Workload w;
    w.name = "validation";
    w.simulation.horizon = seconds(horizon_seconds);
    w.simulation.replications = replications;
    w.simulation.seed = 1;
    w.simulation.arrivals = model::ArrivalProcess::poisson;
    w.simulation.service = model::ServiceDistribution::exponential;
    w.simulation.granularity = model::Granularity::event;
    w.simulation.failures.enabled = false;
    // The queueing validation cases of spec §6 hold with the fixed stage latencies off.
    w.simulation.fixed_latencies = false;
    w.infrastructure.nodes = nodes;
    w.infrastructure.node_throughput = mu;
    model::UseCase uc;
    uc.name = "validation";
    uc.latency.sla = seconds(60);
    uc.computation.stateful = false;
    uc.data.bounded = false;
    uc.data.volume_per_second = lambda;
    w.use_cases.push_back(uc);
    return w;
}

/// Failures on but with no random failure (drills only unless rates are set).
inline void quiet_failures(model::Workload& w) {
    w.simulation.failures.enabled = true;
    w.simulation.failures.node_mtbf = util::Duration{0};
    w.simulation.failures.bad_deploy_every = util::Duration{0};
    w.simulation.failures.checkpoint_corruption_probability = 0.0;
}

inline pipeline::SimulateOptions only(pipeline::Mode m, unsigned threads = 2) {
    pipeline::SimulateOptions o;
    o.modes = {m};
    o.threads = threads;
    return o;
}

}  // namespace pipeadvise::test
