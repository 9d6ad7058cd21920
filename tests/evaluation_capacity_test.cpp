#include <catch2/catch.hpp>

#include <algorithm>

#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/util/units.hpp"
#include "workload_file.hpp"

using namespace pipeadvise;
using pipeline::Mode;

namespace {

// A short, quiet simulation: the figures under test are the cost model's, not sampling noise.
const char* const k_base = R"(version: 1
name: capacity
latency:
  sla: 30s
  verified_with_stakeholders: true
  decision: page someone
computation:
  stateful: false
data:
  bounded: false
  volume: 1M/day
team:
  maturity: medium
simulation:
  horizon: 2d
  replications: 2
  failures: none
)";

model::Workload load(const std::string& text, const std::vector<model::Override>& overrides = {}) {
    auto r = model::load_workload_text(text, "capacity.yaml", overrides);
    if (!r.workload) {
        for (const auto& e : r.errors) INFO(e.message);
        FAIL("workload does not load");
    }
    return std::move(*r.workload);
}

evaluation::Evaluation evaluate(const model::Workload& w) {
    return evaluation::evaluate(w, {});
}

}  // namespace

TEST_CASE("compute grows with volume under nodes: auto and stays fixed with stated nodes", "[capacity]") {
    double auto_low = 0, auto_high = 0, fixed_low = 0, fixed_high = 0;
    int nodes_low = 0, nodes_high = 0;
    for (const char* volume : {"1M/day", "2B/day"}) {
        const auto a = load(k_base, {{"data.volume", volume}});
        const auto ea = evaluate(a);
        const auto& s = ea.use_cases[0].simulation->modes.at(Mode::streaming);
        const double compute = ea.use_cases[0].costs.at(Mode::streaming).monthly_usd.compute;
        const auto f = load(k_base, {{"data.volume", volume}, {"infrastructure.nodes", "10"}});
        const auto ef = evaluate(f);
        const double fixed = ef.use_cases[0].costs.at(Mode::streaming).monthly_usd.compute;
        CHECK(ef.use_cases[0].simulation->modes.at(Mode::streaming).nodes.nodes == 10);
        if (std::string(volume) == "1M/day") {
            auto_low = compute, fixed_low = fixed, nodes_low = s.nodes.nodes;
        } else {
            auto_high = compute, fixed_high = fixed, nodes_high = s.nodes.nodes;
        }
    }
    CHECK(nodes_low == 2);
    CHECK(nodes_high == 14);
    CHECK(auto_high == Approx(auto_low * 7.0).epsilon(0.01));  // 14 nodes against 2, always on
    CHECK(auto_low == Approx(2 * 720 * 0.192).epsilon(0.01));
    CHECK(fixed_high == Approx(fixed_low).epsilon(0.001));
    CHECK(fixed_low == Approx(10 * 720 * 0.192).epsilon(0.01));
}

TEST_CASE("an in-memory state store that cannot hold its state is infeasible, with its fix", "[capacity]") {
    const auto w = load(k_base, {{"computation.stateful", "true"},
                                 {"computation.kind", "windowed_aggregation"},
                                 {"computation.state_size", "400GiB"},
                                 {"computation.window", "1h"},
                                 {"infrastructure.state_store", "memory"},
                                 {"infrastructure.nodes", "4"},
                                 {"infrastructure.node_memory", "16GiB"}});
    const auto e = evaluate(w);
    const auto& streaming = e.use_cases[0].simulation->modes.at(Mode::streaming);
    CHECK_FALSE(streaming.feasible);
    CHECK_THAT(streaming.infeasible_because, Catch::Contains("state_store: rocksdb"));
    CHECK_THAT(streaming.infeasible_because, Catch::Contains("25 nodes of 16GiB"));
    CHECK(streaming.fix_key == "infrastructure.state_store");
    // No multiplier for the mode that cannot run, and none quoted by the advice.
    CHECK_FALSE(e.use_cases[0].costs.at(Mode::streaming).multiplier_vs_batch);
    CHECK(e.use_cases[0].costs.at(Mode::batch).multiplier_vs_batch == Approx(1.0));
    CHECK_FALSE(e.advice.recommendation.cost_multiplier_vs_batch);
    // The headline says why the recommended mode cannot run, not "relax the SLA".
    CHECK_THAT(e.advice.recommendation.headline,
               Catch::StartsWith("full_streaming on 4 nodes cannot run as configured: "));
    CHECK_THAT(e.advice.recommendation.headline, Catch::Contains("state_store: rocksdb"));
    const auto& findings = e.advice.findings;
    const auto infeasible = std::find_if(findings.begin(), findings.end(),
                                         [](const advisor::Finding& f) { return f.id == "mode-infeasible"; });
    REQUIRE(infeasible != findings.end());
    CHECK(infeasible->path == "infrastructure.state_store");
    CHECK_THAT(infeasible->message, Catch::Contains("rocksdb"));
    const auto oom = std::find_if(findings.begin(), findings.end(),
                                  [](const advisor::Finding& f) { return f.id == "state-store-oom"; });
    REQUIRE(oom != findings.end());
    CHECK_THAT(oom->message, Catch::Contains("25 nodes of 16GiB"));

    // With nodes: auto the cluster is sized to hold the state: feasible, and paid in compute.
    const auto sized = load(k_base, {{"computation.stateful", "true"},
                                     {"computation.kind", "windowed_aggregation"},
                                     {"computation.state_size", "400GiB"},
                                     {"computation.window", "1h"},
                                     {"infrastructure.state_store", "memory"},
                                     {"infrastructure.node_memory", "16GiB"}});
    const auto es = evaluate(sized);
    const auto& s = es.use_cases[0].simulation->modes.at(Mode::streaming);
    CHECK(s.feasible);
    CHECK(s.nodes.nodes == 25);
    CHECK(es.use_cases[0].costs.at(Mode::streaming).multiplier_vs_batch);
}

TEST_CASE("an infeasible mode is left out of the choice when another mode meets the target", "[capacity]") {
    // 50 s SLA: the streaming branch, but the in-memory state cannot fit 4 stated nodes (an OOM
    // loop), while micro-batch keeps no state in memory between triggers and meets the SLA.
    const auto w = load(k_base, {{"latency.sla", "50s"},
                                 {"computation.stateful", "true"},
                                 {"computation.kind", "windowed_aggregation"},
                                 {"computation.state_size", "400GiB"},
                                 {"computation.window", "1h"},
                                 {"computation.emit", "on_update"},
                                 {"infrastructure.state_store", "memory"},
                                 {"infrastructure.nodes", "4"},
                                 {"infrastructure.node_memory", "16GiB"},
                                 {"infrastructure.micro_batch_trigger", "auto"}});
    const auto e = evaluate(w);
    CHECK_FALSE(e.use_cases[0].simulation->modes.at(Mode::streaming).feasible);
    const auto& rec = e.advice.recommendation;
    CHECK(rec.architecture == model::Architecture::micro_batch);
    CHECK(rec.moved_from_infeasible == "streaming");
    REQUIRE(rec.configuration);
    CHECK(rec.configuration->meets_target());
    const auto& latency = e.advice.questions.front();
    CHECK_THAT(latency.answer, Catch::EndsWith("→ micro_batch (full_streaming cannot run as configured)"));
    CHECK_THAT(latency.reason, Catch::Contains("until infrastructure.state_store is fixed"));

    // With nothing else meeting the target (a 30 s SLA), the answer stays and says why.
    const auto tight = load(k_base, {{"computation.stateful", "true"},
                                     {"computation.kind", "windowed_aggregation"},
                                     {"computation.state_size", "400GiB"},
                                     {"computation.window", "1h"},
                                     {"computation.emit", "on_update"},
                                     {"infrastructure.state_store", "memory"},
                                     {"infrastructure.nodes", "4"},
                                     {"infrastructure.node_memory", "16GiB"}});
    const auto et = evaluate(tight);
    CHECK(et.advice.recommendation.architecture == model::Architecture::full_streaming);
    CHECK(et.advice.recommendation.moved_from_infeasible.empty());
}

TEST_CASE("a 30-day lookback costs batch at least 10x a 1-day one", "[capacity]") {
    auto cost_of = [](const char* window) {
        const auto w = load(k_base, {{"latency.sla", "1d"},
                                     {"computation.stateful", "true"},
                                     {"computation.kind", "windowed_aggregation"},
                                     {"computation.window", window},
                                     {"data.volume", "100M/day"},
                                     {"infrastructure.batch_schedule", "1d"},
                                     {"simulation.horizon", "8d"}});
        const auto e = evaluate(w);
        return e.use_cases[0].costs.at(Mode::batch).monthly_usd;
    };
    const auto one = cost_of("1d");
    const auto thirty = cost_of("30d");
    CHECK(thirty.compute >= 10.0 * one.compute);
    // The lake keeps the 30 days the runs re-read (retention is 7 days).
    CHECK(thirty.storage == Approx(one.storage * 30.0 / 7.0).epsilon(0.01));
}

TEST_CASE("a hybrid platform counts its log once and its parts sum to its total", "[capacity]") {
    const auto w = test::load_workload_file(
        std::string(PIPEADVISE_SOURCE_DIR) + "/scenarios/hybrid-payments-platform.yaml",
        {{"simulation.replications", "2"}, {"simulation.horizon", "2d"}});
    const auto e = evaluate(w);
    REQUIRE(e.platform);
    const auto& p = *e.platform;
    const auto& c = p.monthly_usd;
    CHECK(c.compute + c.infrastructure + c.storage + c.engineering == Approx(c.total));
    const auto& b = p.all_batch_monthly_usd;
    CHECK(b.compute + b.infrastructure + b.storage + b.engineering == Approx(b.total));
    // Three consumers of one payments stream: one log of 6 stated brokers, paid once.
    CHECK(p.log_streams == 1);
    CHECK(p.log.brokers == 6);
    CHECK(c.infrastructure == Approx(6 * 720 * 0.21));
    double per_use_case_brokers = 0;
    for (const auto& uc : e.use_cases)
        per_use_case_brokers += uc.costs.at(Mode::streaming).monthly_usd.infrastructure;
    CHECK(per_use_case_brokers == Approx(3 * c.infrastructure));
    // One always-on cluster of the stated 12 nodes for the two continuous use cases.
    CHECK(p.continuous.size() == 2);
    CHECK(p.periodic.size() == 1);
    CHECK(p.continuous_nodes.nodes == 12);
    REQUIRE(p.multiplier_vs_all_batch);
    CHECK(*p.multiplier_vs_all_batch == Approx(c.total / b.total));
    // The hybrid summary quotes it.
    REQUIRE(e.advice.recommendation.cost_multiplier_vs_batch);
    CHECK(*e.advice.recommendation.cost_multiplier_vs_batch == Approx(*p.multiplier_vs_all_batch));
    CHECK_THAT(e.advice.recommendation.summary, Catch::Contains("The shared platform (one ingestion log"));
    CHECK_THAT(e.advice.recommendation.summary, Catch::Contains(util::format_money(c.total) + " a month"));
}

TEST_CASE("a daily peak above a stated cluster is a finding with the backlog the simulation shows",
          "[capacity]") {
    // 1M/day is 11.6/s on average and 23.1/s at the peak (peak_to_mean 2) against 1 node × 20/s.
    const auto w = load(k_base, {{"infrastructure.nodes", "1"},
                                 {"infrastructure.node_throughput", "20/s"},
                                 {"simulation.arrivals", "diurnal"}});
    const auto e = evaluate(w);
    const auto& s = e.use_cases[0].simulation->modes.at(Mode::streaming);
    REQUIRE(s.peak_backlog_events);
    REQUIRE(s.peak_drain_seconds);
    const auto finding = std::find_if(e.advice.findings.begin(), e.advice.findings.end(),
                                      [](const auto& f) { return f.id == "peak-exceeds-capacity"; });
    REQUIRE(finding != e.advice.findings.end());
    INFO(finding->message);
    // "... to about 12.3k events that take 1h 2m to drain": the same fluid backlog as the simulated
    // one (the simulation tabulates the daily shape, so the last digits may differ).
    const auto at = finding->message.find("to about ");
    REQUIRE(at != std::string::npos);
    const double thousands = std::stod(finding->message.substr(at + 9));
    CHECK(finding->message.substr(at + 9).find("k events that take ") != std::string::npos);
    CHECK(thousands * 1000.0 == Approx(*s.peak_backlog_events).epsilon(0.01));
    CHECK(finding->message.find("to drain") != std::string::npos);
    CHECK(*s.peak_drain_seconds > 0.0);
}
