#pragma once

// Hand-built inputs for the HTML report: a card-fraud style workload with realistic simulated
// figures, a sensitivity result and a two-key what-if sweep. The report is a pure function of
// these structs, so they stand in for a full evaluation.

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/evaluation/sensitivity.hpp"
#include "pipeadvise/evaluation/whatif.hpp"
#include "pipeadvise/render/html.hpp"

namespace html_fixtures {

using namespace pipeadvise;

/// Lag histogram with log-spaced bins (upper bounds 0.1 s × 2^k) following a lognormal with the
/// given median (seconds) and shape; shares sum to 1.
inline std::vector<std::array<double, 2>> lognormal_histogram(double median, double sigma) {
    std::vector<std::array<double, 2>> bins;
    double previous = 0;
    for (int k = 0; k < 26; ++k) {
        const double bound = 0.1 * std::pow(2.0, k);
        const double cdf = 0.5 * std::erfc(-(std::log(bound) - std::log(median)) / (sigma * std::sqrt(2.0)));
        if (cdf - previous > 1e-6) bins.push_back({bound, cdf - previous});
        previous = cdf;
    }
    double total = 0;
    for (const auto& b : bins) total += b[1];
    for (auto& b : bins) b[1] /= total;
    return bins;
}

inline pipeline::ModeResult mode_result(pipeline::Mode mode, double p50, double p95, double p99, double mean,
                                        double max, double attainment, double rec_mean, double rec_p95,
                                        std::int64_t failures, double sigma) {
    pipeline::ModeResult r;
    r.mode = mode;
    r.lag = {mean, p50, p95, p99, max, std::array<double, 2>{mean * 0.98, mean * 1.02}};
    r.sla_attainment = attainment;
    r.recovery = {rec_mean, rec_p95, failures};
    r.lag_histogram = lognormal_histogram(p50, sigma);
    return r;
}

inline evaluation::ModeCost mode_cost(double compute, double infrastructure, double storage,
                                      double engineering, double batch_total) {
    evaluation::ModeCost c;
    c.monthly_usd.compute = compute;
    c.monthly_usd.infrastructure = infrastructure;
    c.monthly_usd.storage = storage;
    c.monthly_usd.engineering = engineering;
    c.monthly_usd.total = compute + infrastructure + storage + engineering;
    c.monthly_usd.total_p5_p95 = {c.monthly_usd.total - 0.6 * engineering * 0.3,
                                  c.monthly_usd.total + engineering * 0.35};
    c.multiplier_vs_batch = c.monthly_usd.total / batch_total;
    return c;
}

inline model::UseCase use_case(std::string name, double sla_seconds, bool stateful, std::string path = "") {
    model::UseCase uc;
    uc.name = std::move(name);
    uc.path = std::move(path);
    uc.latency.sla = util::Duration::from_seconds_int(static_cast<std::int64_t>(sla_seconds));
    uc.latency.verified_with_stakeholders = true;
    uc.latency.decision = "block the card before the next authorisation";
    uc.computation.stateful = stateful;
    uc.data.volume_per_second = 10e6 / 86400.0;
    return uc;
}

inline model::Workload workload() {
    model::Workload w;
    w.file = "scenarios/card-fraud-velocity.yaml";
    w.name = "card-fraud-velocity";
    w.description = "Flag cards used more than 5 times in 3 minutes";
    w.use_cases.push_back(use_case(w.name, 30, true));
    return w;
}

inline evaluation::UseCaseEvaluation use_case_evaluation(std::string name, double scale, bool drills) {
    evaluation::UseCaseEvaluation uc;
    uc.name = std::move(name);
    pipeline::SimulationResult sim;
    sim.seed = 1;
    sim.replications = 10;
    sim.horizon_seconds = 7 * 86400.0;
    sim.events_simulated = 1'234'567;
    sim.modes[pipeline::Mode::batch] =
        mode_result(pipeline::Mode::batch, 22800, 43800, 45600, 23400, 46800, 0.0, 7200, 18000, 14, 0.45);
    sim.modes[pipeline::Mode::micro_batch] =
        mode_result(pipeline::Mode::micro_batch, 190, 300, 360, 200, 2400, 0.0, 720, 2100, 15, 0.3);
    sim.modes[pipeline::Mode::streaming] =
        mode_result(pipeline::Mode::streaming, 1.2, 4.5, 18, 2.0, 1500, 0.991, 540, 7800, 16, 0.9);
    if (drills) {
        sim.modes[pipeline::Mode::batch].drills.push_back({172800, 7200, 50400, 0});
        sim.modes[pipeline::Mode::micro_batch].drills.push_back({172800, 7200, 8700, 0});
        sim.modes[pipeline::Mode::streaming].drills.push_back({172800, 7200, 8400, 1200});
    }
    uc.simulation = sim;
    const double batch_total = scale * (600 + 0 + 40 + 800);
    uc.costs[pipeline::Mode::batch] = mode_cost(scale * 600, 0, scale * 40, scale * 800, batch_total);
    uc.costs[pipeline::Mode::micro_batch] =
        mode_cost(scale * 2900, scale * 1080, scale * 60, scale * 1200, batch_total);
    uc.costs[pipeline::Mode::streaming] =
        mode_cost(scale * 3650, scale * 1080, scale * 120, scale * 1400, batch_total);
    return uc;
}

inline std::vector<advisor::Question> questions() {
    return {{"latency", "streaming branch (SLA 30s < 60s)",
             "latency.sla is 30s, verified with stakeholders: block the card before the next authorisation."},
            {"state", "full_streaming (stateful)",
             "computation.stateful is true: a 3m window keeps 20GiB of state."},
            {"boundedness", "unbounded", "data.bounded is false: 10M/day arrive continuously."},
            {"failure", "team ready with gaps",
             "No recovery runbook: checkpoint corruption means a rebuild from the log."},
            {"cost", "4.3× batch", "Streaming costs $6,250 per month against $1,440 for batch."}};
}

/// A single-use-case evaluation with findings (one waived).
struct Single {
    std::unique_ptr<model::Workload> workload = std::make_unique<model::Workload>(html_fixtures::workload());
    evaluation::Evaluation evaluation;

    Single() {
        evaluation.workload = workload.get();
        evaluation.use_cases.push_back(use_case_evaluation(workload->name, 1.0, true));
        advisor::Recommendation& r = evaluation.advice.recommendation;
        r.architecture = model::Architecture::full_streaming;
        r.fallback = model::Architecture::micro_batch;
        r.summary = "Full streaming meets the 30s SLA; micro-batch cannot (p95 5m). It costs 4.3× batch.";
        r.cost_multiplier_vs_batch =
            evaluation.use_cases[0].costs[pipeline::Mode::streaming].multiplier_vs_batch;
        evaluation.advice.questions = questions();
        evaluation.advice.use_cases.push_back({workload->name, "", r, questions()});
        advisor::Finding f1;
        f1.id = "no-recovery-runbook";
        f1.severity = advisor::Severity::warning;
        f1.message =
            "team.recovery_runbook is false: write the checkpoint-corruption runbook before going live.";
        f1.location = {workload->file, 31, 3};
        advisor::Finding f2;
        f2.id = "watermark-too-short";
        f2.severity = advisor::Severity::warning;
        f2.message =
            "proposal.watermark 10m is shorter than the late-arrival p99 2h: 1.8% of events dropped.";
        f2.location = {workload->file, 50, 14};
        f2.suppressed = true;
        f2.suppression_reason = "accepted by the platform team";
        advisor::Finding f3;
        f3.id = "checklist-offset-reset-runbook";
        f3.severity = advisor::Severity::info;
        f3.message = "The file does not say whether a runbook for offset reset exists.";
        f3.location = {workload->file, 41, 1};
        evaluation.advice.findings = {f1, f3, f2};
    }
};

/// A hybrid workload with two use cases (streaming fraud signals, batch finance reporting).
struct Hybrid {
    std::unique_ptr<model::Workload> workload = std::make_unique<model::Workload>();
    evaluation::Evaluation evaluation;

    Hybrid() {
        workload->file = "scenarios/hybrid-payments-platform.yaml";
        workload->name = "hybrid-payments-platform";
        workload->description = "Fraud signals in seconds, finance reporting by morning";
        workload->has_use_cases = true;
        workload->use_cases.push_back(use_case("fraud-signals", 20, false, "use_cases[0]"));
        workload->use_cases.push_back(use_case("finance-reporting", 6 * 3600, false, "use_cases[1]"));
        evaluation.workload = workload.get();
        evaluation.use_cases.push_back(use_case_evaluation("fraud-signals", 1.0, false));
        evaluation.use_cases.push_back(use_case_evaluation("finance-reporting", 0.5, false));
        evaluation.advice.recommendation.architecture = model::Architecture::hybrid;
        evaluation.advice.recommendation.summary =
            "Streaming for fraud signals, batch for finance reporting.";
        evaluation.advice.questions = questions();
        advisor::Recommendation a;
        a.architecture = model::Architecture::simple_streaming;
        a.summary = "Stateless streaming meets the 20s SLA.";
        advisor::Recommendation b;
        b.architecture = model::Architecture::batch;
        b.summary = "A 6h SLA is batch.";
        evaluation.advice.use_cases.push_back({"fraud-signals", "use_cases[0]", a, questions()});
        evaluation.advice.use_cases.push_back({"finance-reporting", "use_cases[1]", b, questions()});
    }
};

inline evaluation::Sensitivity sensitivity() {
    evaluation::Sensitivity s;
    s.base_multiplier = 4.34;
    s.bars = {{"data.volume", 3.1, 5.2},
              {"infrastructure.node_hour_usd", 3.4, 5.0},
              {"infrastructure.engineer_hour_usd", 4.0, 4.7},
              {"infrastructure.broker_hour_usd", 4.1, 4.6},
              {"data.event_size", 4.3, 4.4}};
    s.flip_looser =
        evaluation::SlaFlip{util::Duration::from_seconds_int(60), model::Architecture::micro_batch};
    return s;
}

/// `--set data.volume=1M/day,10M/day,50M/day,100M/day --set infrastructure.nodes=10,20`, with
/// costs and lags from a simple capacity model so the curves have a realistic shape.
inline std::vector<evaluation::WhatifRow> whatif_rows() {
    std::vector<evaluation::WhatifRow> rows;
    const std::vector<std::pair<std::string, double>> volumes{
        {"1M/day", 1e6}, {"10M/day", 1e7}, {"50M/day", 5e7}, {"100M/day", 1e8}};
    for (const auto& [label, per_day] : volumes) {
        for (int nodes : {10, 20}) {
            evaluation::WhatifRow r;
            r.settings = {{"data.volume", label}, {"infrastructure.nodes", std::to_string(nodes)}};
            const double rate = per_day / 86400.0;
            const double capacity = nodes * 5000.0;
            r.recommendation = model::Architecture::full_streaming;
            r.lag_p95_seconds[pipeline::Mode::batch] = 43200 + 180 + per_day / 2 / capacity;
            r.lag_p95_seconds[pipeline::Mode::micro_batch] = 120 + 60 + rate * 120 / capacity;
            r.lag_p95_seconds[pipeline::Mode::streaming] = 1.0 / (1.0 / 0.2 - rate / capacity) + 3;
            r.monthly_cost_usd[pipeline::Mode::batch] = 400 + per_day / 1e6 * 20 + nodes * 8;
            r.monthly_cost_usd[pipeline::Mode::micro_batch] =
                1500 + nodes * 0.5 * 720 * 0.6 + per_day / 1e6 * 5;
            r.monthly_cost_usd[pipeline::Mode::streaming] = 1800 + nodes * 0.5 * 720 + per_day / 1e6 * 6;
            for (auto& [mode, lag] : r.lag_p95_seconds) r.sla_attainment[mode] = lag <= 30 ? 0.99 : 0.0;
            rows.push_back(r);
        }
    }
    // Grid order: the first key varies slowest.
    return rows;
}

}  // namespace html_fixtures
