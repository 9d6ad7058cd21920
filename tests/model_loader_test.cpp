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
