#include <catch2/catch.hpp>

#include <memory>

#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/evaluation/sensitivity.hpp"
#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/pipeline/memo.hpp"
#include "workload_file.hpp"

using namespace pipeadvise;
using pipeline::Mode;

namespace {

model::Workload reference(const std::vector<model::Override>& overrides = {}) {
    return test::load_workload_file(
        std::string(PIPEADVISE_SOURCE_DIR) + "/scenarios/reference-10m-per-day.yaml", overrides);
}

}  // namespace

TEST_CASE("reference scenario: streaming costs 3x-5x batch through evaluate", "[reference][simulation]") {
    const auto w = reference();
    const auto e = evaluation::evaluate(w, {});
    REQUIRE(e.use_cases.size() == 1);
    const auto& costs = e.use_cases[0].costs;
    const auto& batch = costs.at(Mode::batch).monthly_usd;
    const auto& streaming = costs.at(Mode::streaming).monthly_usd;
    REQUIRE(costs.at(Mode::streaming).multiplier_vs_batch.has_value());
    const double m = *costs.at(Mode::streaming).multiplier_vs_batch;
    CHECK(m >= 3.0);
    CHECK(m <= 5.0);
    CHECK(m == Approx(streaming.total / batch.total));
    // The simulated node-hours follow the scenario's arithmetic: ~2 h runs twice a day.
    const double batch_node_hours =
        e.use_cases[0].simulation->modes.at(Mode::batch).usage.node_hours_per_month;
    CHECK(batch_node_hours == Approx(2 * 30 * 10 * (180 + 5e6 / 710) / 3600).epsilon(0.05));
    CHECK(streaming.compute == Approx(10 * 720 * 0.192).epsilon(0.01));
    CHECK(streaming.infrastructure == Approx(3 * 720 * 0.21));
    // The stated counts stay fixed in every mode.
    for (const auto& [mode, r] : e.use_cases[0].simulation->modes) {
        CHECK(r.nodes.nodes == 10);
        CHECK(r.feasible);
    }
    CHECK(batch.infrastructure == 0.0);
    // The advice states the multiplier the latency gain costs.
    REQUIRE(e.advice.recommendation.cost_multiplier_vs_batch);
    CHECK(*e.advice.recommendation.cost_multiplier_vs_batch == Approx(m));
}

TEST_CASE("sensitivity: SLA flip points come from the advisor", "[sensitivity]") {
    evaluation::EvaluateOptions options;
    {
        // 30 s: streaming; the next answer up is micro-batch at 60 s; nothing below.
        const auto [tighter, looser] = evaluation::sla_flips(reference(), options);
        CHECK_FALSE(tighter);
        REQUIRE(looser);
        CHECK(looser->sla.seconds() == Approx(60.0));
        CHECK(looser->architecture == model::Architecture::micro_batch);
    }
    {
        // 2 min: micro-batch; streaming at 59 s, batch past 5 min.
        const auto [tighter, looser] = evaluation::sla_flips(reference({{"latency.sla", "2m"}}), options);
        REQUIRE(tighter);
        CHECK(tighter->sla.seconds() == Approx(59.0));
        CHECK(tighter->architecture == model::Architecture::simple_streaming);
        REQUIRE(looser);
        CHECK(looser->sla.seconds() == Approx(301.0));
        CHECK(looser->architecture == model::Architecture::batch);
    }
    {
        // Bounded data is batch at any SLA: no flip either way.
        const auto [tighter, looser] = evaluation::sla_flips(reference({{"data.bounded", "true"}}), options);
        CHECK_FALSE(tighter);
        CHECK_FALSE(looser);
    }
}

TEST_CASE("sensitivity: tornado bars move the multiplier the way the cost model says",
          "[sensitivity][simulation]") {
    const auto w = reference({{"simulation.horizon", "1d"}});
    const auto s = evaluation::sensitivity(w, {});
    CHECK(s.replications == evaluation::k_tornado_replications);
    CHECK(s.base_multiplier >= 3.0);
    CHECK(s.base_multiplier <= 5.0);
    // Nodes and brokers are stated, so target_utilisation moves nothing and is left out.
    REQUIRE(s.bars.size() == evaluation::tornado_inputs().size() - 1);
    std::map<std::string, evaluation::TornadoBar> by_input;
    for (const auto& b : s.bars) by_input[b.input] = b;
    CHECK_FALSE(by_input.count("infrastructure.target_utilisation"));
    // Sorted by swing, widest first.
    for (std::size_t i = 1; i < s.bars.size(); ++i) {
        CHECK(std::abs(s.bars[i - 1].multiplier_high - s.bars[i - 1].multiplier_low) >=
              std::abs(s.bars[i].multiplier_high - s.bars[i].multiplier_low));
    }
    // Brokers are paid by streaming only: dearer brokers raise the multiplier.
    CHECK(by_input["infrastructure.broker_hour_usd"].multiplier_high > s.base_multiplier);
    CHECK(by_input["infrastructure.broker_hour_usd"].multiplier_low < s.base_multiplier);
    // Streaming holds its nodes 6x longer than batch, so dearer nodes raise the multiplier.
    CHECK(by_input["infrastructure.node_hour_usd"].multiplier_high > s.base_multiplier);
    // State size 0 stays 0: no swing.
    CHECK(by_input["computation.state_size"].multiplier_low == Approx(s.base_multiplier));
    CHECK(by_input["computation.state_size"].multiplier_high == Approx(s.base_multiplier));
}

TEST_CASE("sensitivity: variants replaying the base's arrivals give the bars of generating them",
          "[sensitivity][simulation]") {
    // The tornado shares one memo: variants that keep the source replay its recorded arrivals.
    // A memo that keeps no recording makes every variant generate its own: the same figures.
    const auto w = reference({{"simulation.horizon", "1d"}});
    const auto shared = evaluation::sensitivity(w, {});
    evaluation::EvaluateOptions generating;
    generating.simulate_options.memo = std::make_shared<pipeline::SimulationMemo>(std::vector<double>{}, 1);
    const auto alone = evaluation::sensitivity(w, generating);
    CHECK(generating.simulate_options.memo->arrival_entities() == 0);
    CHECK(shared.base_multiplier == alone.base_multiplier);
    REQUIRE(shared.bars.size() == alone.bars.size());
    for (std::size_t i = 0; i < shared.bars.size(); ++i) {
        INFO(shared.bars[i].input);
        CHECK(shared.bars[i].input == alone.bars[i].input);
        CHECK(shared.bars[i].multiplier_low == alone.bars[i].multiplier_low);
        CHECK(shared.bars[i].multiplier_high == alone.bars[i].multiplier_high);
    }
}

TEST_CASE("sensitivity: under nodes: auto, volume moves the multiplier", "[sensitivity][simulation]") {
    // Sized clusters follow the load: at 1.5x the volume both modes need more nodes, and the
    // counts themselves are not inputs any more.
    const auto w = reference({{"simulation.horizon", "1d"},
                              {"infrastructure.nodes", "auto"},
                              {"infrastructure.brokers", "auto"},
                              {"data.volume", "2B/day"},
                              {"infrastructure.node_throughput", "5k/s"}});
    const auto s = evaluation::sensitivity(w, {});
    std::map<std::string, evaluation::TornadoBar> by_input;
    for (const auto& b : s.bars) by_input[b.input] = b;
    CHECK_FALSE(by_input.count("infrastructure.nodes"));
    CHECK_FALSE(by_input.count("infrastructure.brokers"));
    REQUIRE(by_input.count("data.volume"));
    CHECK(std::abs(by_input["data.volume"].multiplier_high - by_input["data.volume"].multiplier_low) > 0.05);
    REQUIRE(by_input.count("infrastructure.target_utilisation"));
}
