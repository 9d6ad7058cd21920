#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeadvise/advisor/advisor.hpp"
#include "pipeadvise/cost/cost.hpp"
#include "pipeadvise/evaluation/configuration.hpp"
#include "pipeadvise/evaluation/platform.hpp"
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
    /// Total over batch's total; absent when this mode or batch is infeasible (spec §8: a mode
    /// that cannot run is not priced against one that can) or batch was not simulated.
    std::optional<double> multiplier_vs_batch;
};

/// Costs every simulated mode and its multiplier over batch (spec §5, §8), each mode on the
/// configuration it was simulated at (`configurations`; the workload's own when empty).
std::map<pipeline::Mode, ModeCost> cost_modes(const model::Workload& workload, const model::UseCase& use_case,
                                              const pipeline::SimulationResult& simulation,
                                              const std::vector<ModeConfiguration>& configurations = {});

/// Simulation and cost of one use case.
struct UseCaseEvaluation {
    std::string name;
    std::optional<pipeline::SimulationResult> simulation;  ///< absent with --no-simulate
    std::map<pipeline::Mode, ModeCost> costs;              ///< per simulated mode
    std::vector<ModeConfiguration> configurations;         ///< per simulated mode (spec §9)
};

/// Everything `evaluate` (and `check`) reports about one file.
struct Evaluation {
    const model::Workload* workload = nullptr;  ///< not owned; outlives the evaluation
    advisor::Advice advice;
    std::vector<UseCaseEvaluation> use_cases;  ///< parallel to workload->use_cases
    /// The shared platform of a file with use cases, when simulated (spec §8).
    std::optional<PlatformCost> platform;
    /// Tornado and SLA flip points, when requested (evaluate --sensitivity, report).
    std::shared_ptr<const Sensitivity> sensitivity;
};

struct EvaluateOptions {
    advisor::Context context = advisor::Context::evaluate;
    util::Date today;
    bool simulate = true;
    pipeline::SimulateOptions simulate_options;
    /// Share simulations between the configuration search's candidates (pipeline::SimulationMemo)
    /// when simulate_options carries no memo of its own. Off only to check the sharing: the
    /// output is the same bytes either way.
    bool share_simulations = true;
};

/// Evaluates one workload (advice, simulation, cost).
Evaluation evaluate(const model::Workload& workload, const EvaluateOptions& options);

}  // namespace pipeadvise::evaluation
