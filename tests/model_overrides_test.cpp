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

TEST_CASE("overrides replace or create values before validation", "[loader][override]") {
    Workload w = load_ok(k_minimal, {{"latency.sla", "5m"},
                                     {"infrastructure.nodes", "4"},
                                     {"data.volume", "1k/s"},
                                     {"simulation.failures", "none"},
                                     {"proposal.architecture", "micro_batch"}});
    CHECK(w.use_cases[0].latency.sla == minutes(5));
    CHECK(w.use_cases[0].data.volume_per_second == 1000.0);
    CHECK(w.infrastructure.nodes == 4);
    CHECK_FALSE(w.simulation.failures.enabled);
    CHECK(w.proposal.architecture == Architecture::micro_batch);
    CHECK(w.proposal.present);
    // A replaced value keeps the position of the key it replaced.
    CHECK(w.locations.at("latency.sla").line == 4);
    CHECK(w.states("infrastructure.nodes"));
    CHECK(std::find(w.infrastructure.stated.begin(), w.infrastructure.stated.end(), "infrastructure.nodes") !=
          w.infrastructure.stated.end());
    // Later overrides win.
    CHECK(load_ok(k_minimal, {{"latency.sla", "5m"}, {"latency.sla", "7m"}}).use_cases[0].latency.sla ==
          minutes(7));
}

TEST_CASE("overrides reach into use_cases and lists by index", "[loader][override]") {
    auto path = k_good / "use_cases.yaml";
    Workload w = load_workload_file(
        path, {{"use_cases[1].latency.sla", "30m"}, {"use_cases[0].data.volume", "1M/day"}});
    CHECK(w.use_cases[1].latency.sla == minutes(30));
    CHECK(w.use_cases[0].data.volume_per_second == Approx(1e6 / 86400));
    Workload drills =
        load_workload_file(k_good / "full.yaml", {{"simulation.failures.drills[0].outage", "30m"}});
    CHECK(drills.simulation.failures.drills[0].outage == minutes(30));
}

TEST_CASE("bad overrides are errors naming the key", "[loader][override]") {
    CHECK(only_error(k_minimal, {{"data.volum", "1/s"}}) ==
          "error: --set data.volum=1/s: unknown key 'volum' in 'data'; did you mean 'volume'?");
    CHECK_THAT(only_error(k_minimal, {{"latncy.sla", "1m"}}),
               Catch::Contains("unknown key 'latncy'; did you mean 'latency'?"));
    CHECK_THAT(only_error(k_minimal, {{"latency.sla", "5x"}}),
               Catch::Contains("--set latency.sla=5x: latency.sla: duration '5x': unknown unit 'x'"));
    CHECK_THAT(only_error(k_minimal, {{"use_cases[0].latency.sla", "1m"}}),
               Catch::Contains("the file has no 'use_cases' list"));
    CHECK_THAT(only_error(k_minimal, {{"latency[0]", "1m"}}), Catch::Contains("'latency' is not a list"));
    CHECK_THAT(only_error(k_minimal, {{"latency.sla.x", "1m"}}),
               Catch::Contains("'latency.sla' has no keys below it"));
    CHECK_THAT(only_error(k_minimal, {{"latency..sla", "1m"}}), Catch::Contains("invalid key"));
    CHECK_THAT(only_error(k_minimal, {{"latency.sla", "[1m]"}}),
               Catch::Contains("--set latency.sla=[1m]: expected a single value, got a list"));
    CHECK_THAT(only_error(k_minimal, {{"computation.stateful", "yes"}}), Catch::Contains("YAML 1.1 boolean"));
    CHECK_THAT(only_error(k_minimal, {{"computation.stateful", "\"true\""}}),
               Catch::Contains("quoted string"));
    CHECK_THAT(only_error(k_minimal, {{"latency.sla", ""}}), Catch::Contains("got an empty value"));
    CHECK_THAT(only_error(with("simulation:\n  failures: none\n"), {{"simulation.failures.node_mtbf", "1d"}}),
               Catch::Contains("'simulation.failures' is not a mapping"));
    CHECK_THAT(
        only_error(load_ok(k_minimal).name.empty() ? "" : k_minimal, {{"proposal.waivers[0].id", "x"}}),
        Catch::Contains("no 'proposal.waivers' list"));
}

TEST_CASE("an override on an aliased part changes only the path it names", "[loader][override]") {
    const std::string text =
        "version: 1\nname: a\nteam: {maturity: low}\nuse_cases:\n"
        "  - name: one\n    latency: &lat {sla: 1m}\n    computation: &c {stateful: false}\n"
        "    data: &d {bounded: false, volume: 1/s}\n"
        "  - name: two\n    latency: *lat\n    computation: *c\n    data: *d\n";
    Workload w = load_ok(text, {{"use_cases[1].latency.sla", "2h"}});
    CHECK(w.use_cases[0].latency.sla == minutes(1));
    CHECK(w.use_cases[1].latency.sla == hours(2));
}

TEST_CASE("load_workload_file throws every diagnostic of the file", "[loader]") {
    const auto bad =
        std::filesystem::path(PIPEADVISE_SOURCE_DIR) / "tests" / "data" / "bad" / "multiple_errors.yaml";
    try {
        load_workload_file(bad);
        FAIL("no error");
    } catch (const util::Error& e) {
        CHECK(e.kind() == util::Error::Kind::input);
        CHECK(e.exit_code() == 2);
        CHECK(e.diagnostics().size() == 6);
        CHECK(e.diagnostics()[0].location.file == bad.string());
    }
}

TEST_CASE("the strict YAML reader keeps quoting and positions", "[loader][yaml]") {
    YamlDocument doc = parse_yaml("a: \"x\"\nb: y\nc:\n  - 1\n", "t.yaml");
    REQUIRE(doc.errors.empty());
    REQUIRE(doc.root);
    CHECK(doc.root->kind == YamlNode::Kind::mapping);
    const auto* a = doc.root->find("a");
    REQUIRE(a);
    CHECK_FALSE(a->value->plain);
    CHECK(doc.root->find("b")->value->plain);
    CHECK(doc.root->find("c")->value->items.at(0)->line == 4);
    CHECK(doc.root->find("c")->value->items.at(0)->column == 5);
    CHECK(doc.root->expanded_size == 8);
    CHECK(doc.root->height == 2);
    CHECK(parse_yaml("", "t.yaml").root == nullptr);
}

TEST_CASE("columns count characters, not bytes, and a byte-order mark is ignored", "[loader][yaml]") {
    // 'ä' is two bytes in UTF-8; the column of the bad value is still the 8th character.
    CHECK_THAT(only_error(replace(k_minimal, "name: minimal\n", "name: minimal\nnäme: x\n")),
               Catch::Contains("3:1: error: unknown key 'näme'"));
    CHECK_THAT(only_error(replace(k_minimal, "  sla: 30s\n", "  sla: 30s\n  dé: \"x\n")),
               Catch::Contains("5:7: error: unterminated quoted string"));
    CHECK(load_ok("\xEF\xBB\xBF" + k_minimal).name == "minimal");
    CHECK_THAT(only_error("\xEF\xBB\xBF" + replace(k_minimal, "sla: 30s", "sla: \"30s")),
               Catch::Contains("4:8: error: unterminated quoted string"));
}

TEST_CASE("every value error names the key, the value, the expected form and an example",
          "[loader][messages]") {
    // One row per kind of value and kind of error: the file with '@' where the value goes,
    // the dotted key, the bad value, how the message shows it, the expected form it states and
    // the example it gives. The example must itself load, so no message can suggest a value
    // the loader refuses.
    struct Row {
        std::string file;
        std::string key;
        std::string bad;
        std::string shown;
        std::string form;
        std::string example;
    };
    const std::string sla = replace(k_minimal, "sla: 30s", "sla: @");
    const std::string volume = replace(k_minimal, "volume: 10M/day", "volume: @");
    const std::string event_size =
        replace(k_minimal, "  volume: 10M/day\n", "  volume: 10M/day\n  event_size: @\n");
    const std::string peak =
        replace(k_minimal, "  volume: 10M/day\n", "  volume: 10M/day\n  peak_to_mean: @\n");
    const std::string state = replace(k_minimal, "stateful: false", "stateful: true\n  state_size: @");
    const std::string target = replace(k_minimal, "sla: 30s", "sla: 30s\n  attainment_target: @");
    const std::string horizon = with("simulation:\n  horizon: @\n");
    const std::string replications = with("simulation:\n  replications: @\n");
    const std::vector<Row> rows{
        {sla, "latency.sla", "5x", "5x", "a duration such as", "30s"},
        {horizon, "simulation.horizon", "0s", "0s", "greater than zero", "7d"},
        {horizon, "simulation.horizon", "11y", "11y", "at most 10y", "7d"},
        {with("infrastructure:\n  batch_schedule: @\n"), "infrastructure.batch_schedule", "1ms", "1ms",
         "at least 1s", "12h"},
        {state, "computation.state_size", "20XB", "20XB", "a size such as", "20GiB"},
        {event_size, "data.event_size", "2GiB", "2GiB", "accepted range", "1KiB"},
        {volume, "data.volume", "fast", "fast", "a rate such as", "10M/day"},
        {volume, "data.volume", "0/s", "0/s", "greater than zero", "10M/day"},
        {volume, "data.volume", "2e12/s", "2e12/s", "more than the accepted", "10M/day"},
        {with("infrastructure:\n  node_hour_usd: @\n"), "infrastructure.node_hour_usd", "cheap", "cheap",
         "a plain number of US dollars such as", "0.50"},
        {peak, "data.peak_to_mean", "abc", "abc", "a decimal number such as", "3"},
        {peak, "data.peak_to_mean", "-1", "-1", "a number between 1 and 1000", "3"},
        {peak, "data.peak_to_mean", "[1]", "a list", "expected a number", "3"},
        {with("infrastructure:\n  target_utilisation: @\n"), "infrastructure.target_utilisation", "2", "2",
         "a number between 0.05 and 1", "0.7"},
        {target, "latency.attainment_target", "2", "2", "a number between 0 and 1", "0.99"},
        {replications, "simulation.replications", "2.5", "2.5", "a whole number", "10"},
        {replications, "simulation.replications", "0", "0", "a whole number of at least 1", "10"},
        {with("infrastructure:\n  nodes: @\n"), "infrastructure.nodes", "0", "0",
         "a whole number of at least 1", "10"},
        {with("infrastructure:\n  brokers: @\n"), "infrastructure.brokers", "10001", "10001",
         "a whole number of at most 10000", "3"},
        {with("simulation:\n  seed: @\n"), "simulation.seed", "-1", "-1", "a whole number from 0 to", "1"},
        {replace(k_minimal, "maturity: medium", "maturity: @"), "team.maturity", "hi", "hi",
         "expected one of low, medium, high", "medium"},
        {replace(k_minimal, "stateful: false", "stateful: @"), "computation.stateful", "maybe", "maybe",
         "expected true or false", "false"},
        {with("proposal:\n  waivers:\n    - id: a\n      reason: b\n      expires: @\n"),
         "proposal.waivers[0].expires", "2027-02-30", "2027-02-30", "YYYY-MM-DD", "2027-03-31"},
        {replace(k_minimal, "name: minimal", "name: @"), "name", "\"\"", "''", "some text",
         "card-fraud-velocity"},
    };
    for (const Row& row : rows) {
        INFO(row.key << ": " << row.bad);
        const std::string message = only_error(replace(row.file, "@", row.bad));
        INFO(message);
        CHECK_THAT(message, Catch::Contains(row.key + ": "));
        CHECK_THAT(message, Catch::Contains(row.shown));
        CHECK_THAT(message, Catch::Contains(row.form));
        CHECK_THAT(message, Catch::Contains(row.example));
        load_ok(replace(row.file, "@", row.example));
    }
}
