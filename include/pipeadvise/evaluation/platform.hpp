#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeadvise/advisor/advisor.hpp"
#include "pipeadvise/cost/cost.hpp"
#include "pipeadvise/model/sizing.hpp"
#include "pipeadvise/pipeline/result.hpp"

/// The shared platform of a file with `use_cases` (spec §8 "Hybrid shares its platform"): one
/// ingestion log, one always-on cluster for the continuous use cases and one batch cluster for
/// the rest, priced in the same parts as a mode.
namespace pipeadvise::evaluation {

struct UseCaseEvaluation;  // evaluation/evaluation.hpp

/// Monthly cost of the platform and of the all-batch platform it is compared with.
struct PlatformCost {
    std::vector<std::string> continuous;  ///< use cases on the always-on layer
    std::vector<std::string> periodic;    ///< use cases on the batch layer
    /// Mode of the always-on layer: streaming when any continuous use case streams, else
    /// micro-batch; absent when every use case is batch.
    std::optional<pipeline::Mode> continuous_mode;
    model::NodeSizing continuous_nodes;  ///< the shared always-on cluster
    double batch_node_hours_per_month = 0;
    /// The one ingestion log (brokers 0 when no use case reads it continuously).
    model::BrokerSizing log;
    int log_streams = 0;  ///< distinct event streams the log carries
    cost::CostBreakdown monthly_usd;
    cost::CostBreakdown all_batch_monthly_usd;
    /// Total over the all-batch total; absent when either cannot run.
    std::optional<double> multiplier_vs_all_batch;
    bool feasible = true;
    std::string infeasible_because;
};

/// The platform of `workload` (a file with use cases whose every use case was simulated), or
/// nothing. `advice` gives each use case's layer.
std::optional<PlatformCost> platform_cost(const model::Workload& workload, const advisor::Advice& advice,
                                          const std::vector<UseCaseEvaluation>& use_cases);

}  // namespace pipeadvise::evaluation
