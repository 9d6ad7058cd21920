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

namespace {

using Mutation = std::function<void(model::Workload&)>;

/// A rule's firing case and its quiet near-miss, each a mutation of a sound workload.
struct RuleCase {
    std::string id;
    std::function<model::Workload()> sound;
    Mutation fire;
    Mutation quiet;
    std::string path;  ///< the key the finding must point at
};

void no_change(model::Workload&) {}

std::vector<RuleCase> rule_cases() {
    return {
        {"architecture-mismatch", sound_streaming,
         [](model::Workload& w) {
             w.proposal.architecture = Architecture::micro_batch;
         },  // misses the 30s SLA
         no_change, "proposal.architecture"},
        {"streaming-where-batch-suffices", sound_batch,
         [](model::Workload& w) { w.proposal.architecture = Architecture::simple_streaming; },
         [](model::Workload& w) { w.proposal.architecture = Architecture::batch; }, "proposal.architecture"},
        {"team-not-ready-for-streaming", sound_streaming, [](model::Workload& w) { w.team.on_call = false; },
         // the same gap is no finding when the judged architecture is not streaming
         [](model::Workload& w) {
             w.team.on_call = false;
             w.use_cases[0].latency.sla = secs(3600);
             w.proposal.architecture = Architecture::batch;
             w.proposal.idempotent_jobs = w.proposal.partitioned_by_date = w.proposal.partition_overwrite =
                 w.proposal.sla_monitored = true;
         },
         "team.on_call"},
        {"state-store-oom", sound_streaming,
         [](model::Workload& w) {
             w.infrastructure.state_store = model::StateStore::memory;
             w.infrastructure.nodes = 2;
             w.infrastructure.node_memory_bytes = 8LL << 30;  // 16GiB < 20GiB of state
         },
         [](model::Workload& w) {
             w.infrastructure.state_store = model::StateStore::memory;
             w.infrastructure.nodes = 2;
             w.infrastructure.node_memory_bytes = 10LL << 30;  // exactly 20GiB: fits
         },
         "infrastructure.state_store"},
        {"retention-shorter-than-recovery", sound_streaming,
         [](model::Workload& w) { w.infrastructure.retention = secs(3600); },  // < 15m + 45m + rebuild
         [](model::Workload& w) { w.infrastructure.retention = secs(86400); }, "infrastructure.retention"},
        {"state-older-than-retention", sound_streaming,
         [](model::Workload& w) {
             w.use_cases[0].computation.window.reset();
             w.use_cases[0].computation.kind = model::ComputationKind::full_history;
             w.use_cases[0].data.history = secs(30 * 86400);  // 30d of state, 7d of log
             w.proposal.checkpoint_backup = false;
         },
         [](model::Workload& w) {
             w.use_cases[0].computation.window.reset();
             w.use_cases[0].computation.kind = model::ComputationKind::full_history;
             w.use_cases[0].data.history = secs(30 * 86400);  // backed-up checkpoints survive corruption
         },
         "infrastructure.retention"},
        {"checkpoint-local", sound_streaming,
         [](model::Workload& w) { w.proposal.checkpoint_location = model::CheckpointLocation::local; },
         no_change, "proposal.checkpoint_location"},
        {"capacity-exceeded", sound_batch,
         [](model::Workload& w) {
             w.infrastructure.nodes = 1;
             w.infrastructure.node_throughput = 100.0;  // < 115.7/s mean
         },
         [](model::Workload& w) {
             w.infrastructure.nodes = 1;
             w.infrastructure.node_throughput = 116.0;
         },
         "infrastructure.nodes"},
        {"peak-exceeds-capacity", sound_simple_streaming,
         [](model::Workload& w) {
             w.infrastructure.nodes = 1;
             w.infrastructure.node_throughput = 300.0;  // < 347.2/s peak
         },
         [](model::Workload& w) {
             w.infrastructure.nodes = 1;
             w.infrastructure.node_throughput = 350.0;
         },
         "infrastructure.nodes"},
        {"watermark-too-short", sound_streaming, [](model::Workload& w) { w.proposal.watermark = secs(5); },
         [](model::Workload& w) { w.proposal.watermark = secs(15); }, "proposal.watermark"},
        {"watermark-drops-events", sound_streaming,
         // 2% late, lognormal(p50 2s, p99 15s): a 1s watermark drops 1.6% of all events, 5s 0.29%
         [](model::Workload& w) { w.proposal.watermark = secs(1); },
         [](model::Workload& w) { w.proposal.watermark = secs(5); }, "proposal.watermark"},
        {"request-path-serving", sound_simple_streaming,
         [](model::Workload& w) { w.use_cases[0].latency.sla = util::Duration::from_seconds(0.5); },
         [](model::Workload& w) { w.use_cases[0].latency.sla = secs(1); }, "latency.sla"},
        {"micro-batch-worst-case-exceeds-sla", sound_micro_batch,
         // low maturity: 60m detection + 120m repair + restart, far over the 3m SLA
         [](model::Workload& w) { w.team.maturity = model::Maturity::low; },
         [](model::Workload& w) { w.team.maturity = model::Maturity::high; }, "team.maturity"},
        {"replay-exceeds-retention", sound_batch,
         [](model::Workload& w) {
             // a backfill planned as a micro-batch replay of 30d from a 7d log
             w.use_cases[0].data.bounded = true;
             w.use_cases[0].data.history = secs(30 * 86400);
             w.proposal.architecture = Architecture::micro_batch;
         },
         [](model::Workload& w) {
             // the same backfill in batch reads the raw events, not the log
             w.use_cases[0].data.bounded = true;
             w.use_cases[0].data.history = secs(30 * 86400);
         },
         "infrastructure.retention"},
        {"window-emission-exceeds-sla", sound_streaming,
         [](model::Workload& w) { w.use_cases[0].computation.window = secs(20); },  // 20 + 15 s > 30 s
         [](model::Workload& w) { w.use_cases[0].computation.window = secs(15); },  // 15 + 15 s fits exactly
         "computation.window"},
        {"micro-batch-not-evaluated", sound_streaming,
         [](model::Workload& w) { w.proposal.micro_batch_rejected_because.reset(); }, no_change,
         "proposal.micro_batch_rejected_because"},
        {"micro-batch-sla-at-risk", sound_micro_batch,
         [](model::Workload& w) {
             w.use_cases[0].latency.sla = secs(60);
             w.infrastructure.nodes = 1;
             w.infrastructure.node_throughput = 400.0;
         },
         [](model::Workload& w) {
             w.use_cases[0].latency.sla = secs(60);
             w.infrastructure.nodes = 1;
             w.infrastructure.node_throughput = 2000.0;  // 30 s + 5 + 5.2 s fits 60 s
         },
         "latency.sla"},
        {"no-dead-letter-queue", sound_streaming,
         [](model::Workload& w) { w.proposal.dead_letter_queue = false; }, no_change,
         "proposal.dead_letter_queue"},
        {"no-consumer-lag-alert", sound_micro_batch,
         [](model::Workload& w) { w.proposal.consumer_lag_alert = false; }, no_change,
         "proposal.consumer_lag_alert"},
        {"no-checkpoint-backup", sound_streaming,
         [](model::Workload& w) { w.proposal.checkpoint_backup = false; }, no_change,
         "proposal.checkpoint_backup"},
        {"no-offset-reset-runbook", sound_streaming,
         [](model::Workload& w) { w.proposal.offset_reset_runbook = false; }, no_change,
         "proposal.offset_reset_runbook"},
        {"no-cost-comparison", sound_streaming,
         [](model::Workload& w) { w.proposal.cost_comparison_done = false; }, no_change,
         "proposal.cost_comparison_done"},
        {"sla-not-verified", sound_micro_batch,
         [](model::Workload& w) {
             w.use_cases[0].latency.sla = secs(299);
             w.use_cases[0].latency.verified_with_stakeholders = false;
         },
         [](model::Workload& w) {
             w.use_cases[0].latency.sla = secs(300);  // 5 min is not "under 5 min"
             w.use_cases[0].latency.verified_with_stakeholders = false;
         },
         "latency.verified_with_stakeholders"},
        {"no-decision-stated", sound_streaming,
         [](model::Workload& w) { w.use_cases[0].latency.decision.clear(); }, no_change, "latency.decision"},
        {"database-sink-high-write-rate", sound_simple_streaming,
         [](model::Workload& w) {
             w.proposal.sink = model::Sink::database;
             w.use_cases[0].data.volume_per_second = 100e6 / 86400.0;  // 3.5k/s at the peak
         },
         [](model::Workload& w) { w.proposal.sink = model::Sink::database; },  // 347/s at the peak
         "proposal.sink"},
        {"no-backfill-strategy", sound_batch,
         [](model::Workload& w) { w.proposal.backfill_strategy = false; }, no_change,
         "proposal.backfill_strategy"},
        {"jobs-not-idempotent", sound_batch, [](model::Workload& w) { w.proposal.idempotent_jobs = false; },
         no_change, "proposal.idempotent_jobs"},
        {"no-date-partitioning", sound_batch,
         [](model::Workload& w) { w.proposal.partitioned_by_date = false; }, no_change,
         "proposal.partitioned_by_date"},
        {"full-overwrite", sound_batch, [](model::Workload& w) { w.proposal.partition_overwrite = false; },
         no_change, "proposal.partition_overwrite"},
        {"sla-not-monitored", sound_batch, [](model::Workload& w) { w.proposal.sla_monitored = false; },
         no_change, "proposal.sla_monitored"},
        {"hybrid-duplicate-ingestion", sound_hybrid,
         [](model::Workload& w) { w.proposal.shared_ingestion = false; }, no_change,
         "proposal.shared_ingestion"},
        {"hybrid-sla-ownership", sound_hybrid,
         [](model::Workload& w) { w.proposal.sla_owned_by_one_layer = false; }, no_change,
         "proposal.sla_owned_by_one_layer"},
        {"checklist-not-stated", sound_streaming,
         [](model::Workload& w) { w.proposal.dead_letter_queue.reset(); }, no_change,
         "proposal.dead_letter_queue"},
    };
}

}  // namespace

TEST_CASE("the rule catalogue has unique kebab-case ids with titles and help", "[advisor]") {
    std::set<std::string> seen;
    const std::regex kebab("[a-z]+(-[a-z]+)*");
    for (const auto& r : advisor::rules()) {
        CHECK(seen.insert(r.id).second);
        CHECK(std::regex_match(r.id, kebab));
        CHECK_FALSE(r.title.empty());
        CHECK(r.help.size() > 40);
        CHECK(advisor::find_rule(r.id) == &r);
    }
    CHECK(advisor::find_rule("no-such-rule") == nullptr);
    for (const char* id : {"architecture-mismatch",
                           "team-not-ready-for-streaming",
                           "state-store-oom",
                           "retention-shorter-than-recovery",
                           "checkpoint-local",
                           "watermark-too-short",
                           "micro-batch-not-evaluated",
                           "no-dead-letter-queue",
                           "no-consumer-lag-alert",
                           "sla-not-verified",
                           "no-decision-stated",
                           "database-sink-high-write-rate",
                           "no-backfill-strategy",
                           "streaming-where-batch-suffices",
                           "no-checkpoint-backup",
                           "jobs-not-idempotent",
                           "no-date-partitioning",
                           "full-overwrite",
                           "sla-not-monitored",
                           "no-offset-reset-runbook",
                           "no-cost-comparison",
                           "hybrid-duplicate-ingestion",
                           "hybrid-sla-ownership",
                           "checklist-not-stated",
                           "waiver-expired",
                           "waiver-unknown-id",
                           "micro-batch-sla-at-risk",
                           "capacity-exceeded"}) {
        CHECK(seen.count(id) == 1);
    }
}

TEST_CASE("check severities follow the spec table", "[advisor]") {
    auto sev = [](const char* id) { return advisor::find_rule(id)->check_severity; };
    for (const char* id :
         {"architecture-mismatch", "streaming-where-batch-suffices", "team-not-ready-for-streaming",
          "state-store-oom", "retention-shorter-than-recovery", "checkpoint-local"}) {
        CHECK(sev(id) == Severity::error);
    }
    for (const char* id : {"watermark-too-short", "micro-batch-not-evaluated", "no-dead-letter-queue",
                           "no-consumer-lag-alert", "sla-not-verified", "no-decision-stated",
                           "database-sink-high-write-rate", "no-backfill-strategy", "waiver-expired"}) {
        CHECK(sev(id) == Severity::warning);
    }
    // spec §9
    for (const char* id : {"watermark-drops-events", "sla-not-met", "replay-exceeds-retention"}) {
        CHECK(sev(id) == Severity::error);
    }
    for (const char* id : {"request-path-serving", "micro-batch-worst-case-exceeds-sla"}) {
        CHECK(sev(id) == Severity::warning);
    }
    CHECK(sev("checklist-not-stated") == Severity::info);
    CHECK(advisor::to_string(Severity::warning) == "warning");
}

TEST_CASE("sound workloads draw no finding", "[advisor]") {
    for (auto make :
         {sound_streaming, sound_simple_streaming, sound_micro_batch, sound_batch, sound_hybrid}) {
        auto w = make();
        for (auto context : {advisor::Context::check, advisor::Context::evaluate}) {
            auto a = advisor::advise(w, in(context));
            INFO(w.name << "\n" << describe(a));
            CHECK(a.findings.empty());
        }
    }
}

TEST_CASE("every rule fires on its minimal workload and stays quiet on its near miss", "[advisor]") {
    for (const auto& rc : rule_cases()) {
        const advisor::Rule* rule = advisor::find_rule(rc.id);
        REQUIRE(rule != nullptr);
        SECTION(rc.id) {
            auto fire = rc.sound();
            rc.fire(fire);
            auto quiet = rc.sound();
            rc.quiet(quiet);
            for (auto context : {advisor::Context::check, advisor::Context::evaluate}) {
                auto fired = advisor::advise(fire, in(context));
                INFO(rc.id << (context == advisor::Context::check ? " in check" : " in evaluate") << "\n"
                           << describe(fired));
                auto found = with_id(fired, rc.id);
                REQUIRE(found.size() >= 1);
                const advisor::Finding& f = found.front();
                CHECK(f.path == rc.path);
                CHECK(f.location.line == fire.location_of(rc.path).line);
                CHECK(f.location.line > 0);
                CHECK_FALSE(f.message.empty());
                CHECK_FALSE(f.suppressed);
                const Severity expected = context == advisor::Context::check
                                              ? rule->check_severity
                                              : std::min(rule->check_severity, Severity::warning);
                CHECK(f.severity == expected);

                auto calm = advisor::advise(quiet, in(context));
                INFO("near miss:\n" << describe(calm));
                CHECK(with_id(calm, rc.id).empty());
            }
        }
    }
}

TEST_CASE("findings cite the workload's values", "[advisor]") {
    auto w = sound_streaming();
    w.use_cases[0].data.late_arrivals.p50 = secs(30);
    w.use_cases[0].data.late_arrivals.p99 = secs(7200);
    w.proposal.watermark = secs(600);
    auto a = advisor::advise(w, in(advisor::Context::check));
    auto f = with_id(a, "watermark-too-short");
    REQUIRE(f.size() == 1);
    // 2% late, lognormal(p50 30s, p99 2h): P(lateness > 10m) = 0.102, so 0.20% of all events
    CHECK_THAT(f[0].message, Catch::StartsWith("watermark 10m is shorter than the late-arrival p99 of 2h"));
    CHECK_THAT(f[0].message, Catch::Contains("about 0.20% of events would be dropped"));
    CHECK_THAT(f[0].message, Catch::Contains("raise it to at least 2h"));

    // simulated drop fraction wins over the analytic one, and says so
    auto options = in(advisor::Context::check);
    advisor::SimulatedFacts facts;
    facts.watermark_drop_fraction = 0.016;
    options.facts.push_back(facts);
    // (over 1%, so it is watermark-drops-events, an error)
    auto s = with_id(advisor::advise(w, options), "watermark-drops-events");
    REQUIRE(s.size() == 1);
    CHECK(s[0].severity == Severity::error);
    CHECK_THAT(s[0].message, Catch::Contains("about 1.6% of events would be dropped (simulated)"));

    // the same 10m watermark delays every windowed result past the 30s SLA
    auto e = with_id(a, "window-emission-exceeds-sla");
    REQUIRE(e.size() == 1);
    CHECK_THAT(e[0].message, Catch::Contains("10s window + 10m watermark (proposal.watermark) = 10m10s"));
    CHECK_THAT(e[0].message, Catch::Contains("above the 30s SLA (latency.sla)"));
    // without a stated watermark the late-arrival p99 stands in, as in the simulator
    w.proposal.watermark.reset();
    auto p99 = with_id(advisor::advise(w, in(advisor::Context::check)), "window-emission-exceeds-sla");
    REQUIRE(p99.size() == 1);
    CHECK_THAT(p99[0].message,
               Catch::Contains("2h watermark (the late-arrival p99, as no watermark is stated)"));
    CHECK_THAT(p99[0].message, Catch::Contains("set computation.emit: on_update (early firing"));
    // a session's final result needs the session to close: per-event emission only for a
    // decision that reads the session state as it grows
    w.use_cases[0].computation.kind = model::ComputationKind::sessionization;
    auto session = with_id(advisor::advise(w, in(advisor::Context::check)), "window-emission-exceeds-sla");
    REQUIRE(session.size() == 1);
    CHECK_THAT(session[0].message, Catch::Contains("a session's final result needs the session to close"));
    CHECK_THAT(session[0].message,
               Catch::Contains("if the decision reads the session state as it is updated, "
                               "set computation.emit: on_update."));
    // results emitted on every update are usable once processed: the finding does not apply
    w.use_cases[0].computation.kind = model::ComputationKind::windowed_aggregation;
    w.use_cases[0].computation.emit = model::EmitMode::on_update;
    w.proposal.watermark = secs(600);
    CHECK(with_id(advisor::advise(w, in(advisor::Context::check)), "window-emission-exceeds-sla").empty());
    // the watermark still drops late events, so its finding stays
    CHECK(with_id(advisor::advise(w, in(advisor::Context::check)), "watermark-too-short").size() == 1);

    auto oom = sound_streaming();
    oom.infrastructure.state_store = model::StateStore::memory;
    oom.infrastructure.nodes = 1;
    oom.infrastructure.node_memory_bytes = 16LL << 30;
    auto o = with_id(advisor::advise(oom, in(advisor::Context::check)), "state-store-oom");
    REQUIRE(o.size() == 1);
    CHECK_THAT(o[0].message, Catch::Contains("20GiB of state"));
    CHECK_THAT(o[0].message, Catch::Contains("the cluster has 16GiB (1 × 16GiB)"));
    CHECK_THAT(o[0].message, Catch::Contains("rocksdb"));

    auto cap = sound_batch();
    cap.infrastructure.nodes = 1;
    cap.infrastructure.node_throughput = 100.0;
    auto c = with_id(advisor::advise(cap, in(advisor::Context::check)), "capacity-exceeded");
    REQUIRE(c.size() == 1);
    CHECK_THAT(c[0].message, Catch::Contains("backlog grows by 1.36M/day"));
}
