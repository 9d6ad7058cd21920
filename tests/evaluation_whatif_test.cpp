#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "pipeadvise/evaluation/whatif.hpp"
#include "pipeadvise/util/diagnostic.hpp"

using namespace pipeadvise;
using evaluation::BreakEven;
using evaluation::SweepDimension;
using pipeline::Mode;

namespace {

std::string reference_text() {
    std::ifstream in(std::string(PIPEADVISE_SOURCE_DIR) + "/scenarios/reference-10m-per-day.yaml");
    REQUIRE(in);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

evaluation::WhatifRow row(std::vector<model::Override> settings, model::Architecture a, double batch,
                          double streaming) {
    evaluation::WhatifRow r;
    r.settings = std::move(settings);
    r.recommendation = a;
    r.monthly_cost_usd[Mode::batch] = batch;
    r.monthly_cost_usd[Mode::streaming] = streaming;
    return r;
}

}  // namespace

TEST_CASE("expand_grid is row-major with the last dimension fastest", "[whatif]") {
    const auto grid = evaluation::expand_grid({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
    REQUIRE(grid.size() == 6);
    std::vector<std::string> seen;
    for (const auto& p : grid) {
        CHECK(p.index == seen.size());
        REQUIRE(p.settings.size() == 2);
        CHECK(p.settings[0].key == "a");
        seen.push_back(p.settings[0].value + p.settings[1].value);
    }
    CHECK(seen == std::vector<std::string>{"1x", "1y", "1z", "2x", "2y", "2z"});
    CHECK(evaluation::expand_grid({}).size() == 1);  // no dimension: the workload itself
}

TEST_CASE("shards partition the grid for every shard count", "[whatif]") {
    const auto grid = evaluation::expand_grid({{"a", {"1", "2", "3", "4", "5", "6", "7"}}});
    for (std::size_t n = 1; n <= 9; ++n) {
        std::vector<std::size_t> all;
        for (std::size_t i = 1; i <= n; ++i) {
            const auto shard = evaluation::shard_grid(grid, i, n);
            CHECK(shard.size() >= grid.size() / n);
            CHECK(shard.size() <= grid.size() / n + 1);
            for (const auto& p : shard) all.push_back(p.index);
        }
        // Contiguous slices in order: concatenation is the grid itself.
        std::vector<std::size_t> expected(grid.size());
        for (std::size_t k = 0; k < expected.size(); ++k) expected[k] = k;
        CHECK(all == expected);
    }
    CHECK_THROWS_AS(evaluation::shard_grid(grid, 0, 3), util::Error);
    CHECK_THROWS_AS(evaluation::shard_grid(grid, 4, 3), util::Error);
}

TEST_CASE("shard and set arguments parse strictly", "[whatif]") {
    CHECK(evaluation::parse_shard("2/4") == std::pair<std::size_t, std::size_t>{2, 4});
    for (const char* bad : {"0/3", "4/3", "1/0", "x", "1/", "/3", "1/3/4", "-1/3", "1.5/3"}) {
        INFO(bad);
        try {
            evaluation::parse_shard(bad);
            FAIL("accepted");
        } catch (const util::Error& e) {
            CHECK(e.kind() == util::Error::Kind::usage);
            CHECK(e.exit_code() == 2);
        }
    }
    const auto d = evaluation::parse_dimension("data.volume=1M/day,10M/day");
    CHECK(d.key == "data.volume");
    CHECK(d.values == std::vector<std::string>{"1M/day", "10M/day"});
    CHECK_THROWS_AS(evaluation::parse_dimension("data.volume"), util::Error);
    CHECK_THROWS_AS(evaluation::parse_dimension("data.volume=1,,2"), util::Error);
    CHECK_THROWS_AS(evaluation::parse_dimension("data.volume=1,1"), util::Error);
}

TEST_CASE("break-even finds recommendation flips and cost crossings per dimension", "[whatif]") {
    const std::vector<SweepDimension> dims{{"data.volume", {"1M/day", "10M/day", "100M/day"}},
                                           {"infrastructure.nodes", {"5", "10"}}};
    using A = model::Architecture;
    std::vector<evaluation::WhatifRow> rows{
        row({{"data.volume", "1M/day"}, {"infrastructure.nodes", "5"}}, A::batch, 1000, 5000),
        row({{"data.volume", "1M/day"}, {"infrastructure.nodes", "10"}}, A::batch, 1000, 8000),
        row({{"data.volume", "10M/day"}, {"infrastructure.nodes", "5"}}, A::batch, 3000, 5000),
        row({{"data.volume", "10M/day"}, {"infrastructure.nodes", "10"}}, A::batch, 3000, 8000),
        row({{"data.volume", "100M/day"}, {"infrastructure.nodes", "5"}}, A::micro_batch, 7000, 5000),
        row({{"data.volume", "100M/day"}, {"infrastructure.nodes", "10"}}, A::batch, 9000, 8000),
    };
    const auto lines = evaluation::break_even(dims, rows);
    std::vector<const BreakEven*> flips, crossings;
    for (const auto& b : lines) (b.kind == BreakEven::Kind::recommendation ? flips : crossings).push_back(&b);
    REQUIRE(flips.size() == 2);
    // Along data.volume with 5 nodes: batch -> micro_batch between 10M/day and 100M/day.
    CHECK(flips[0]->dimension == "data.volume");
    CHECK(flips[0]->from_value == "10M/day");
    CHECK(flips[0]->to_value == "100M/day");
    CHECK(flips[0]->before == A::batch);
    CHECK(flips[0]->after == A::micro_batch);
    REQUIRE(flips[0]->fixed.size() == 1);
    CHECK(flips[0]->fixed[0].value == "5");
    // Along nodes with 100M/day: micro_batch -> batch between 5 and 10.
    CHECK(flips[1]->dimension == "infrastructure.nodes");
    CHECK(flips[1]->before == A::micro_batch);

    REQUIRE(crossings.size() == 2);  // streaming becomes cheaper than batch, at 5 and at 10 nodes
    for (const auto* c : crossings) {
        CHECK(c->dimension == "data.volume");
        CHECK(c->first == Mode::batch);
        CHECK(c->second == Mode::streaming);
        CHECK(c->from_value == "10M/day");
        REQUIRE(c->estimate);
    }
    // 5 nodes: batch - streaming goes -2000 -> +2000, so halfway: 55M/day.
    CHECK(*crossings[0]->estimate == "55M/day");
    // 10 nodes: -5000 -> +1000: 10 + 90 * 5/6 = 85M/day.
    CHECK(*crossings[1]->estimate == "85M/day");
    // A shard missing a neighbour gives no line for that pair.
    rows.erase(rows.begin() + 4);
    for (const auto& b : evaluation::break_even(dims, rows)) CHECK(b.fixed[0].value != "5");
}

TEST_CASE("run_whatif results do not depend on --jobs and follow grid order", "[whatif][simulation]") {
    const auto text = reference_text();
    const auto grid = evaluation::expand_grid(
        {{"latency.sla", {"10s", "2m", "1h"}}, {"infrastructure.node_hour_usd", {"0.25", "0.5"}}});
    evaluation::EvaluateOptions options;
    const std::vector<model::Override> fast{{"simulation.replications", "1"}, {"simulation.horizon", "1d"}};
    std::vector<std::size_t> progress_seen;
    const auto one = evaluation::run_whatif(text, "reference.yaml", grid, options, 1, {}, fast);
    const auto three = evaluation::run_whatif(
        text, "reference.yaml", grid, options, 3,
        [&](std::size_t done, std::size_t) { progress_seen.push_back(done); }, fast);
    REQUIRE(one.size() == 6);
    REQUIRE(three.size() == 6);
    CHECK(progress_seen.back() == 6);
    CHECK(std::is_sorted(progress_seen.begin(), progress_seen.end()));
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(one[i].settings[0].value == grid[i].settings[0].value);
        CHECK(one[i].recommendation == three[i].recommendation);
        CHECK(one[i].monthly_cost_usd == three[i].monthly_cost_usd);
        CHECK(one[i].lag_p95_seconds == three[i].lag_p95_seconds);
        CHECK(one[i].sla_attainment == three[i].sla_attainment);
    }
    CHECK(one[0].recommendation == model::Architecture::simple_streaming);
    CHECK(one[2].recommendation == model::Architecture::micro_batch);
    CHECK(one[4].recommendation == model::Architecture::batch);
    // The node price moves compute only: twice the price, twice the compute difference.
    const double streaming_delta =
        one[1].monthly_cost_usd.at(Mode::streaming) - one[0].monthly_cost_usd.at(Mode::streaming);
    CHECK(streaming_delta == Approx(10 * 720 * 0.25).epsilon(1e-6));
}

TEST_CASE("run_whatif reports a bad key with the loader's did-you-mean before simulating", "[whatif]") {
    const auto grid = evaluation::expand_grid({{"data.volumee", {"1M/day"}}});
    try {
        evaluation::run_whatif(reference_text(), "reference.yaml", grid, {}, 2);
        FAIL("accepted");
    } catch (const util::Error& e) {
        CHECK(e.exit_code() == 2);
        REQUIRE_FALSE(e.diagnostics().empty());
        CHECK(e.diagnostics()[0].message.find("did you mean 'volume'") != std::string::npos);
    }
}

namespace {

// Rows with sharing on and off are the same numbers, to the bit (== on every double).
void check_same_rows(const std::vector<evaluation::WhatifRow>& shared,
                     const std::vector<evaluation::WhatifRow>& alone) {
    REQUIRE(shared.size() == alone.size());
    for (std::size_t i = 0; i < shared.size(); ++i) {
        INFO("point " << i);
        CHECK(shared[i].recommendation == alone[i].recommendation);
        CHECK(shared[i].monthly_cost_usd == alone[i].monthly_cost_usd);
        CHECK(shared[i].lag_p95_seconds == alone[i].lag_p95_seconds);
        CHECK(shared[i].sla_attainment == alone[i].sla_attainment);
    }
}

}  // namespace

TEST_CASE("grid rows are identical with and without shared simulations", "[whatif][simulation]") {
    const auto text = reference_text();
    const std::vector<model::Override> fast{{"simulation.replications", "2"}, {"simulation.horizon", "2d"}};
    evaluation::EvaluateOptions shared;
    evaluation::EvaluateOptions alone;
    alone.share_simulations = false;
    // One grid per key class: the volume (changes every plan), the SLA (changes no plan, only
    // what counts as met), the cluster (changes the sizing) and a price (changes no plan).
    const std::vector<std::vector<SweepDimension>> grids{
        {{"data.volume", {"2M/day", "10M/day", "50M/day"}}, {"latency.sla", {"30s", "5m"}}},
        {{"latency.sla", {"10s", "1m", "2m", "10m", "1h", "1d"}}},
        {{"infrastructure.nodes", {"2", "4", "8"}}, {"latency.sla", {"1m", "1h"}}},
        {{"infrastructure.node_hour_usd", {"0.1", "0.4"}},
         {"infrastructure.storage_gb_month_usd", {"0.02", "0.05"}}},
    };
    for (const auto& dimensions : grids) {
        INFO("grid on " << dimensions.front().key);
        const auto grid = evaluation::expand_grid(dimensions);
        const auto without = evaluation::run_whatif(text, "reference.yaml", grid, alone, 1, {}, fast);
        // Shared simulations run as tasks on whichever thread helps: the rows are the same
        // bytes for every thread count, with and without sharing.
        for (const unsigned jobs : {1u, 2u, 4u}) {
            INFO("--jobs " << jobs);
            const auto with = evaluation::run_whatif(text, "reference.yaml", grid, shared, jobs, {}, fast);
            check_same_rows(with, without);
            check_same_rows(evaluation::run_whatif(text, "reference.yaml", grid, alone, jobs, {}, fast),
                            without);
        }
        // A grid over the SLA alone is not one answer repeated: the attainment moves with it.
        if (dimensions.front().key == "latency.sla") {
            CHECK(without.front().sla_attainment.at(Mode::batch) <
                  without.back().sla_attainment.at(Mode::batch));
        }
    }
}
