#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeadvise/advisor/advisor.hpp"
#include "pipeadvise/cost/cost.hpp"
#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/pipeline/result.hpp"
#include "pipeadvise/pipeline/simulate.hpp"

/// Ties the arrows together: advise, simulate each mode, cost each mode, refine the advice
/// with simulated numbers. Pure over its inputs.
namespace pipeadvise::evaluation {

struct Sensitivity;  // evaluation/sensitivity.hpp

/// Cost of one mode with its multiplier over batch.
struct ModeCost {
    cost::CostBreakdown monthly_usd;
    /// Total over batch's total; absent when batch was not simulated (no baseline exists).
    std::optional<double> multiplier_vs_batch;
};

/// Simulation and cost of one use case.
struct UseCaseEvaluation {
    std::string name;
    std::optional<pipeline::SimulationResult> simulation;  ///< absent with --no-simulate
    std::map<pipeline::Mode, ModeCost> costs;              ///< per simulated mode
};

/// Everything `evaluate` (and `check`) reports about one file.
struct Evaluation {
    const model::Workload* workload = nullptr;  ///< not owned; outlives the evaluation
    advisor::Advice advice;
    std::vector<UseCaseEvaluation> use_cases;  ///< parallel to workload->use_cases
    /// Tornado and SLA flip points, when requested (evaluate --sensitivity, report).
    std::shared_ptr<const Sensitivity> sensitivity;
};

struct EvaluateOptions {
    advisor::Context context = advisor::Context::evaluate;
    util::Date today;
    bool simulate = true;
    pipeline::SimulateOptions simulate_options;
};

/// Evaluates one workload (advice, simulation, cost).
Evaluation evaluate(const model::Workload& workload, const EvaluateOptions& options);

}  // namespace pipeadvise::evaluation
