#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/util/diagnostic.hpp"

using namespace pipeadvise;
using namespace pipeadvise::model;

namespace {

const std::string k_head = R"(version: 1
name: v2
team:
  maturity: medium
)";

const std::string k_single = k_head + R"(latency:
  sla: 1h
data:
  bounded: false
  volume: 10M/day
)";

LoadResult load(const std::string& text) {
    return load_workload_text(text, "w.yaml", {});
}

std::vector<std::string> errors_of(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : load(text).errors) out.push_back(util::format_diagnostic(d));
    return out;
}

}  // namespace

TEST_CASE("stateful: true with kind: stateless is an input error at the kind, citing the other key",
          "[loader]") {
    const auto errors = errors_of(k_single + "computation:\n  stateful: true\n  kind: stateless\n");
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::StartsWith("w.yaml:12:3: error: computation.kind: 'stateless' contradicts "
                                            "computation.stateful: true (at 11:3)"));
}

TEST_CASE("a stateless computation with a stateful kind or a state size is an input error", "[loader]") {
    auto errors = errors_of(k_single + "computation:\n  stateful: false\n  kind: sessionization\n");
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0],
               Catch::StartsWith("w.yaml:12:3: error: computation.kind: 'sessionization' keeps state"));
    errors = errors_of(k_single + "computation:\n  stateful: false\n  state_size: 2GiB\n");
    REQUIRE(errors.size() == 1);
    CHECK_THAT(
        errors[0],
        Catch::Contains("computation.state_size: 2GiB of state contradicts computation.stateful: false"));
    // Agreeing keys load.
    CHECK(load(k_single + "computation:\n  stateful: false\n  kind: enrichment\n").workload);
    CHECK(load(k_single + "computation:\n  stateful: true\n  kind: stream_join\n").workload);
}

TEST_CASE("latency.attainment_target defaults to 0.99 and must lie in (0, 1]", "[loader]") {
    auto r = load(k_single + "computation:\n  stateful: false\n");
    REQUIRE(r.workload);
    CHECK(r.workload->use_cases[0].latency.attainment_target == 0.99);
    r = load(k_head +
             "latency:\n  sla: 1h\n  attainment_target: 0.95\ndata:\n  bounded: false\n  volume: "
             "1M/day\ncomputation:\n  stateful: false\n");
    REQUIRE(r.workload);
    CHECK(r.workload->use_cases[0].latency.attainment_target == 0.95);
    auto errors = errors_of(k_head +
                            "latency:\n  sla: 1h\n  attainment_target: 0\ndata:\n  bounded: false\n  "
                            "volume: 1M/day\ncomputation:\n  stateful: false\n");
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::StartsWith("w.yaml:7:3: error: latency.attainment_target: must be above 0"));
    CHECK(errors_of(k_head + "latency:\n  sla: 1h\n  attainment_target: 1.5\ndata:\n  bounded: false\n  "
                             "volume: 1M/day\ncomputation:\n  stateful: false\n")
              .size() == 1);
}

TEST_CASE("batch_schedule and micro_batch_trigger default to auto and accept auto or a duration",
          "[loader]") {
    auto r = load(k_single + "computation:\n  stateful: false\n");
    REQUIRE(r.workload);
    CHECK(r.workload->infrastructure.batch_schedule_auto);
    CHECK(r.workload->infrastructure.micro_batch_trigger_auto);
    r = load(k_single +
             "computation:\n  stateful: false\ninfrastructure:\n  batch_schedule: 30m\n  "
             "micro_batch_trigger: auto\n");
    REQUIRE(r.workload);
    CHECK_FALSE(r.workload->infrastructure.batch_schedule_auto);
    CHECK(r.workload->infrastructure.batch_schedule.seconds() == 1800.0);
    CHECK(r.workload->infrastructure.micro_batch_trigger_auto);
    const auto errors = errors_of(
        k_single + "computation:\n  stateful: false\ninfrastructure:\n  batch_schedule: automatic\n");
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::StartsWith("w.yaml:13:19: error:"));
}

TEST_CASE("use cases override batch_schedule, micro_batch_trigger and watermark", "[loader]") {
    const std::string text = k_head + R"(infrastructure:
  batch_schedule: 12h
proposal:
  watermark: 10m
use_cases:
  - name: alerts
    latency: {sla: 2m}
    computation: {stateful: false}
    data: {bounded: false, volume: 1M/day}
    infrastructure:
      micro_batch_trigger: 30s
  - name: report
    latency: {sla: 1h}
    computation: {stateful: true, kind: windowed_aggregation}
    data: {bounded: false, volume: 1M/day}
    infrastructure:
      batch_schedule: 30m
    proposal:
      watermark: 1h
)";
    auto r = load(text);
    REQUIRE(r.workload);
    const Workload& w = *r.workload;
    REQUIRE(w.use_cases.size() == 2);
    CHECK(w.use_cases[0].micro_batch_trigger->seconds() == 30.0);
    CHECK_FALSE(w.use_cases[0].batch_schedule);
    CHECK(w.use_cases[1].batch_schedule->seconds() == 1800.0);
    CHECK(w.use_cases[1].watermark->seconds() == 3600.0);

    const Workload alerts = with_overrides(w, w.use_cases[0]);
    CHECK(alerts.infrastructure.micro_batch_trigger.seconds() == 30.0);
    CHECK_FALSE(alerts.infrastructure.micro_batch_trigger_auto);
    CHECK(alerts.infrastructure.batch_schedule.seconds() == 43200.0);
    CHECK(alerts.proposal.watermark->seconds() == 600.0);
    const Workload report = with_overrides(w, w.use_cases[1]);
    CHECK(report.infrastructure.batch_schedule.seconds() == 1800.0);
    CHECK(report.proposal.watermark->seconds() == 3600.0);
    CHECK(report.infrastructure.micro_batch_trigger_auto);

    // Only those keys: anything else in a use case's infrastructure is unknown.
    const auto errors = errors_of(k_head + R"(use_cases:
  - name: a
    latency: {sla: 2m}
    computation: {stateful: false}
    data: {bounded: false, volume: 1M/day}
    infrastructure:
      nodes: 3
)");
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::Contains("nodes"));
}
