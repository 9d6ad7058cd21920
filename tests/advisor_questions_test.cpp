#include <catch2/catch.hpp>

#include "advisor_fixtures.hpp"
#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/questions.hpp"

using namespace advisor_fixtures;
using pipeadvise::model::Architecture;
namespace advisor = pipeadvise::advisor;

namespace {

advisor::Advice advise_sla(std::int64_t sla_seconds, bool stateful = false) {
    auto w = base("w", use_case("w", sla_seconds, stateful));
    return advisor::advise(w, in(advisor::Context::evaluate));
}

const advisor::Question& question(const advisor::Advice& a, const std::string& id) {
    for (const auto& q : a.questions) {
        if (q.id == id) return q;
    }
    FAIL("no question " << id);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("the latency thresholds split at 60 s and 5 min", "[advisor]") {
    CHECK(advise_sla(59).recommendation.architecture == Architecture::simple_streaming);
    CHECK(advise_sla(60).recommendation.architecture == Architecture::micro_batch);
    CHECK(advise_sla(300).recommendation.architecture == Architecture::micro_batch);
    CHECK(advise_sla(301).recommendation.architecture == Architecture::batch);
    CHECK(advisor::latency_branch(secs(59)) == advisor::LatencyBranch::streaming);
    CHECK(advisor::latency_branch(pipeadvise::util::Duration::from_ns(59'999'999'999)) ==
          advisor::LatencyBranch::streaming);
    CHECK(advisor::latency_branch(secs(60)) == advisor::LatencyBranch::micro_batch);
    CHECK(advisor::latency_branch(pipeadvise::util::Duration::from_ns(300'000'000'001)) ==
          advisor::LatencyBranch::batch);
}

TEST_CASE("the five questions come in spec order and cite the workload's values", "[advisor]") {
    auto a = advise_sla(30, true);
    REQUIRE(a.questions.size() == 5);
    const std::vector<std::string> ids{"latency", "state", "boundedness", "failure", "cost"};
    for (std::size_t i = 0; i < ids.size(); ++i) CHECK(a.questions[i].id == ids[i]);
    CHECK(a.questions[0].reason ==
          "The SLA is 30s (latency.sla), under 60 s, so only a continuously running pipeline can meet it.");
    CHECK_THAT(a.questions[1].reason, Catch::Contains("computation.stateful: true"));
    CHECK_THAT(a.questions[1].reason, Catch::Contains("20GiB"));
    CHECK_THAT(a.questions[2].reason, Catch::Contains("data.bounded: false"));
    CHECK_THAT(a.questions[2].reason, Catch::Contains("10M/day"));
    for (const auto& q : a.questions) {
        // one sentence: a single full stop, at the end
        CHECK(q.reason.back() == '.');
        CHECK(q.reason.find(". ") == std::string::npos);
    }
}

TEST_CASE("state picks simple or full streaming in the streaming branch only", "[advisor]") {
    CHECK(advise_sla(30, false).recommendation.architecture == Architecture::simple_streaming);
    CHECK(advise_sla(30, true).recommendation.architecture == Architecture::full_streaming);
    CHECK(advise_sla(120, true).recommendation.architecture == Architecture::micro_batch);
    CHECK(advise_sla(7200, true).recommendation.architecture == Architecture::batch);
    CHECK(question(advise_sla(30, false), "state").answer == "stateless → simple_streaming");
    CHECK_THAT(question(advise_sla(7200, true), "state").answer, Catch::Contains("recomputed per run"));
}

TEST_CASE("the state reason names when stateful streaming emits its results", "[advisor]") {
    CHECK_THAT(question(advise_sla(30, true), "state").reason,
               Catch::Contains(
                   "emits each window's result at window end + watermark (computation.emit: window_end)"));
    auto w = base("w", use_case("w", 30, true));
    w.use_cases[0].computation.emit = model::EmitMode::on_update;
    const auto reason = question(advisor::advise(w, in(advisor::Context::evaluate)), "state").reason;
    CHECK_THAT(reason, Catch::Contains("emits a result on every state update (computation.emit: on_update)"));
    CHECK(reason.find(". ") == std::string::npos);
    CHECK(question(advisor::advise(w, in(advisor::Context::evaluate)), "state").answer ==
          question(advise_sla(30, true), "state").answer);
}

TEST_CASE("bounded data is batch whatever the SLA", "[advisor]") {
    auto w = base("backfill", use_case("backfill", 10, true));
    w.use_cases[0].data.bounded = true;
    w.use_cases[0].data.history = secs(2 * 365 * 86400);
    auto a = advisor::advise(w, in(advisor::Context::evaluate));
    CHECK(a.recommendation.architecture == Architecture::batch);
    CHECK(question(a, "boundedness").answer == "bounded → batch");
    CHECK_THAT(question(a, "boundedness").reason, Catch::Contains("data.bounded: true"));
    CHECK_THAT(question(a, "boundedness").reason, Catch::Contains("10s SLA"));
    // the latency answer still reports the branch the SLA alone would pick
    CHECK_THAT(question(a, "latency").answer, Catch::Contains("streaming branch"));
}

TEST_CASE("unbounded data with a batch-tolerant SLA is never streaming", "[advisor]") {
    for (std::int64_t sla : {60, 120, 300, 301, 3600, 86400}) {
        for (bool stateful : {false, true}) {
            auto arch = advise_sla(sla, stateful).recommendation.architecture;
            CHECK(arch != Architecture::simple_streaming);
            CHECK(arch != Architecture::full_streaming);
        }
    }
    CHECK(question(advise_sla(3600), "boundedness").answer == "unbounded, batch-tolerant → not streaming");
}

TEST_CASE("micro-batch suggests the longest trigger whose worst-case lag fits", "[advisor]") {
    // 10M/day at 3x peak = 347.2/s; capacity 50k/s; overhead 5 s.
    // 5m SLA: 300 s trigger + 7.1 s > 300 s, so 2m (120 + 5.8 s = 125.8 s) is the longest fit.
    auto a = advise_sla(300);
    REQUIRE(a.recommendation.suggested_trigger);
    CHECK(*a.recommendation.suggested_trigger == secs(120));
    // 3 min: 120 s + 5.83 s fits 180 s
    CHECK(*advise_sla(180).recommendation.suggested_trigger == secs(120));
    // 125 s: 120 + 5.83 = 125.83 > 125, so 60 s (60 + 5.42 s)
    CHECK(*advise_sla(125).recommendation.suggested_trigger == secs(60));
    CHECK(*advise_sla(126).recommendation.suggested_trigger == secs(120));
    // 60 s: 30 + 5.2 s fits, 60 + 5.4 does not
    CHECK(*advise_sla(60).recommendation.suggested_trigger == secs(30));

    pipeadvise::model::Infrastructure ten_nodes;
    ten_nodes.nodes = 10;
    auto t = advisor::suggest_trigger(secs(300), use_case("x", 300, false).data, ten_nodes);
    CHECK(t.fits);
    CHECK(t.processing_seconds == Approx(5.0 + 10e6 / 86400.0 * 3.0 * 120.0 / 50000.0));
    CHECK(t.worst_lag_seconds == Approx(120.0 + t.processing_seconds));
}

TEST_CASE("micro-batch with no fitting trigger suggests 30 s and says the SLA is at risk", "[advisor]") {
    auto w = base("slow", use_case("slow", 60, false));
    w.infrastructure.nodes = 1;
    w.infrastructure.node_throughput = 400.0;  // a 30 s peak batch takes 5 + 26 s > the trigger
    auto a = advisor::advise(w, in(advisor::Context::evaluate));
    CHECK(a.recommendation.architecture == Architecture::micro_batch);
    REQUIRE(a.recommendation.suggested_trigger);
    CHECK(*a.recommendation.suggested_trigger == secs(30));
    CHECK_THAT(question(a, "latency").answer, Catch::Contains("no trigger fits"));
    CHECK(with_id(a, "micro-batch-sla-at-risk").size() == 1);
}

TEST_CASE("team maturity never changes the latency answer but sets the fallback", "[advisor]") {
    auto ready = sound_streaming();
    auto not_ready = sound_streaming();
    not_ready.team.maturity = pipeadvise::model::Maturity::low;
    not_ready.team.kafka_experience = false;
    not_ready.team.on_call = false;
    auto a = advisor::advise(ready, in(advisor::Context::evaluate));
    auto b = advisor::advise(not_ready, in(advisor::Context::evaluate));
    CHECK(a.recommendation.architecture == Architecture::full_streaming);
    CHECK(b.recommendation.architecture == Architecture::full_streaming);
    CHECK_FALSE(a.recommendation.fallback);
    REQUIRE(b.recommendation.fallback);
    CHECK(*b.recommendation.fallback == Architecture::micro_batch);
    CHECK_THAT(b.recommendation.summary, Catch::Contains("Fallback: micro_batch"));
    CHECK_THAT(b.recommendation.summary, Catch::Contains("Kafka experience and on-call"));
    CHECK_THAT(question(b, "failure").reason, Catch::Contains("team.kafka_experience and team.on_call"));
    CHECK_THAT(question(b, "failure").reason, Catch::Contains("(11h detection + 4h repair + 3m restart"));
    // an unstated team item is unknown, not a gap: no fallback, but the failure answer says so
    auto unknown = sound_streaming();
    unknown.team.recovery_runbook.reset();
    auto c = advisor::advise(unknown, in(advisor::Context::evaluate));
    CHECK_FALSE(c.recommendation.fallback);
    CHECK(question(c, "failure").answer == "team readiness for streaming not stated");
}

TEST_CASE("cost cites simulated costs and never invents them", "[advisor]") {
    auto w = sound_streaming();
    auto no_facts = advisor::advise(w, in(advisor::Context::evaluate));
    CHECK(question(no_facts, "cost").answer == "not simulated");
    CHECK_FALSE(no_facts.recommendation.cost_multiplier_vs_batch);
    CHECK(question(no_facts, "cost").reason.find('$') == std::string::npos);

    auto options = in(advisor::Context::evaluate);
    advisor::SimulatedFacts facts;
    facts.monthly_cost_usd = {{"batch", 1000.0}, {"micro_batch", 1800.0}, {"streaming", 4100.0}};
    facts.lag_p99_seconds = {{"batch", 45000.0}, {"streaming", 2.5}};
    options.facts.push_back(facts);
    auto a = advisor::advise(w, options);
    REQUIRE(a.recommendation.cost_multiplier_vs_batch);
    CHECK(*a.recommendation.cost_multiplier_vs_batch == Approx(4.1));
    CHECK(question(a, "cost").answer == "4.1× batch ($4,100/month, simulated)");
    CHECK_THAT(question(a, "cost").reason, Catch::Contains("$1,000"));
    CHECK_THAT(question(a, "cost").reason, Catch::Contains("30s SLA"));
    CHECK_THAT(question(a, "cost").reason, Catch::Contains("12h30m"));
    CHECK_THAT(a.recommendation.summary, Catch::Contains("4.1× batch"));
    // a mode slower than batch in the simulation is not said to cut the lag
    options.facts[0].lag_p99_seconds["streaming"] = 50000.0;
    auto slow = advisor::advise(w, options);
    CHECK_THAT(question(slow, "cost").reason,
               Catch::Contains("yet its simulated p99 lag of 13h53m is no better"));

    auto batch = sound_batch();
    auto b = advisor::advise(batch, options);
    REQUIRE(b.recommendation.cost_multiplier_vs_batch);
    CHECK(*b.recommendation.cost_multiplier_vs_batch == Approx(1.0));
    CHECK_THAT(question(b, "cost").reason, Catch::Contains("streaming would cost $4,100 (4.1×)"));

    auto unready = sound_streaming();
    unready.team.on_call = false;
    auto u = advisor::advise(unready, options);
    CHECK_THAT(u.recommendation.summary,
               Catch::Contains("Fallback: micro_batch with a 30s trigger (1.8× batch, simulated)"));
    CHECK_THAT(u.recommendation.summary, Catch::Contains("It costs 4.1× batch per month (simulated)."));

    auto micro = sound_micro_batch();
    auto m = advisor::advise(micro, options);
    CHECK(*m.recommendation.cost_multiplier_vs_batch == Approx(1.8));
}

TEST_CASE("the summary has two or three sentences", "[advisor]") {
    for (auto w : {sound_streaming(), sound_batch(), sound_micro_batch(), sound_hybrid()}) {
        auto a = advisor::advise(w, in(advisor::Context::evaluate));
        std::size_t sentences = 0;
        for (std::size_t i = 0; i + 1 < a.recommendation.summary.size(); ++i) {
            if (a.recommendation.summary[i] == '.' && a.recommendation.summary[i + 1] == ' ') ++sentences;
        }
        ++sentences;  // the last one
        CHECK(sentences >= 2);
        CHECK(sentences <= 3);
        CHECK_THAT(a.recommendation.summary,
                   Catch::StartsWith("Recommended: " + std::string(pipeadvise::model::to_string(
                                                           a.recommendation.architecture))));
    }
}

TEST_CASE("use cases landing on both sides make a hybrid platform", "[advisor]") {
    auto w = sound_hybrid();
    auto a = advisor::advise(w, in(advisor::Context::evaluate));
    REQUIRE(a.use_cases.size() == 2);
    CHECK(a.use_cases[0].name == "fraud-check");
    CHECK(a.use_cases[0].recommendation.architecture == Architecture::full_streaming);
    CHECK(a.use_cases[1].recommendation.architecture == Architecture::batch);
    CHECK(a.use_cases[0].questions.size() == 5);
    CHECK(a.recommendation.architecture == Architecture::hybrid);
    CHECK_THAT(a.recommendation.summary, Catch::Contains("one ingestion log"));
    REQUIRE(a.questions.size() == 5);
    CHECK_THAT(a.questions[0].reason, Catch::Contains("fraud-check 30s → full_streaming"));
    CHECK_THAT(a.questions[0].reason, Catch::Contains("settlement-report 1d → batch"));
    CHECK(a.use_cases[0].questions[0].reason.find("use_cases[0].latency.sla") != std::string::npos);

    // all on one side: that architecture, the most capable among them
    w.use_cases[1].latency.sla = secs(45);
    w.use_cases[1].computation.stateful = false;
    auto b = advisor::advise(w, in(advisor::Context::evaluate));
    CHECK(b.recommendation.architecture == Architecture::full_streaming);
    w.use_cases[0].latency.sla = secs(7200);
    w.use_cases[1].latency.sla = secs(86400);
    auto c = advisor::advise(w, in(advisor::Context::evaluate));
    CHECK(c.recommendation.architecture == Architecture::batch);
}

TEST_CASE("the platform cost of a hybrid sums each use case in its own mode", "[advisor]") {
    auto w = sound_hybrid();
    auto options = in(advisor::Context::evaluate);
    advisor::SimulatedFacts fraud, report;
    fraud.monthly_cost_usd = {{"batch", 1000.0}, {"streaming", 4000.0}};
    report.monthly_cost_usd = {{"batch", 1000.0}, {"streaming", 5000.0}};
    options.facts = {fraud, report};
    auto a = advisor::advise(w, options);
    REQUIRE(a.recommendation.cost_multiplier_vs_batch);
    CHECK(*a.recommendation.cost_multiplier_vs_batch == Approx((4000.0 + 1000.0) / 2000.0));
    CHECK(*a.use_cases[0].recommendation.cost_multiplier_vs_batch == Approx(4.0));
    CHECK(*a.use_cases[1].recommendation.cost_multiplier_vs_batch == Approx(1.0));
}

TEST_CASE("a hybrid with a team not ready names the fallback for the streaming use cases", "[advisor]") {
    auto w = sound_hybrid();
    w.team.recovery_runbook = false;
    auto a = advisor::advise(w, in(advisor::Context::evaluate));
    CHECK(a.recommendation.architecture == Architecture::hybrid);
    REQUIRE(a.recommendation.fallback);
    CHECK(*a.recommendation.fallback == Architecture::micro_batch);
    CHECK_THAT(a.recommendation.summary, Catch::Contains("Fallback: micro_batch for fraud-check"));
    CHECK_FALSE(a.use_cases[1].recommendation.fallback);
}

TEST_CASE("the micro-batch overhead of the workload enters the trigger choice", "[advisor]") {
    auto w = base("w", use_case("w", 170, false));
    CHECK(*advisor::advise(w, in(advisor::Context::evaluate)).recommendation.suggested_trigger == secs(120));
    // 120 s + 50.8 s > 170 s, so the 1m trigger (60 + 50.4 s) is the longest fit
    w.infrastructure.micro_batch_overhead = secs(50);
    CHECK(*advisor::advise(w, in(advisor::Context::evaluate)).recommendation.suggested_trigger == secs(60));
    // a batch that takes longer than its trigger backs up: with 130 s of overhead only the 5m
    // trigger keeps up, and 300 + 132 s misses the 5m SLA
    w.infrastructure.micro_batch_overhead = secs(130);
    auto t = advisor::suggest_trigger(secs(300), w.use_cases[0].data, w.infrastructure);
    CHECK_FALSE(t.fits);
    CHECK(t.trigger == secs(30));
}
