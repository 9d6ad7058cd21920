#include <catch2/catch.hpp>

#include <functional>
#include <regex>
#include <set>

#include "advisor_fixtures.hpp"

using namespace advisor_fixtures;
using pipeadvise::model::Architecture;
namespace advisor = pipeadvise::advisor;
namespace model = pipeadvise::model;
using advisor::Severity;

TEST_CASE("retention is judged against the simulated recovery when given", "[advisor]") {
    auto w = sound_streaming();
    w.infrastructure.retention = secs(4 * 3600);
    auto options = in(advisor::Context::check);
    // analytic: 15m + 45m + 20GiB restore (20 s) + replay of 4h of log at spare capacity (33 s)
    CHECK(with_id(advisor::advise(w, options), "retention-shorter-than-recovery").empty());
    advisor::SimulatedFacts facts;
    facts.worst_recovery_seconds = 5 * 3600.0;
    options.facts.push_back(facts);
    auto f = with_id(advisor::advise(w, options), "retention-shorter-than-recovery");
    REQUIRE(f.size() == 1);
    CHECK_THAT(f[0].message, Catch::Contains("simulated worst-case recovery of 5h00m"));
    options.facts[0].worst_recovery_seconds.reset();
    options.facts[0].streaming_events_lost = 1234.0;
    auto lost = with_id(advisor::advise(w, options), "retention-shorter-than-recovery");
    REQUIRE(lost.size() == 1);
    CHECK_THAT(lost[0].message, Catch::Contains("lost 1234 events"));
    CHECK_THAT(lost[0].message, Catch::EndsWith("raise it above the worst-case detection + recovery time."));
    // losses caused by an out-of-memory loop point at the state store instead
    w.infrastructure.state_store = model::StateStore::memory;
    w.infrastructure.node_memory_bytes = 1LL << 30;
    auto oom = with_id(advisor::advise(w, options), "retention-shorter-than-recovery");
    REQUIRE(oom.size() == 1);
    CHECK_THAT(oom[0].message, Catch::Contains("out-of-memory restarts (state-store-oom)"));
}

TEST_CASE("team readiness is an error only when streaming is proposed", "[advisor]") {
    auto w = sound_streaming();
    w.team.kafka_experience = false;
    auto proposed = with_id(advisor::advise(w, in(advisor::Context::check)), "team-not-ready-for-streaming");
    REQUIRE(proposed.size() == 1);
    CHECK(proposed[0].severity == Severity::error);
    CHECK(proposed[0].path == "team.kafka_experience");
    w.proposal.architecture.reset();
    auto recommended =
        with_id(advisor::advise(w, in(advisor::Context::check)), "team-not-ready-for-streaming");
    REQUIRE(recommended.size() == 1);
    CHECK(recommended[0].severity == Severity::warning);
    CHECK_THAT(recommended[0].message, Catch::StartsWith("The recommendation is full_streaming"));
}

TEST_CASE("streaming proposed where batch suffices is not also an architecture mismatch", "[advisor]") {
    auto w = sound_batch();
    w.proposal.architecture = Architecture::full_streaming;
    auto a = advisor::advise(w, in(advisor::Context::check));
    CHECK(with_id(a, "streaming-where-batch-suffices").size() == 1);
    CHECK(with_id(a, "architecture-mismatch").empty());
    // over-building with micro-batch is a mismatch
    w.proposal.architecture = Architecture::micro_batch;
    auto b = with_id(advisor::advise(w, in(advisor::Context::check)), "architecture-mismatch");
    REQUIRE(b.size() == 1);
    CHECK_THAT(b[0].message, Catch::Contains("over-built"));
    // stateless streaming for a stateful computation
    auto s = sound_streaming();
    s.proposal.architecture = Architecture::simple_streaming;
    auto c = with_id(advisor::advise(s, in(advisor::Context::check)), "architecture-mismatch");
    REQUIRE(c.size() == 1);
    CHECK_THAT(c[0].message, Catch::Contains("keeps no state"));
}

TEST_CASE("a missing key is located at its parent", "[advisor]") {
    auto w = sound_streaming();
    w.proposal.dead_letter_queue.reset();
    w.locations.erase("proposal.dead_letter_queue");
    auto f = with_id(advisor::advise(w, in(advisor::Context::check)), "checklist-not-stated");
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::info);
    CHECK(f[0].path == "proposal.dead_letter_queue");
    CHECK(f[0].location.line == w.locations.at("proposal").line);
    CHECK(f[0].location.column == w.locations.at("proposal").column);
    CHECK(f[0].location.file == "test.yaml");
}

TEST_CASE("a file without a proposal gets one checklist summary", "[advisor]") {
    auto w = sound_streaming();
    w.proposal = model::Proposal{};
    auto a = advisor::advise(w, in(advisor::Context::check));
    auto f = with_id(a, "checklist-not-stated");
    REQUIRE(f.size() == 1);
    CHECK(f[0].path == "proposal");
    CHECK_THAT(f[0].message, Catch::Contains("dead_letter_queue"));
    // nothing was chosen, so the summary stands in for the streaming checklist
    CHECK(with_id(a, "micro-batch-not-evaluated").empty());
    CHECK_THAT(f[0].message, Catch::Contains("micro_batch_rejected_because"));
    CHECK(a.findings.size() == 1);
}

TEST_CASE("findings of use cases carry the use case name and path", "[advisor]") {
    auto w = sound_hybrid();
    w.use_cases[0].latency.verified_with_stakeholders = false;
    auto f = with_id(advisor::advise(w, in(advisor::Context::check)), "sla-not-verified");
    REQUIRE(f.size() == 1);
    CHECK(f[0].use_case == "fraud-check");
    CHECK(f[0].path == "use_cases[0].latency.verified_with_stakeholders");
    CHECK(f[0].location.line == w.locations.at("use_cases[0].latency.verified_with_stakeholders").line);
}

TEST_CASE("findings are sorted by location then id", "[advisor]") {
    auto w = sound_streaming();
    w.proposal.dead_letter_queue = false;
    w.proposal.consumer_lag_alert = false;
    w.team.on_call = false;
    w.use_cases[0].latency.verified_with_stakeholders = false;
    auto a = advisor::advise(w, in(advisor::Context::check));
    REQUIRE(a.findings.size() >= 4);
    for (std::size_t i = 1; i < a.findings.size(); ++i) {
        const auto& p = a.findings[i - 1].location;
        const auto& q = a.findings[i].location;
        CHECK(std::tie(p.line, p.column) <= std::tie(q.line, q.column));
    }
    CHECK(a.findings.front().id == "sla-not-verified");
    // deterministic: the same input gives the same list
    auto b = advisor::advise(w, in(advisor::Context::check));
    REQUIRE(a.findings.size() == b.findings.size());
    for (std::size_t i = 0; i < a.findings.size(); ++i) CHECK(a.findings[i].message == b.findings[i].message);
}

TEST_CASE("without a proposal the checks judge the recommendation, as warnings at most", "[advisor]") {
    auto w = sound_streaming();
    w.proposal = model::Proposal{};
    w.team.kafka_experience = false;
    for (auto context : {advisor::Context::check, advisor::Context::evaluate}) {
        auto a = advisor::advise(w, in(context));
        auto f = with_id(a, "team-not-ready-for-streaming");
        REQUIRE(f.size() == 1);
        CHECK(f[0].severity == Severity::warning);
        CHECK_THAT(f[0].message, Catch::StartsWith("The recommendation is full_streaming"));
        for (const auto& finding : a.findings) CHECK(finding.severity != Severity::error);
    }
    // a proposal section that names no architecture: streaming is recommended, not chosen
    auto p = sound_streaming();
    p.proposal.architecture.reset();
    p.proposal.micro_batch_rejected_because.reset();
    auto m = with_id(advisor::advise(p, in(advisor::Context::check)), "micro-batch-not-evaluated");
    REQUIRE(m.size() == 1);
    CHECK_THAT(m[0].message, Catch::StartsWith("Streaming is recommended for the 30s SLA (latency.sla)"));
}

TEST_CASE("a hybrid proposal judges each use case in its own layer", "[advisor]") {
    auto w = sound_hybrid();
    w.proposal.checkpoint_location = model::CheckpointLocation::local;
    w.proposal.partitioned_by_date = false;
    auto a = advisor::advise(w, in(advisor::Context::check));
    CHECK(with_id(a, "checkpoint-local").size() == 1);      // the streaming layer
    CHECK(with_id(a, "no-date-partitioning").size() == 1);  // the batch layer
    CHECK(with_id(a, "architecture-mismatch").empty());
    // a hybrid proposal for use cases that all land on one side is a mismatch
    w.use_cases[1].latency.sla = secs(20);
    auto b = with_id(advisor::advise(w, in(advisor::Context::check)), "architecture-mismatch");
    REQUIRE(b.size() == 1);
    CHECK_THAT(b[0].message, Catch::Contains("these all land on full_streaming"));
}

TEST_CASE("proposing the named fallback is still an architecture mismatch that explains the trade-off",
          "[advisor]") {
    auto w = sound_streaming();
    w.team.kafka_experience = false;
    w.proposal.architecture = Architecture::micro_batch;
    w.proposal.idempotent_jobs = true;
    auto a = advisor::advise(w, in(advisor::Context::check));
    auto f = with_id(a, "architecture-mismatch");
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::error);
    CHECK_THAT(f[0].message, Catch::Contains("its fallback for a team not ready for streaming"));
    CHECK_THAT(f[0].message, Catch::Contains("dated waiver"));
    // 30 s + 5.2 s processing of a peak batch fits the 30 s SLA? No: 35.2 s is over it
    CHECK_THAT(f[0].message, Catch::Contains("with a 30s trigger its worst-case lag is 35.2s, over the SLA"));
    CHECK(with_id(a, "team-not-ready-for-streaming").empty());  // micro-batch is not streaming
    // the same proposal from a ready team misses the SLA for nothing: an error
    w.team.kafka_experience = true;
    auto b = with_id(advisor::advise(w, in(advisor::Context::check)), "architecture-mismatch");
    REQUIRE(b.size() == 1);
    CHECK(b[0].severity == Severity::error);
    CHECK_THAT(b[0].message, Catch::Contains("it cannot meet the SLA"));
}
