#include "pipeadvise/evaluation/evaluation.hpp"

#include <algorithm>

namespace pipeadvise::evaluation {

namespace {

/// Costs every simulated mode and its multiplier over batch (1.0 when batch was not run).
std::map<pipeline::Mode, ModeCost> cost_modes(const model::Workload& workload, const model::UseCase& use_case,
                                              const pipeline::SimulationResult& simulation,
                                              const std::vector<ModeConfiguration>& configurations) {
    std::map<pipeline::Mode, ModeCost> costs;
    for (const auto& [mode, result] : simulation.modes) {
        // Each mode is costed on the configuration it was simulated at.
        model::Workload configured = workload;
        for (const ModeConfiguration& c : configurations) {
            if (c.mode != mode || !c.interval_seconds) continue;
            const auto d = util::Duration::from_seconds(*c.interval_seconds);
            if (mode == pipeline::Mode::batch) configured.infrastructure.batch_schedule = d;
            if (mode == pipeline::Mode::micro_batch) configured.infrastructure.micro_batch_trigger = d;
        }
        costs[mode].monthly_usd = cost::monthly_cost(configured, use_case, result);
    }
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
                                 const std::map<pipeline::Mode, ModeCost>& costs,
                                 const std::vector<ModeConfiguration>& configurations) {
    advisor::SimulatedFacts facts;
    for (const ModeConfiguration& c : configurations) {
        advisor::ConfigurationFacts f;
        f.interval_seconds = c.interval_seconds;
        f.nodes = c.nodes;
        f.brokers = c.brokers;
        f.stated = c.stated;
        f.sla_attainment = c.sla_attainment;
        f.target = c.target;
        f.meeting_interval_seconds = c.meeting_interval_seconds;
        f.best_interval_seconds = c.best_interval_seconds;
        f.best_attainment = c.best_attainment;
        facts.configurations[std::string(pipeline::to_string(c.mode))] = f;
    }
    for (const auto& [mode, c] : costs)
        facts.monthly_cost_usd[std::string(pipeline::to_string(mode))] = c.monthly_usd.total;
    for (const auto& [mode, r] : simulation.modes) {
        facts.lag_p99_seconds[std::string(pipeline::to_string(mode))] = r.lag.p99;
    }
    if (auto it = simulation.modes.find(pipeline::Mode::streaming); it != simulation.modes.end()) {
        const pipeline::ModeResult& s = it->second;
        facts.watermark_drop_fraction = s.late_events_dropped_fraction;
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

    for (const model::UseCase& use_case : workload.use_cases) {
        UseCaseEvaluation uc;
        uc.name = use_case.name;
        if (options.simulate) {
            // Each mode is simulated at its configuration: the file's, else the search's.
            const model::Workload effective = model::with_overrides(workload, use_case);
            uc.simulation =
                simulate_configured_modes(effective, use_case, options.simulate_options, uc.configurations);
            uc.costs = cost_modes(effective, use_case, *uc.simulation, uc.configurations);
            advice_options.facts.push_back(facts_of(*uc.simulation, uc.costs, uc.configurations));
        }
        out.use_cases.push_back(std::move(uc));
    }
    out.advice = advisor::advise(workload, advice_options);
    return out;
}

}  // namespace pipeadvise::evaluation
