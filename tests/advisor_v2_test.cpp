#include <catch2/catch.hpp>

#include "advisor_fixtures.hpp"

using namespace advisor_fixtures;
using pipeadvise::model::Architecture;
namespace advisor = pipeadvise::advisor;
namespace model = pipeadvise::model;
using advisor::Severity;

namespace {

/// Options carrying one use case's simulated configuration facts.
advisor::AdviceOptions with_facts(advisor::Context context, advisor::SimulatedFacts facts) {
    auto o = in(context);
    o.facts.push_back(std::move(facts));
    return o;
}

advisor::ConfigurationFacts config(double interval, double attainment, bool stated) {
    advisor::ConfigurationFacts c;
    c.interval_seconds = interval;
    c.nodes = 10;
    c.brokers = 3;
    c.stated = stated;
    c.sla_attainment = attainment;
    return c;
}

}  // namespace

TEST_CASE("an unverified SLA under 5 minutes makes the advice conditional and names the looser answers",
          "[advisor]") {
    auto w = sound_streaming();
    w.use_cases[0].latency.verified_with_stakeholders = false;
    advisor::SimulatedFacts facts;
    facts.monthly_cost_usd = {{"batch", 100.0}, {"micro_batch", 180.0}, {"streaming", 400.0}};
    const auto a = advisor::advise(w, with_facts(advisor::Context::evaluate, facts));
    CHECK(a.recommendation.conditional);
    CHECK_THAT(a.recommendation.condition,
               Catch::StartsWith("This answer is conditional: the 30s SLA is not verified with stakeholders "
                                 "(latency.verified_with_stakeholders)."));
    CHECK_THAT(
        a.recommendation.condition,
        Catch::Contains("If the decision tolerates 1 to 5 minutes, the answer is micro_batch (1.8× batch, "
                        "simulated); if it tolerates more than 5 minutes, batch."));
    // Verified and tied to a decision: unconditional.
    const auto sound = advisor::advise(sound_streaming(), in(advisor::Context::evaluate));
    CHECK_FALSE(sound.recommendation.conditional);
    CHECK(sound.recommendation.condition.empty());
}

TEST_CASE("a bounded workload is answered with its one-off backfill: duration, cost and nodes", "[advisor]") {
    auto w = sound_batch();
    w.use_cases[0].data.bounded = true;
    w.use_cases[0].data.history = secs(730 * 86400);  // 2 years of 10M/day = 7.3G events
    w.locations.erase("infrastructure.nodes");        // nodes unstated: sized for the 12h target
    const auto a = advisor::advise(w, in(advisor::Context::evaluate));
    REQUIRE(a.recommendation.backfill);
    const auto& b = *a.recommendation.backfill;
    CHECK(b.events == Approx(7.3e9));
    // 7.3e9 / 5000/s = 1.46e6 node-seconds over (12h - 3m of start-up) → 34 nodes
    CHECK(b.nodes == 34);
    CHECK(b.duration_seconds == Approx(180.0 + 7.3e9 / (34 * 5000.0)));
    CHECK(b.cost_usd == Approx(34 * b.duration_seconds / 3600.0 * w.infrastructure.node_hour_usd));
    CHECK(b.duration_seconds <= advisor::k_backfill_target_seconds);
    CHECK_THAT(a.recommendation.summary, Catch::Contains("a one-off run over 7.3G events takes about"));
    CHECK_THAT(a.recommendation.summary, Catch::Contains("on 34 nodes"));
    CHECK_THAT(a.recommendation.summary, !Catch::Contains("/month"));

    // Stated nodes stay as stated.
    auto stated = w;
    stated.locations["infrastructure.nodes"] = util::Location{w.file, 99, 3};
    stated.infrastructure.nodes = 20;
    const auto s = advisor::advise(stated, in(advisor::Context::evaluate));
    REQUIRE(s.recommendation.backfill);
    CHECK(s.recommendation.backfill->nodes == 20);
    CHECK(s.recommendation.backfill->duration_seconds == Approx(180.0 + 7.3e9 / (20 * 5000.0)));
}

TEST_CASE("a stated schedule that misses the target is sla-not-met at the key, with the value that meets it",
          "[advisor]") {
    auto w = sound_batch();
    w.infrastructure.batch_schedule = secs(43200);
    w.infrastructure.batch_schedule_auto = false;
    locate(w, {"infrastructure.batch_schedule"});
    advisor::SimulatedFacts facts;
    auto c = config(43200, 0.07, true);
    c.meeting_interval_seconds = 1800;
    facts.configurations["batch"] = c;
    for (auto context : {advisor::Context::check, advisor::Context::evaluate}) {
        const auto a = advisor::advise(w, with_facts(context, facts));
        const auto f = with_id(a, "sla-not-met");
        REQUIRE(f.size() == 1);
        CHECK(f[0].path == "infrastructure.batch_schedule");
        CHECK(f[0].location.line == w.location_of("infrastructure.batch_schedule").line);
        CHECK(f[0].severity == (context == advisor::Context::check ? Severity::error : Severity::warning));
        CHECK_THAT(f[0].message, Catch::StartsWith("Batch every 12h (infrastructure.batch_schedule) delivers "
                                                   "7.0% of events within the 1h SLA"));
        CHECK_THAT(f[0].message, Catch::Contains("set infrastructure.batch_schedule: 30m"));
        CHECK_THAT(a.recommendation.headline,
                   Catch::StartsWith("batch every 12h on 10 nodes: 7.0% within 1h. "
                                     "That misses the 99.0% target"));
        REQUIRE(a.recommendation.configuration);
        CHECK_FALSE(a.recommendation.configuration->meets_target());
    }
    // Meeting the target: no finding.
    facts.configurations["batch"] = config(43200, 0.995, true);
    const auto ok = advisor::advise(w, with_facts(advisor::Context::check, facts));
    CHECK(with_id(ok, "sla-not-met").empty());
    // A searched (auto) configuration is not "stated": the summary speaks for it.
    facts.configurations["batch"] = config(1800, 0.5, false);
    CHECK(with_id(advisor::advise(w, with_facts(advisor::Context::check, facts)), "sla-not-met").empty());
}

TEST_CASE("the answer leads with the recommended configuration and its simulated attainment", "[advisor]") {
    auto w = sound_batch();
    advisor::SimulatedFacts facts;
    facts.monthly_cost_usd = {{"batch", 312.0}, {"micro_batch", 600.0}, {"streaming", 1400.0}};
    auto c = config(1800, 0.9964, false);
    c.meeting_interval_seconds = 1800;
    facts.configurations["batch"] = c;
    const auto a = advisor::advise(w, with_facts(advisor::Context::evaluate, facts));
    CHECK(a.recommendation.headline == "batch every 30m on 10 nodes: 99.6% within 1h, $312/month.");
    CHECK_THAT(a.recommendation.summary, Catch::StartsWith("Recommended: batch"));
    REQUIRE(a.recommendation.configuration);
    CHECK(*a.recommendation.configuration->interval_seconds == 1800);
}

TEST_CASE("when no batch schedule meets the target the answer moves to micro-batch and says why",
          "[advisor]") {
    auto w = sound_batch();
    w.use_cases[0].latency.sla = secs(600);
    advisor::SimulatedFacts facts;
    auto batch = config(300, 0.62, false);
    batch.best_interval_seconds = 300;
    batch.best_attainment = 0.62;
    facts.configurations["batch"] = batch;
    auto micro = config(120, 0.998, false);
    micro.meeting_interval_seconds = 120;
    facts.configurations["micro_batch"] = micro;
    const auto a = advisor::advise(w, with_facts(advisor::Context::evaluate, facts));
    CHECK(a.recommendation.architecture == Architecture::micro_batch);
    CHECK(a.recommendation.moved_from_batch);
    REQUIRE(a.recommendation.suggested_trigger);
    CHECK(a.recommendation.suggested_trigger->seconds() == 120.0);
    CHECK(a.questions[0].answer == "micro_batch: no batch schedule meets the SLA 10m");
    CHECK_THAT(a.questions[0].reason, Catch::Contains("even every 5m a run's start-up and processing leave "
                                                      "62.0% within 10m (simulated)"));
    CHECK(a.recommendation.headline == "micro_batch with a 2m trigger on 10 nodes: 99.8% within 10m.");
    // A stated schedule is the team's choice: the answer stays batch and sla-not-met speaks.
    facts.configurations["batch"].stated = true;
    const auto stated = advisor::advise(w, with_facts(advisor::Context::evaluate, facts));
    CHECK(stated.recommendation.architecture == Architecture::batch);
}

TEST_CASE("a use case's own watermark is the one judged", "[advisor]") {
    auto w = sound_streaming();
    w.use_cases[0].watermark = secs(1);  // drops 1.6% of events; the shared 15s drops none
    const auto a = advisor::advise(w, in(advisor::Context::check));
    const auto f = with_id(a, "watermark-drops-events");
    REQUIRE(f.size() == 1);
    CHECK(f[0].path == "proposal.watermark");  // no use_cases: the path has no prefix
    CHECK(f[0].severity == Severity::error);
    CHECK_THAT(f[0].message, Catch::StartsWith("watermark 1s is shorter"));
}
