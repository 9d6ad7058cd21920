#include <catch2/catch.hpp>

#include <cstdint>
#include <tuple>

#include "advisor_fixtures.hpp"
#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/questions.hpp"

using namespace advisor_fixtures;
namespace advisor = pipeadvise::advisor;
namespace model = pipeadvise::model;
using model::Architecture;

namespace {

/// A small deterministic generator (SplitMix64), so the sampled workloads are the same on
/// every run and platform.
class Sampler {
public:
    explicit Sampler(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int pick(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool coin() { return pick(2) == 0; }
    std::optional<bool> maybe() {
        const int r = pick(3);
        if (r == 0) return std::nullopt;
        return r == 1;
    }

private:
    std::uint64_t m_state;
};

model::UseCase sample_use_case(Sampler& s, const std::string& name) {
    static const std::int64_t k_slas[] = {1,   5,   30,  59,  60,  61,   119,  120,
                                          180, 299, 300, 301, 900, 3600, 86400};
    auto uc = use_case(name, k_slas[s.pick(15)], s.coin());
    uc.latency.verified_with_stakeholders = s.coin();
    if (s.coin()) uc.latency.decision.clear();
    uc.data.bounded = s.pick(5) == 0;
    static const double k_volumes[] = {1e3, 1e6, 1e7, 1e8, 1e9, 1e10};
    uc.data.volume_per_second = k_volumes[s.pick(6)] / 86400.0;
    uc.data.peak_to_mean = 1.0 + s.pick(5);
    if (s.coin()) {
        uc.data.late_arrivals.fraction = 0.01 * (1 + s.pick(20));
        uc.data.late_arrivals.p50 = secs(1 + s.pick(600));
        uc.data.late_arrivals.p99 = secs(60 + s.pick(20000));
    }
    if (uc.computation.stateful) {
        uc.computation.state_size_bytes = (1LL << 30) * s.pick(200);
        if (s.coin()) uc.computation.window.reset();
    }
    return uc;
}

model::Workload sample_workload(Sampler& s) {
    auto w = base("sampled", sample_use_case(s, "sampled"));
    if (s.pick(3) == 0) {
        w.has_use_cases = true;
        w.use_cases.clear();
        const int n = 2 + s.pick(3);
        for (int i = 0; i < n; ++i) {
            auto uc = sample_use_case(s, "uc" + std::to_string(i));
            uc.path = "use_cases[" + std::to_string(i) + "]";
            w.use_cases.push_back(uc);
        }
    }
    w.team.maturity = static_cast<model::Maturity>(s.pick(3));
    w.team.kafka_experience = s.maybe();
    w.team.on_call = s.maybe();
    w.team.recovery_runbook = s.maybe();
    w.infrastructure.nodes = 1 + s.pick(20);
    w.infrastructure.node_throughput = 100.0 * (1 + s.pick(100));
    w.infrastructure.state_store = s.coin() ? model::StateStore::memory : model::StateStore::rocksdb;
    w.infrastructure.retention = secs(3600 * (1 + s.pick(200)));
    auto& p = w.proposal;
    p.present = s.pick(4) != 0;
    if (p.present) {
        if (s.coin()) p.architecture = static_cast<Architecture>(s.pick(5));
        if (s.coin()) p.watermark = secs(s.pick(7200));
        if (s.coin())
            p.checkpoint_location =
                s.coin() ? model::CheckpointLocation::durable : model::CheckpointLocation::local;
        p.dead_letter_queue = s.maybe();
        p.consumer_lag_alert = s.maybe();
        p.backfill_strategy = s.maybe();
        p.idempotent_jobs = s.maybe();
        p.partitioned_by_date = s.maybe();
        p.partition_overwrite = s.maybe();
        p.sla_monitored = s.maybe();
        p.checkpoint_backup = s.maybe();
        p.offset_reset_runbook = s.maybe();
        p.cost_comparison_done = s.maybe();
        p.shared_ingestion = s.maybe();
        p.sla_owned_by_one_layer = s.maybe();
        if (s.coin()) p.sink = static_cast<model::Sink>(s.pick(4));
        if (s.coin()) p.micro_batch_rejected_because = "a reason";
        static const char* k_ids[] = {"watermark-too-short", "state-store-oom", "no-such-rule",
                                      "checklist-not-stated"};
        for (int i = 0, n = s.pick(3); i < n; ++i) {
            model::Waiver v;
            v.id = k_ids[s.pick(4)];
            v.reason = "sampled";
            v.expires = pipeadvise::util::Date{2026, 1 + s.pick(12), 1};
            w.proposal.waivers.push_back(v);
        }
    }
    return w;
}

std::size_t sentences(const std::string& text) {
    std::size_t n = 1;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        // "e.g. " is an abbreviation, not the end of a sentence
        if (text[i] == '.' && text[i + 1] == ' ' && !(i >= 3 && text.compare(i - 3, 4, "e.g.") == 0)) ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("advice on sampled workloads keeps its invariants", "[advisor]") {
    Sampler s(20261124);
    for (int round = 0; round < 400; ++round) {
        const model::Workload w = sample_workload(s);
        for (auto context : {advisor::Context::check, advisor::Context::evaluate}) {
            const advisor::Advice a = advisor::advise(w, in(context));
            INFO("round " << round << "\n" << describe(a));
            REQUIRE(a.use_cases.size() == w.use_cases.size());
            for (std::size_t i = 0; i < a.use_cases.size(); ++i) {
                const auto& uc = a.use_cases[i];
                const auto& src = w.use_cases[i];
                REQUIRE(uc.questions.size() == 5);
                const char* ids[] = {"latency", "state", "boundedness", "failure", "cost"};
                for (int q = 0; q < 5; ++q) {
                    CHECK(uc.questions[q].id == ids[q]);
                    CHECK_FALSE(uc.questions[q].answer.empty());
                    CHECK(uc.questions[q].reason.back() == '.');
                    INFO(uc.questions[q].reason);
                    CHECK(sentences(uc.questions[q].reason) == 1);
                }
                const Architecture arch = uc.recommendation.architecture;
                CHECK(arch == advisor::recommended_architecture(src));
                if (src.data.bounded) CHECK(arch == Architecture::batch);
                if (src.latency.sla.seconds() >= 60.0) CHECK_FALSE(advisor::is_streaming(arch));
                // the fallback appears exactly for streaming with a stated team gap
                const bool gap = !advisor::team_gaps(w.team).empty();
                CHECK(uc.recommendation.fallback.has_value() == (advisor::is_streaming(arch) && gap));
                CHECK(sentences(uc.recommendation.summary) >= 2);
                CHECK(sentences(uc.recommendation.summary) <= 3);
            }
            CHECK(a.questions.size() == 5);
            if (w.use_cases.size() > 1) {
                bool continuous = false, periodic = false;
                for (const auto& uc : a.use_cases) {
                    (uc.recommendation.architecture == Architecture::batch ? periodic : continuous) = true;
                }
                CHECK((a.recommendation.architecture == Architecture::hybrid) == (continuous && periodic));
            }
            for (std::size_t i = 0; i < a.findings.size(); ++i) {
                const auto& f = a.findings[i];
                const advisor::Rule* rule = advisor::find_rule(f.id);
                REQUIRE(rule != nullptr);
                CHECK(f.severity <= rule->check_severity);
                if (context == advisor::Context::evaluate) CHECK(f.severity <= advisor::Severity::warning);
                CHECK(f.location.line >= 1);
                CHECK_FALSE(f.message.empty());
                CHECK_FALSE(f.path.empty());
                if (i > 0) {
                    const auto& p = a.findings[i - 1];
                    CHECK(std::tie(p.location.line, p.location.column, p.id) <=
                          std::tie(f.location.line, f.location.column, f.id));
                }
                if (f.suppressed) CHECK(f.suppression_reason == "sampled");
            }
        }
    }
}
