#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/model/yaml_tree.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "workload_file.hpp"

using namespace pipeadvise;
using namespace pipeadvise::model;
using test::load_workload_file;
using util::Duration;

namespace {

const std::string k_minimal = R"(version: 1
name: minimal
latency:
  sla: 30s
computation:
  stateful: false
data:
  bounded: false
  volume: 10M/day
team:
  maturity: medium
)";

Workload load_ok(const std::string& text, const std::vector<Override>& overrides = {}) {
    LoadResult r = load_workload_text(text, "w.yaml", overrides);
    INFO([&] {
        std::string all;
        for (const auto& d : r.errors) all += util::format_diagnostic(d) + "\n";
        return all;
    }());
    REQUIRE(r.errors.empty());
    REQUIRE(r.workload);
    return *r.workload;
}

/// Formatted diagnostics of a load that must fail, without the "w.yaml:" prefix.
std::vector<std::string> load_errors(const std::string& text, const std::vector<Override>& overrides = {}) {
    LoadResult r = load_workload_text(text, "w.yaml", overrides);
    REQUIRE_FALSE(r.workload);
    REQUIRE_FALSE(r.errors.empty());
    std::vector<std::string> out;
    for (const auto& d : r.errors) {
        std::string text_out = util::format_diagnostic(d);
        REQUIRE(text_out.rfind("w.yaml", 0) == 0);
        text_out.erase(0, std::string("w.yaml:").size());
        if (!text_out.empty() && text_out[0] == ' ') text_out.erase(0, 1);
        out.push_back(text_out);
    }
    return out;
}

std::string only_error(const std::string& text, const std::vector<Override>& overrides = {}) {
    auto errors = load_errors(text, overrides);
    INFO([&] {
        std::string all;
        for (const auto& e : errors) all += e + "\n";
        return all;
    }());
    REQUIRE(errors.size() == 1);
    return errors[0];
}

std::string with(const std::string& extra) {
    return k_minimal + extra;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto pos = text.find(from);
    REQUIRE(pos != std::string::npos);
    return text.replace(pos, from.size(), to);
}

const std::filesystem::path k_good = std::filesystem::path(PIPEADVISE_SOURCE_DIR) / "tests" / "data" / "good";

}  // namespace

TEST_CASE("a minimal workload gets every documented default", "[loader]") {
    Workload w = load_ok(k_minimal);
    CHECK(w.file == "w.yaml");
    CHECK(w.version == 1);
    CHECK(w.name == "minimal");
    CHECK(w.description.empty());
    CHECK_FALSE(w.has_use_cases);
    REQUIRE(w.use_cases.size() == 1);
    const UseCase& u = w.use_cases[0];
    CHECK(u.name == "minimal");
    CHECK(u.path.empty());
    CHECK(u.latency.sla == Duration::from_seconds_int(30));
    CHECK_FALSE(u.latency.verified_with_stakeholders);
    CHECK(u.latency.decision.empty());
    CHECK_FALSE(u.computation.stateful);
    CHECK_FALSE(u.computation.kind);
    CHECK(u.computation.state_size_bytes == 0);
    CHECK_FALSE(u.computation.window);
    CHECK(u.computation.emit == EmitMode::window_end);
    CHECK(u.data.volume_per_second == Approx(1e7 / 86400.0));
    CHECK(u.data.event_size_bytes == 1024);
    CHECK(u.data.peak_to_mean == 2.0);
    CHECK(u.data.late_arrivals.fraction == 0.0);
    CHECK_FALSE(u.data.history);
    CHECK(w.team.maturity == Maturity::medium);
    CHECK_FALSE(w.team.kafka_experience);
    CHECK_FALSE(w.infrastructure.nodes);  // auto: sized per mode
    CHECK_FALSE(w.infrastructure.brokers);
    CHECK(w.infrastructure.target_utilisation == 0.7);
    CHECK(w.infrastructure.node_throughput == 5000.0);
    CHECK(w.infrastructure.micro_batch_overhead == Duration::from_seconds_int(5));
    CHECK(w.infrastructure.stated.empty());
    CHECK_FALSE(w.proposal.present);
    CHECK_FALSE(w.proposal.architecture);
    CHECK(w.simulation.horizon == days(7));
    CHECK(w.simulation.replications == 10);
    CHECK(w.simulation.seed == 1);
    CHECK(w.simulation.arrivals == ArrivalProcess::diurnal);
    CHECK(w.simulation.service == ServiceDistribution::lognormal);
    CHECK(w.simulation.granularity == Granularity::automatic);
    CHECK(w.simulation.failures.enabled);
    CHECK(w.simulation.failures.drills.empty());
}

TEST_CASE("every key of the full example is read into the model", "[loader]") {
    Workload w = load_workload_file(k_good / "full.yaml");
    CHECK(w.name == "card-fraud-velocity");
    CHECK(w.description == "Flag cards used > 5 times in 3 minutes");
    const UseCase& u = w.use_cases.at(0);
    CHECK(u.latency.sla == Duration::from_seconds_int(30));
    CHECK(u.latency.verified_with_stakeholders);
    CHECK(u.latency.decision == "block the card before the next authorisation");
    CHECK(u.computation.stateful);
    CHECK(u.computation.kind == ComputationKind::windowed_aggregation);
    CHECK(u.computation.state_size_bytes == 20LL << 30);
    CHECK(u.computation.window == minutes(3));
    CHECK_FALSE(u.data.bounded);
    CHECK(u.data.volume_per_second == Approx(1e7 / 86400.0));
    CHECK(u.data.event_size_bytes == 1024);
    CHECK(u.data.peak_to_mean == 3.0);
    CHECK(u.data.late_arrivals.fraction == Approx(0.02));
    CHECK(u.data.late_arrivals.p50 == Duration::from_seconds_int(30));
    CHECK(u.data.late_arrivals.p99 == hours(2));
    CHECK(u.data.history == days(730));
    CHECK(w.team.maturity == Maturity::medium);
    CHECK(w.team.kafka_experience == true);
    CHECK(w.team.on_call == true);
    CHECK(w.team.recovery_runbook == false);
    const Infrastructure& i = w.infrastructure;
    CHECK(i.nodes == 10);
    CHECK(i.node_throughput == 5000.0);
    CHECK(i.node_memory_bytes == 64LL << 30);
    CHECK(i.node_hour_usd == 0.5);
    CHECK(i.brokers == 3);
    CHECK(i.broker_hour_usd == 0.5);
    CHECK(i.storage_gb_month_usd == Approx(0.023));
    CHECK(i.engineer_hour_usd == 100.0);
    CHECK(i.retention == days(7));
    CHECK(i.checkpoint_interval == minutes(1));
    CHECK(i.state_store == StateStore::rocksdb);
    CHECK(i.batch_schedule == hours(12));
    CHECK(i.job_startup == minutes(3));
    CHECK(i.micro_batch_trigger == minutes(2));
    CHECK(i.micro_batch_overhead == Duration::from_seconds_int(5));
    CHECK(i.engineering_hours_stateful_streaming == 45.0);
    CHECK(i.stated.size() == 19);
    CHECK(std::find(i.stated.begin(), i.stated.end(), "infrastructure.nodes") != i.stated.end());
    const Proposal& p = w.proposal;
    CHECK(p.present);
    CHECK(p.architecture == Architecture::full_streaming);
    CHECK(p.watermark == minutes(10));
    CHECK(p.checkpoint_location == CheckpointLocation::durable);
    CHECK(p.dead_letter_queue == true);
    CHECK(p.consumer_lag_alert == true);
    CHECK(p.backfill_strategy == true);
    CHECK(p.sink == Sink::delta);
    CHECK(p.idempotent_jobs == true);
    CHECK(p.micro_batch_rejected_because == "a 2-minute trigger misses the 30 s SLA");
    for (const auto* item :
         {&p.partitioned_by_date, &p.partition_overwrite, &p.sla_monitored, &p.checkpoint_backup,
          &p.offset_reset_runbook, &p.cost_comparison_done, &p.shared_ingestion, &p.sla_owned_by_one_layer})
        CHECK(*item == true);
    REQUIRE(p.waivers.size() == 1);
    CHECK(p.waivers[0].id == "watermark-too-short");
    CHECK(p.waivers[0].reason == "accepted by the platform team");
    CHECK(p.waivers[0].expires == util::Date{2027, 3, 31});
    CHECK(p.waivers[0].path == "proposal.waivers[0]");
    const Simulation& s = w.simulation;
    CHECK(s.horizon == days(7));
    CHECK(s.replications == 10);
    CHECK(s.seed == 1);
    CHECK(s.arrivals == ArrivalProcess::diurnal);
    CHECK(s.service == ServiceDistribution::lognormal);
    CHECK(s.granularity == Granularity::automatic);
    CHECK(s.failures.enabled);
    CHECK(s.failures.node_mtbf == days(30));
    CHECK(s.failures.bad_deploy_every == days(30));
    CHECK(s.failures.checkpoint_corruption_probability == Approx(0.01));
    REQUIRE(s.failures.drills.size() == 1);
    CHECK(s.failures.drills[0].at == days(2));
    CHECK(s.failures.drills[0].outage == hours(2));
}

TEST_CASE("locations are recorded for every key and list item as 1-based line:column", "[loader]") {
    Workload w = load_workload_file(k_good / "full.yaml");
    auto at = [&](const char* path) {
        INFO(path);
        REQUIRE(w.states(path));
        auto l = w.locations.at(path);
        CHECK(l.file == (k_good / "full.yaml").string());
        return std::pair(l.line, l.column);
    };
    CHECK(at("version") == std::pair(2, 1));
    CHECK(at("latency") == std::pair(5, 1));
    CHECK(at("latency.sla") == std::pair(6, 3));
    CHECK(at("data.late_arrivals.p99") == std::pair(22, 5));
    CHECK(at("proposal.waivers[0]") == std::pair(68, 7));
    CHECK(at("proposal.waivers[0].expires") == std::pair(70, 7));
    CHECK(at("simulation.failures.drills[0]") == std::pair(83, 9));
    CHECK(at("simulation.failures.drills[0].at") == std::pair(83, 9));
    CHECK(at("simulation.failures.drills[0].outage") == std::pair(84, 9));
    CHECK(w.location_of("latency.nothing").line == 5);
}

TEST_CASE("use_cases become one use case each, with their own paths", "[loader]") {
    Workload w = load_workload_file(k_good / "use_cases.yaml");
    CHECK(w.has_use_cases);
    REQUIRE(w.use_cases.size() == 2);
    CHECK(w.use_cases[0].name == "payment-failure-alerts");
    CHECK(w.use_cases[0].path == "use_cases[0]");
    CHECK(w.use_cases[0].latency.sla == Duration::from_seconds_int(20));
    CHECK(w.use_cases[0].computation.kind == ComputationKind::windowed_aggregation);
    CHECK(w.use_cases[0].computation.emit == EmitMode::on_update);
    CHECK(w.use_cases[1].name == "daily-revenue");
    CHECK(w.use_cases[1].computation.emit == EmitMode::window_end);
    CHECK(w.use_cases[1].path == "use_cases[1]");
    CHECK(w.use_cases[1].latency.sla == hours(6));
    CHECK(w.use_cases[1].data.history == days(365));
    CHECK(w.states("use_cases[1].data.volume"));
    CHECK(w.locations.at("use_cases[1].data.volume").line == 27);
    CHECK_FALSE(w.simulation.failures.enabled);
    CHECK(w.proposal.architecture == Architecture::hybrid);
}

TEST_CASE("use_cases entries need every part, and exclude top-level parts", "[loader]") {
    const std::string head = "version: 1\nname: x\nteam:\n  maturity: low\nuse_cases:\n";
    auto errors = load_errors(head + "  - name: a\n    latency:\n      sla: 1m\n");
    REQUIRE(errors.size() == 2);
    CHECK_THAT(errors[0],
               Catch::Contains("6:5: error: missing required key 'computation' in 'use_cases[0]'"));
    CHECK_THAT(errors[1], Catch::Contains("6:5: error: missing required key 'data' in 'use_cases[0]'"));
    CHECK_THAT(only_error(head + "  []\n"), Catch::Contains("use_cases: must list at least one use case"));
    CHECK_THAT(only_error(head + "  name: a\n"),
               Catch::Contains("use_cases: expected a list, got a mapping"));
    const std::string one =
        "  - name: a\n    latency: {sla: 1m}\n    computation: {stateful: false}\n"
        "    data: {bounded: true, volume: 1/s}\n";
    CHECK(load_ok(head + one + one.substr(0, 0)).use_cases.size() == 1);
    CHECK_THAT(only_error(head + one + one),
               Catch::Contains("duplicate use case name 'a' (first used at 6:5)"));
    CHECK_THAT(only_error(head + one + "latency:\n  sla: 1m\n"),
               Catch::Contains("10:1: error: 'latency' cannot be used together with 'use_cases'"));
}

TEST_CASE("a file without use_cases needs latency, computation, data, team and name", "[loader]") {
    auto errors = load_errors("version: 1\ndescription: nothing else\n");
    REQUIRE(errors.size() == 5);
    for (const char* key : {"name", "team", "latency", "computation", "data"}) {
        bool found = false;
        for (const auto& e : errors)
            if (e.find(std::string("1:1: error: missing required key '") + key + "'") != std::string::npos)
                found = true;
        INFO(key);
        CHECK(found);
    }
}

TEST_CASE("unknown keys get a did-you-mean at every level", "[loader]") {
    CHECK(only_error(replace(k_minimal, "  sla: 30s\n", "  sla: 30s\n  slaa: 1m\n")) ==
          "5:3: error: unknown key 'slaa' in 'latency'; did you mean 'sla'?");
    CHECK(only_error(with("simulaton:\n  seed: 2\n")) ==
          "12:1: error: unknown key 'simulaton'; did you mean 'simulation'?");
    CHECK(only_error(with("proposal:\n  waivers:\n    - id: a\n      reason: b\n      expires: 2027-01-01\n  "
                          "    expire: 2\n")) ==
          "17:7: error: unknown key 'expire' in 'proposal.waivers[0]'; did you mean 'expires'?");
    CHECK(only_error(with("zzzzzzzz: 1\n")) == "12:1: error: unknown key 'zzzzzzzz'");
    CHECK(only_error(with("simulation:\n  failures:\n    drils: []\n")) ==
          "14:5: error: unknown key 'drils' in 'simulation.failures'; did you mean 'drills'?");
}

TEST_CASE("types are strict: booleans, numbers, strings, mappings", "[loader]") {
    CHECK_THAT(only_error(replace(k_minimal, "stateful: false", "stateful: \"false\"")),
               Catch::Contains("expected true or false, got the quoted string \"false\""));
    for (const char* word : {"yes", "no", "on", "off", "y", "n", "True", "FALSE"}) {
        INFO(word);
        CHECK_THAT(only_error(replace(k_minimal, "stateful: false", std::string("stateful: ") + word)),
                   Catch::Contains("is a YAML 1.1 boolean; write true or false"));
    }
    CHECK_THAT(only_error(replace(k_minimal, "stateful: false", "stateful: maybe")),
               Catch::Contains("expected true or false, got 'maybe'"));
    CHECK_THAT(only_error(replace(k_minimal, "stateful: false", "stateful:")),
               Catch::Contains("expected true or false, got an empty value"));
    CHECK_THAT(only_error(with("infrastructure:\n  nodes: \"10\"\n")),
               Catch::Contains(
                   "expected a whole number (e.g. 10), got the quoted string \"10\" (remove the quotes)"));
    CHECK_THAT(only_error(with("infrastructure:\n  nodes: 2.5\n")),
               Catch::Contains("infrastructure.nodes: must be a whole number (got '2.5'; e.g. 10)"));
    CHECK_THAT(only_error(with("infrastructure:\n  nodes: [1]\n")),
               Catch::Contains("expected a whole number (e.g. 10), got a list"));
    CHECK_THAT(only_error(with("infrastructure:\n  nodes: 010\n")), Catch::Contains("octal look-alike"));
    CHECK_THAT(only_error(with("infrastructure:\n  node_hour_usd: 1e3\n")),
               Catch::Contains("plain number of US dollars"));
    CHECK_THAT(only_error(with("infrastructure:\n  node_hour_usd: -1\n")),
               Catch::Contains("negative amount"));
    CHECK_THAT(only_error(with("infrastructure: [nodes]\n")),
               Catch::Contains("infrastructure: expected a mapping, got a list"));
    CHECK_THAT(
        only_error(replace(k_minimal, "name: minimal", "name: \"\"")),
        Catch::Contains("name: must not be empty (got ''; expected some text, e.g. card-fraud-velocity)"));
    CHECK_THAT(only_error(replace(k_minimal, "name: minimal", "name: {a: 1}")),
               Catch::Contains("name: expected a string (e.g. card-fraud-velocity), got a mapping"));
    CHECK(load_ok(replace(k_minimal, "name: minimal", "name: \"quoted name\"")).name == "quoted name");
    CHECK_THAT(only_error(replace(k_minimal, "sla: 30s", "sla: !!str 30s")), Catch::Contains("YAML tags"));
}

TEST_CASE("units are parsed strictly and bare numbers take the documented unit", "[loader]") {
    CHECK(load_ok(replace(k_minimal, "sla: 30s", "sla: 45")).use_cases[0].latency.sla ==
          Duration::from_seconds_int(45));
    CHECK(load_ok(replace(k_minimal, "sla: 30s", "sla: \"1h30m\"")).use_cases[0].latency.sla == minutes(90));
    CHECK(load_ok(replace(k_minimal, "volume: 10M/day", "volume: 116")).use_cases[0].data.volume_per_second ==
          116.0);
    CHECK(load_ok(replace(k_minimal, "volume: 10M/day", "volume: 1e7/day"))
              .use_cases[0]
              .data.volume_per_second == Approx(1e7 / 86400));
    CHECK(load_ok(with("infrastructure:\n  node_memory: 1073741824\n")).infrastructure.node_memory_bytes ==
          1LL << 30);
    CHECK_THAT(only_error(replace(k_minimal, "sla: 30s", "sla: 30x")),
               Catch::Contains("4:8: error: latency.sla: duration '30x': unknown unit 'x'"));
    CHECK_THAT(only_error(replace(k_minimal, "sla: 30s", "sla: 0s")),
               Catch::Contains("latency.sla: must be greater than zero"));
    CHECK_THAT(only_error(replace(k_minimal, "sla: 30s", "sla: -30s")), Catch::Contains("negative duration"));
    CHECK_THAT(only_error(replace(k_minimal, "sla: 30s", "sla: .nan")), Catch::Contains("NaN"));
    CHECK_THAT(only_error(replace(k_minimal, "sla: 30s", "sla: .inf")), Catch::Contains("infinite"));
    CHECK_THAT(only_error(replace(k_minimal, "volume: 10M/day", "volume: 0/s")),
               Catch::Contains("data.volume: must be greater than zero"));
    CHECK_THAT(only_error(replace(k_minimal, "volume: 10M/day", "volume: 10M/week")),
               Catch::Contains("unknown time unit 'week'"));
    CHECK_THAT(only_error(with("infrastructure:\n  node_throughput: 0\n")),
               Catch::Contains("infrastructure.node_throughput: must be greater than zero"));
    CHECK_THAT(only_error(replace(k_minimal, "  volume: 10M/day\n", "  volume: 10M/day\n  event_size: 0B\n")),
               Catch::Contains("data.event_size: must be greater than zero"));
}

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
