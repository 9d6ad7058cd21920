#include "pipeadvise/evaluation/evaluation.hpp"

#include <algorithm>

namespace pipeadvise::evaluation {

namespace {

/// Costs every simulated mode and its multiplier over batch (1.0 when batch was not run).
std::map<pipeline::Mode, ModeCost> cost_modes(const model::Workload& workload, const model::UseCase& use_case,
                                              const pipeline::SimulationResult& simulation) {
    std::map<pipeline::Mode, ModeCost> costs;
    for (const auto& [mode, result] : simulation.modes) {
        costs[mode].monthly_usd = cost::monthly_cost(workload, use_case, result);
    }
    // Batch is the yardstick of spec §1 question 5; without a batch run, or with a batch cost
    // of zero, there is no honest ratio and the multiplier keeps its default.
    const auto batch = costs.find(pipeline::Mode::batch);
    for (auto& [mode, c] : costs) {
        if (batch != costs.end() && batch->second.monthly_usd.total > 0) {
            c.multiplier_vs_batch = c.monthly_usd.total / batch->second.monthly_usd.total;
        }
    }
    return costs;
}

/// The numbers the advisor can use instead of its analytic estimates.
advisor::SimulatedFacts facts_of(const pipeline::SimulationResult& simulation,
                                 const std::map<pipeline::Mode, ModeCost>& costs) {
    advisor::SimulatedFacts facts;
    for (const auto& [mode, c] : costs)
        facts.monthly_cost_usd[std::string(pipeline::to_string(mode))] = c.monthly_usd.total;
    for (const auto& [mode, r] : simulation.modes) {
        facts.lag_p99_seconds[std::string(pipeline::to_string(mode))] = r.lag.p99;
    }
    if (auto it = simulation.modes.find(pipeline::Mode::streaming); it != simulation.modes.end()) {
        const pipeline::ModeResult& s = it->second;
        facts.watermark_drop_fraction = s.late_events_dropped_fraction;
        // Retention must outlast the worst recovery, not the typical one: take the larger of the
        // random failures' p95 and the longest drill, and state it only when something failed.
        double worst = s.recovery.failures > 0 ? s.recovery.p95 : 0.0;
        for (const auto& d : s.drills) worst = std::max(worst, d.recovery_seconds);
        if (s.recovery.failures > 0 || !s.drills.empty()) facts.worst_recovery_seconds = worst;
        facts.streaming_events_lost = static_cast<double>(s.events_lost);
    }
    return facts;
}

}  // namespace

Evaluation evaluate(const model::Workload& workload, const EvaluateOptions& options) {
    Evaluation out;
    out.workload = &workload;
    advisor::AdviceOptions advice_options;
    advice_options.context = options.context;
    advice_options.today = options.today;

    // Simulate first, advise second: the advisor prefers simulated facts (costs, lag, drops,
    // recovery) over its analytic estimates, which it falls back to under --no-simulate.
    for (const model::UseCase& use_case : workload.use_cases) {
        UseCaseEvaluation uc;
        uc.name = use_case.name;
        if (options.simulate) {
            uc.simulation = pipeline::simulate(workload, use_case, options.simulate_options);
            uc.costs = cost_modes(workload, use_case, *uc.simulation);
            advice_options.facts.push_back(facts_of(*uc.simulation, uc.costs));
        }
        out.use_cases.push_back(std::move(uc));
    }
    out.advice = advisor::advise(workload, advice_options);
    return out;
}

}  // namespace pipeadvise::evaluation
