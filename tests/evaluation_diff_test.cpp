#include <catch2/catch.hpp>

#include "pipeadvise/evaluation/diff.hpp"

using namespace pipeadvise;
using pipeline::Mode;

namespace {

advisor::Finding finding(std::string id, std::string path, std::string use_case = {}) {
    advisor::Finding f;
    f.id = std::move(id);
    f.path = std::move(path);
    f.use_case = std::move(use_case);
    f.severity = advisor::Severity::warning;
    return f;
}

/// An evaluation with one use case, costs per mode (total = compute for simplicity) and lags.
evaluation::Evaluation evaluation_of(model::Architecture a, std::map<Mode, double> compute,
                                     std::map<Mode, double> lag_p95, std::vector<advisor::Finding> findings) {
    evaluation::Evaluation e;
    e.advice.recommendation.architecture = a;
    advisor::UseCaseAdvice uca;
    uca.recommendation.architecture = a;
    e.advice.use_cases.push_back(uca);
    e.advice.findings = std::move(findings);
    evaluation::UseCaseEvaluation uc;
    pipeline::SimulationResult sim;
    for (const auto& [mode, usd] : compute) {
        evaluation::ModeCost c;
        c.monthly_usd.compute = usd;
        c.monthly_usd.engineering = 100;
        c.monthly_usd.total = usd + 100;
        uc.costs[mode] = c;
        pipeline::ModeResult r;
        r.mode = mode;
        r.lag.p95 = lag_p95[mode];
        r.lag.p99 = 2 * lag_p95[mode];
        sim.modes[mode] = r;
    }
    uc.simulation = sim;
    e.use_cases.push_back(uc);
    return e;
}

}  // namespace

TEST_CASE("diff reports cost and lag deltas per mode and part", "[diff]") {
    using A = model::Architecture;
    const auto before = evaluation_of(A::batch, {{Mode::batch, 4020}, {Mode::streaming, 8000}},
                                      {{Mode::batch, 3600}, {Mode::streaming, 1}}, {});
    const auto after = evaluation_of(A::simple_streaming, {{Mode::batch, 4020}, {Mode::streaming, 4930}},
                                     {{Mode::batch, 1800}, {Mode::streaming, 2}}, {});
    const auto d = evaluation::diff(before, after);
    CHECK(d.recommendation_changed());
    CHECK(d.old_architecture == A::batch);
    CHECK(d.new_architecture == A::simple_streaming);
    // Recommended architecture: batch at $4,120 before, streaming at $5,030 after.
    CHECK(*d.recommended_monthly_usd.before == Approx(4120));
    CHECK(*d.recommended_monthly_usd.after == Approx(5030));
    CHECK(*d.recommended_monthly_usd.delta() == Approx(910));
    CHECK(*d.recommended_monthly_usd.percent() == Approx(100.0 * 910 / 4120));

    REQUIRE(d.modes.size() == 2);
    CHECK(d.modes[0].mode == Mode::batch);
    CHECK(*d.modes[0].total.delta() == Approx(0));
    CHECK(*d.modes[0].lag_p95.percent() == Approx(-50));
    CHECK(*d.modes[0].lag_p99.after == Approx(3600));
    CHECK(d.modes[1].mode == Mode::streaming);
    CHECK(*d.modes[1].compute.delta() == Approx(-3070));
    CHECK(*d.modes[1].engineering.delta() == Approx(0));
}

TEST_CASE("diff matches findings by id, path and use case", "[diff]") {
    using A = model::Architecture;
    const auto before =
        evaluation_of(A::batch, {}, {},
                      {finding("sla-not-verified", "latency"), finding("no-dlq", "proposal", "a"),
                       finding("no-dlq", "proposal", "b")});
    const auto after =
        evaluation_of(A::batch, {}, {},
                      {finding("sla-not-verified", "latency"), finding("no-dlq", "proposal", "b"),
                       finding("no-dlq", "proposal.dead_letter_queue", "a")});
    const auto d = evaluation::diff(before, after);
    CHECK_FALSE(d.recommendation_changed());
    REQUIRE(d.findings_added.size() == 1);
    CHECK(d.findings_added[0].path == "proposal.dead_letter_queue");
    REQUIRE(d.findings_removed.size() == 1);
    CHECK(d.findings_removed[0].use_case == "a");
    CHECK(d.findings_removed[0].path == "proposal");
    CHECK(d.modes.empty());
    CHECK_FALSE(d.recommended_monthly_usd.before);  // not simulated: no cost to compare
}

TEST_CASE("a mode missing on one side has no delta", "[diff]") {
    using A = model::Architecture;
    const auto before = evaluation_of(A::batch, {{Mode::batch, 100}}, {{Mode::batch, 10}}, {});
    const auto after = evaluation_of(A::batch, {{Mode::batch, 100}, {Mode::micro_batch, 300}},
                                     {{Mode::batch, 10}, {Mode::micro_batch, 5}}, {});
    const auto d = evaluation::diff(before, after);
    REQUIRE(d.modes.size() == 2);
    CHECK_FALSE(d.modes[1].total.before);
    CHECK(*d.modes[1].total.after == Approx(400));
    CHECK_FALSE(d.modes[1].total.delta());
    CHECK_FALSE(d.modes[1].total.percent());
}

TEST_CASE("architectures map to simulated modes", "[diff]") {
    CHECK(evaluation::mode_of(model::Architecture::full_streaming) == Mode::streaming);
    CHECK(evaluation::mode_of(model::Architecture::simple_streaming) == Mode::streaming);
    CHECK(evaluation::mode_of(model::Architecture::micro_batch) == Mode::micro_batch);
    CHECK(evaluation::mode_of(model::Architecture::batch) == Mode::batch);
    CHECK_FALSE(evaluation::mode_of(model::Architecture::hybrid));
}
