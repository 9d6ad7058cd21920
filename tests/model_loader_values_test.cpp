#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "model_loader_support.hpp"
#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/model/yaml_tree.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "workload_file.hpp"

using namespace pipeadvise;
using namespace pipeadvise::model;
using test::load_workload_file;
using util::Duration;
using namespace loader_test;

TEST_CASE("values past sane bounds are errors", "[loader]") {
    CHECK_THAT(
        only_error(with("infrastructure:\n  nodes: 0\n")),
        Catch::Contains("infrastructure.nodes: must be a whole number of at least 1 (got 0; e.g. 10)"));
    CHECK_THAT(only_error(with("infrastructure:\n  nodes: -2\n")),
               Catch::Contains("must be a whole number of at least 1 (got -2; e.g. 10)"));
    CHECK_THAT(only_error(with("infrastructure:\n  nodes: 100001\n")),
               Catch::Contains("must be a whole number of at most 100000 (got 100001; e.g. 10)"));
    CHECK(load_ok(with("infrastructure:\n  nodes: 100000\n")).infrastructure.nodes == 100000);
    CHECK_FALSE(load_ok(with("infrastructure:\n  nodes: auto\n  brokers: auto\n")).infrastructure.nodes);
    CHECK(load_ok(with("infrastructure:\n  target_utilisation: 0.5\n")).infrastructure.target_utilisation ==
          0.5);
    CHECK_THAT(only_error(with("simulation:\n  horizon: 0s\n")),
               Catch::Contains("must be greater than zero"));
    CHECK_THAT(only_error(with("simulation:\n  horizon: 3651d\n")),
               Catch::Contains("too long (at most 10y)"));
    CHECK(load_ok(with("simulation:\n  horizon: 10y\n")).simulation.horizon == days(3650));
    CHECK_THAT(
        only_error(with("simulation:\n  replications: 0\n")),
        Catch::Contains("simulation.replications: must be a whole number of at least 1 (got 0; e.g. 10)"));
    CHECK_THAT(only_error(with("simulation:\n  replications: 1001\n")),
               Catch::Contains("must be a whole number of at most 1000 (got 1001; e.g. 10)"));
    CHECK(load_ok(with("simulation:\n  seed: 18446744073709551615\n")).simulation.seed ==
          18446744073709551615ULL);
    CHECK_THAT(only_error(with("simulation:\n  seed: 18446744073709551616\n")), Catch::Contains("too large"));
    CHECK_THAT(
        only_error(with("simulation:\n  seed: -1\n")),
        Catch::Contains(
            "simulation.seed: must be a whole number from 0 to 18446744073709551615 (got '-1'; e.g. 1)"));
    CHECK_THAT(
        only_error(replace(k_minimal, "  volume: 10M/day\n", "  volume: 10M/day\n  peak_to_mean: 0.5\n")),
        Catch::Contains("data.peak_to_mean: must be a number between 1 and 1000 (got 0.5; e.g. 3)"));
    CHECK_THAT(only_error(with("simulation:\n  failures:\n    checkpoint_corruption_probability: 1.01\n")),
               Catch::Contains("must be a number between 0 and 1 (got 1.01; e.g. 0.01)"));
    CHECK_THAT(only_error(with("simulation:\n  failures:\n    node_mtbf: 0s\n")),
               Catch::Contains("greater than zero"));
    CHECK_THAT(only_error(replace(k_minimal, "version: 1", "version: 2")),
               Catch::Contains("unsupported version '2' (this format is version 1; write version: 1)"));
}

TEST_CASE("late arrivals: fraction in [0,1], p50 and p99 stated and ordered", "[loader]") {
    auto late = [](const std::string& body) {
        return replace(k_minimal, "  volume: 10M/day\n", "  volume: 10M/day\n  late_arrivals:\n" + body);
    };
    Workload w = load_ok(late("    fraction: 0.1\n    p50: 1m\n    p99: 2h\n"));
    CHECK(w.use_cases[0].data.late_arrivals.fraction == Approx(0.1));
    CHECK_THAT(only_error(late("    fraction: 0.1\n    p50: 2h\n    p99: 1m\n")),
               Catch::Contains("13:5: error: data.late_arrivals.p99 (1m) must not be less than p50 (2h)"));
    CHECK_THAT(only_error(late("    fraction: 0.1\n    p50: 1m\n")),
               Catch::Contains("10:3: error: missing required key 'p99' in 'data.late_arrivals'"));
    CHECK_THAT(only_error(late("    p50: 1m\n    p99: 2m\n")),
               Catch::Contains("missing required key 'fraction'"));
    CHECK_THAT(only_error(late("    fraction: -0.1\n    p50: 1m\n    p99: 2m\n")),
               Catch::Contains("must be a number between 0 and 1 (got -0.1; e.g. 0.02)"));
    CHECK_THAT(only_error(late("    fraction: 0.1\n    p50: 0s\n    p99: 2m\n")),
               Catch::Contains("p50: must be greater than zero when fraction is above 0"));
    CHECK(load_ok(late("    fraction: 0\n")).use_cases[0].data.late_arrivals.fraction == 0.0);
}

TEST_CASE("enums accept only their spellings and suggest the closest", "[loader]") {
    CHECK(load_ok(with("infrastructure:\n  state_store: memory\n")).infrastructure.state_store ==
          StateStore::memory);
    CHECK(load_ok(with("simulation:\n  granularity: event\n")).simulation.granularity == Granularity::event);
    CHECK(load_ok(with("proposal:\n  sink: database\n")).proposal.sink == Sink::database);
    CHECK_THAT(only_error(with("proposal:\n  architecture: streaming\n")),
               Catch::Contains("unknown value 'streaming'") &&
                   Catch::Contains("expected one of batch, micro_batch"));
    CHECK_THAT(only_error(with("proposal:\n  architecture: micro-batch\n")),
               Catch::Contains("did you mean 'micro_batch'?"));
    CHECK_THAT(only_error(with("infrastructure:\n  state_store: rocksbd\n")),
               Catch::Contains("did you mean 'rocksdb'?"));
    CHECK_THAT(only_error(with("simulation:\n  granularity: automatic\n")),
               Catch::Contains("unknown value 'automatic'"));
}

TEST_CASE("computation.emit reads window_end or on_update and suggests the closest", "[loader]") {
    auto emit = [](const std::string& value) {
        std::string text = k_minimal;
        const std::string key = "  stateful: false\n";
        text.replace(text.find(key), key.size(), "  stateful: true\n  emit: " + value + "\n");
        return text;
    };
    CHECK(load_ok(emit("on_update")).use_cases[0].computation.emit == EmitMode::on_update);
    CHECK(load_ok(emit("window_end")).use_cases[0].computation.emit == EmitMode::window_end);
    CHECK(to_string(EmitMode::on_update) == "on_update");
    CHECK(to_string(EmitMode::window_end) == "window_end");
    CHECK(only_error(emit("on_updates")) ==
          "7:9: error: computation.emit: unknown value 'on_updates'; did you mean 'on_update'? "
          "(expected one of window_end, on_update)");
    CHECK_THAT(only_error(emit("per_event")), Catch::Contains("unknown value 'per_event'"));
}

TEST_CASE("waivers need an id, a reason and a real expiry date", "[loader]") {
    auto waiver = [](const std::string& body) { return with("proposal:\n  waivers:\n    - " + body); };
    Workload w = load_ok(waiver("id: a\n      reason: b\n      expires: 2024-02-29\n"));
    CHECK(w.proposal.waivers.at(0).expires == util::Date{2024, 2, 29});
    CHECK_THAT(only_error(waiver("id: a\n      reason: b\n      expires: 2027-02-29\n")),
               Catch::Contains("invalid date '2027-02-29'"));
    CHECK_THAT(only_error(waiver("id: a\n      reason: b\n      expires: next year\n")),
               Catch::Contains("invalid date"));
    CHECK_THAT(only_error(waiver("id: a\n      expires: 2027-01-01\n")),
               Catch::Contains("14:7: error: missing required key 'reason' in 'proposal.waivers[0]'"));
    CHECK_THAT(only_error(waiver("id: a\n      reason: b\n")),
               Catch::Contains("missing required key 'expires'"));
    CHECK_THAT(only_error(waiver("id: a\n      reason: \"\"\n      expires: 2027-01-01\n")),
               Catch::Contains("must not be empty"));
}

TEST_CASE("failures: none, drills and the horizon", "[loader]") {
    CHECK_FALSE(load_ok(with("simulation:\n  failures: none\n")).simulation.failures.enabled);
    CHECK_THAT(only_error(with("simulation:\n  failures: \"none\"\n")),
               Catch::Contains("expected a mapping or 'none'"));
    Workload w = load_ok(
        with("simulation:\n  horizon: 3d\n  failures:\n    drills:\n      - at: 0s\n        outage: 1h\n"
             "      - {at: 2d, outage: 1d}\n"));
    REQUIRE(w.simulation.failures.drills.size() == 2);
    CHECK(w.simulation.failures.drills[1].outage == days(1));
    CHECK(w.locations.at("simulation.failures.drills[1].at").line == 18);
    CHECK_THAT(
        only_error(with(
            "simulation:\n  horizon: 3d\n  failures:\n    drills:\n      - at: 3d\n        outage: 1h\n")),
        Catch::Contains(
            "16:9: error: simulation.failures.drills[0].at (3d) is outside the simulated horizon (3d)"));
    CHECK_THAT(
        only_error(with(
            "simulation:\n  horizon: 3d\n  failures:\n    drills:\n      - at: 2d\n        outage: 2d\n")),
        Catch::Contains("past the simulated horizon"));
    CHECK_THAT(only_error(with("simulation:\n  failures:\n    drills:\n      - at: 1d\n")),
               Catch::Contains("missing required key 'outage'"));
    CHECK_THAT(
        only_error(with("simulation:\n  failures:\n    drills:\n      - at: 1d\n        outage: 0s\n")),
        Catch::Contains("outage: must be greater than zero"));
}

TEST_CASE("yaml-cpp leniencies are rejected by the loader itself", "[loader]") {
    CHECK(only_error(replace(k_minimal, "  sla: 30s\n", "  sla: 30s\n  sla: 1m\n")) ==
          "5:3: error: duplicate key 'sla' (first defined at 4:3)");
    CHECK_THAT(only_error(k_minimal + "---\nname: b\n"),
               Catch::Contains("12:1: error: a second YAML document"));
    CHECK_THAT(only_error(k_minimal + "...\n---\n"), Catch::Contains("a second YAML document"));
    CHECK(load_ok("---\n" + k_minimal + "...\n").name == "minimal");
    CHECK_THAT(only_error("a: &x [*x]\n"), Catch::Contains("alias cycle"));
    CHECK_THAT(only_error("a: &x {b: *x}\n"), Catch::Contains("alias cycle"));
    std::string deep = "a: ";
    for (int i = 0; i < 40; ++i) deep += "[";
    for (int i = 0; i < 40; ++i) deep += "]";
    CHECK_THAT(only_error(deep + "\n"), Catch::Contains("nesting is too deep"));
    std::string very_deep = "a: ";
    for (int i = 0; i < 100000; ++i) very_deep += "[";
    CHECK_THAT(only_error(very_deep + "\n"), Catch::Contains("nesting is too deep"));
    // an alias may not smuggle depth past the limit either
    std::string nested = "x: &n ";
    for (int i = 0; i < 20; ++i) nested += "[";
    for (int i = 0; i < 20; ++i) nested += "]";
    CHECK_THAT(only_error(nested + "\ny: [[[[[[[[[[[[[[[[*n]]]]]]]]]]]]]]]]\n"),
               Catch::Contains("nesting is too deep"));
    CHECK_THAT(only_error(replace(k_minimal, "sla: 30s", "sla: \"30s")),
               Catch::Contains("unterminated quoted string"));
    CHECK_THAT(only_error(replace(k_minimal, "sla: 30s", "sla: '30s")),
               Catch::Contains("unterminated quoted string"));
    CHECK_THAT(only_error(""), Catch::Contains("1:1: error: empty workload"));
    CHECK_THAT(only_error("# only a comment\n"), Catch::Contains("empty workload"));
    CHECK_THAT(only_error("---\n"), Catch::Contains("empty workload"));
    CHECK_THAT(only_error("a: [1, 2\n"), Catch::Contains("YAML syntax error"));
    CHECK_THAT(only_error("42\n"), Catch::Contains("must be a mapping of keys, got '42'"));
}

TEST_CASE("aliases to small shared parts are fine; alias bombs are stopped early", "[loader]") {
    Workload w = load_ok(
        "version: 1\nname: a\nlatency: &lat\n  sla: 1m\ncomputation: {stateful: false}\n"
        "data: {bounded: false, volume: 1/s}\nteam: {maturity: low}\n"
        "simulation:\n  failures:\n    drills:\n      - &d {at: 1h, outage: 1m}\n      - *d\n");
    CHECK(w.simulation.failures.drills.size() == 2);
    std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int k = 0; k < 10; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(i - 1);
        bomb += "]\n";
    }
    CHECK_THAT(only_error(bomb), Catch::Contains("past 100000 nodes"));
}

TEST_CASE("every error of a file is reported in one run, in file order", "[loader]") {
    std::string text = replace(k_minimal, "sla: 30s", "sla: 30x");
    text = replace(text, "stateful: false", "stateful: yes");
    text = replace(text, "maturity: medium", "maturity: meduim");
    text += "infrastructure:\n  nodes: 0\n  brokers: 0\n  retention: -1d\n";
    auto errors = load_errors(text);
    REQUIRE(errors.size() == 6);
    CHECK_THAT(errors[0], Catch::StartsWith("4:8:"));
    CHECK_THAT(errors[1], Catch::StartsWith("6:13:"));
    CHECK_THAT(errors[2], Catch::StartsWith("11:13:"));
    CHECK_THAT(errors[3], Catch::StartsWith("13:10:"));
    CHECK_THAT(errors[4], Catch::StartsWith("14:12:"));
    CHECK_THAT(errors[5], Catch::StartsWith("15:14:"));
}
