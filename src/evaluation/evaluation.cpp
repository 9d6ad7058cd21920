#include "pipeadvise/evaluation/evaluation.hpp"

#include <algorithm>

#include "pipeadvise/pipeline/memo.hpp"

namespace pipeadvise::evaluation {

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
    // Batch is the yardstick of spec §1 question 5: without a feasible batch run there is no
    // honest ratio, and an infeasible mode is not priced against one that can run (spec §8).
    const auto batch = simulation.modes.find(pipeline::Mode::batch);
    if (batch == simulation.modes.end() || !batch->second.feasible) return costs;
    const double batch_total = costs.at(pipeline::Mode::batch).monthly_usd.total;
    for (auto& [mode, c] : costs) {
        if (!simulation.modes.at(mode).feasible) continue;
        c.multiplier_vs_batch = batch_total > 0.0 ? c.monthly_usd.total / batch_total : 1.0;
    }
    return costs;
}

namespace {

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
    // An infeasible mode has no cost to compare and no lag to quote: it is left out, with
    // the reason, so the advisor neither prices nor chooses it.
    for (const auto& [mode, c] : costs) {
        const pipeline::ModeResult& r = simulation.modes.at(mode);
        const std::string name(pipeline::to_string(mode));
        if (!r.feasible) {
            facts.infeasible[name] = {r.infeasible_because, r.fix_key};
            continue;
        }
        facts.monthly_cost_usd[name] = c.monthly_usd.total;
        facts.lag_p99_seconds[name] = r.lag.p99;
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

    // A candidate the configuration search has already simulated (the stated interval and the
    // ladder rung equal to it, a bisection step met twice) is taken from the memo.
    pipeline::SimulateOptions simulate_options = options.simulate_options;
    if (options.simulate && options.share_simulations && !simulate_options.memo) {
        simulate_options.memo = std::make_shared<pipeline::SimulationMemo>();
    }

    // Simulate first, advise second: the advisor prefers simulated facts (costs, lag, drops,
    // recovery) over its analytic estimates, which it falls back to under --no-simulate.
    for (const model::UseCase& use_case : workload.use_cases) {
        UseCaseEvaluation uc;
        uc.name = use_case.name;
        if (options.simulate) {
            // Each mode is simulated at its configuration: the file's, else the search's.
            const model::Workload effective = model::with_overrides(workload, use_case);
            uc.simulation =
                simulate_configured_modes(effective, use_case, simulate_options, uc.configurations);
            uc.costs = cost_modes(effective, use_case, *uc.simulation, uc.configurations);
            advice_options.facts.push_back(facts_of(*uc.simulation, uc.costs, uc.configurations));
        }
        out.use_cases.push_back(std::move(uc));
    }
    out.advice = advisor::advise(workload, advice_options);
    // The platform needs each use case's layer, which the advice gives; the advice then quotes
    // the platform's multiplier, so it is asked once more with it (a pure, cheap function).
    out.platform = platform_cost(workload, out.advice, out.use_cases);
    if (out.platform) {
        advice_options.platform = advisor::AdviceOptions::PlatformFacts{out.platform->monthly_usd.total,
                                                                        out.platform->multiplier_vs_all_batch,
                                                                        out.platform->infeasible_because};
        out.advice = advisor::advise(workload, advice_options);
    }
    return out;
}

}  // namespace pipeadvise::evaluation
