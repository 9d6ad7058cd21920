#pragma once

#include <array>

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/pipeline/result.hpp"

/// Monthly cost of each mode (spec §5 "Cost"); every default is in docs/cost-model.md.
namespace pipeadvise::cost {

/// USD per month, by part; parts add up to `total`.
struct CostBreakdown {
    double compute = 0, infrastructure = 0, storage = 0, engineering = 0, total = 0;
    /// p5–p95 of the total across replications (incidents make engineering uncertain).
    std::array<double, 2> total_p5_p95{0, 0};
};

/// Monthly cost of one simulated mode of a use case.
CostBreakdown monthly_cost(const model::Workload& workload, const model::UseCase& use_case,
                           const pipeline::ModeResult& result);

}  // namespace pipeadvise::cost
