#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "pipeadvise/advisor/advisor.hpp"
#include "pipeadvise/model/loader.hpp"
#include "workload_file.hpp"

namespace advisor = pipeadvise::advisor;
namespace model = pipeadvise::model;
using model::Architecture;

namespace {

const std::filesystem::path k_scenarios = std::filesystem::path(PIPEADVISE_SOURCE_DIR) / "scenarios";

/// What each bundled scenario must come to: the recommendation, its fallback, and the
/// unsuppressed warnings and errors `check` reports (the comment block of each file says why).
struct Expected {
    Architecture architecture;
    std::optional<Architecture> fallback;
    std::set<std::string> errors;
    std::set<std::string> warnings;
};

const std::map<std::string, Expected>& expectations() {
    static const std::map<std::string, Expected> k{
        {"hourly-bi-dashboard.yaml", {Architecture::batch, std::nullopt, {}, {}}},
        {"marketing-attribution.yaml", {Architecture::batch, std::nullopt, {}, {"full-overwrite"}}},
        {"finance-reconciliation.yaml", {Architecture::batch, std::nullopt, {}, {}}},
        {"historical-backfill.yaml",
         {Architecture::batch,
          std::nullopt,
          {"replay-exceeds-retention", "streaming-where-batch-suffices"},
          {"sla-not-verified", "no-decision-stated", "window-emission-exceeds-sla"}}},
        {"monthly-cohorts.yaml", {Architecture::batch, std::nullopt, {}, {}}},
        {"ml-feature-snapshots.yaml", {Architecture::micro_batch, std::nullopt, {}, {}}},
        {"card-fraud-velocity.yaml", {Architecture::full_streaming, std::nullopt, {}, {}}},
        {"realtime-personalization.yaml", {Architecture::full_streaming, std::nullopt, {}, {}}},
        {"error-rate-alerting.yaml",
         {Architecture::full_streaming, std::nullopt, {}, {"no-dead-letter-queue"}}},
        {"stateless-enrichment-serving.yaml", {Architecture::simple_streaming, std::nullopt, {}, {}}},
        {"hybrid-payments-platform.yaml", {Architecture::hybrid, std::nullopt, {}, {}}},
        {"low-maturity-streaming-request.yaml",
         {Architecture::simple_streaming,
          Architecture::micro_batch,
          {"team-not-ready-for-streaming", "checkpoint-local"},
          {"micro-batch-not-evaluated", "no-dead-letter-queue", "no-consumer-lag-alert",
           "no-backfill-strategy", "micro-batch-worst-case-exceeds-sla"}}},
        {"iot-telemetry-late-mobile.yaml",
         {Architecture::full_streaming,
          std::nullopt,
          {"state-store-oom", "watermark-drops-events"},
          {"window-emission-exceeds-sla"}}},
        {"reference-10m-per-day.yaml", {Architecture::simple_streaming, std::nullopt, {}, {}}},
        // spec §9 scenarios (the configuration each lands on is checked end to end)
        {"dispatch-eta-10m.yaml", {Architecture::batch, std::nullopt, {}, {}}},
        {"ops-report-1h.yaml", {Architecture::batch, std::nullopt, {}, {}}},
        {"stock-levels-3m.yaml", {Architecture::micro_batch, std::nullopt, {}, {}}},
        {"clickstream-backfill.yaml", {Architecture::batch, std::nullopt, {}, {}}},
    };
    return k;
}

advisor::AdviceOptions check_options() {
    advisor::AdviceOptions o;
    o.context = advisor::Context::check;
    o.today = pipeadvise::util::Date{2026, 6, 1};
    return o;
}

}  // namespace

TEST_CASE("there are at least 13 bundled scenarios and each has an expectation", "[advisor][scenarios]") {
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(k_scenarios)) {
        if (entry.path().extension() != ".yaml") continue;
        ++count;
        INFO(entry.path().filename().string());
        CHECK(expectations().count(entry.path().filename().string()) == 1);
    }
    CHECK(count >= 14);  // 13 advisor scenarios and the cost model's reference case
}

TEST_CASE("every bundled scenario lands where its comment says", "[advisor][scenarios]") {
    for (const auto& [file, expected] : expectations()) {
        SECTION(file) {
            const auto path = k_scenarios / file;
            REQUIRE(std::filesystem::exists(path));
            const model::Workload w = pipeadvise::test::load_workload_file(path);
            const advisor::Advice a = advisor::advise(w, check_options());
            CHECK(a.recommendation.architecture == expected.architecture);
            CHECK(a.recommendation.fallback == expected.fallback);
            std::set<std::string> errors, warnings;
            std::string listing;
            for (const auto& f : a.findings) {
                listing += std::string(advisor::to_string(f.severity)) + " " + f.id +
                           (f.suppressed ? " (waived)" : "") + ": " + f.message + "\n";
                if (f.suppressed) continue;
                if (f.severity == advisor::Severity::error) errors.insert(f.id);
                if (f.severity == advisor::Severity::warning) warnings.insert(f.id);
            }
            INFO(listing);
            CHECK(errors == expected.errors);
            CHECK(warnings == expected.warnings);
        }
    }
}

TEST_CASE("scenario details: trigger, fallback trigger, waiver and hybrid use cases",
          "[advisor][scenarios]") {
    auto load = [](const char* file) { return pipeadvise::test::load_workload_file(k_scenarios / file); };

    const auto ml = advisor::advise(load("ml-feature-snapshots.yaml"), check_options());
    REQUIRE(ml.recommendation.suggested_trigger);
    CHECK(*ml.recommendation.suggested_trigger == pipeadvise::util::Duration::from_seconds_int(120));

    const auto low = advisor::advise(load("low-maturity-streaming-request.yaml"), check_options());
    REQUIRE(low.recommendation.suggested_trigger);
    CHECK(*low.recommendation.suggested_trigger == pipeadvise::util::Duration::from_seconds_int(30));
    CHECK_THAT(low.recommendation.summary, Catch::Contains("Fallback: micro_batch"));

    const auto fraud = advisor::advise(load("card-fraud-velocity.yaml"), check_options());
    bool waived = false;
    for (const auto& f : fraud.findings) waived = waived || (f.id == "watermark-too-short" && f.suppressed);
    CHECK(waived);
    // once the waiver has expired the watermark is a warning again, and so is the waiver
    auto later = check_options();
    later.today = pipeadvise::util::Date{2027, 7, 1};
    const auto expired = advisor::advise(load("card-fraud-velocity.yaml"), later);
    std::set<std::string> ids;
    for (const auto& f : expired.findings) {
        if (!f.suppressed) ids.insert(f.id);
    }
    CHECK(ids.count("watermark-too-short") == 1);
    CHECK(ids.count("waiver-expired") == 1);

    const auto hybrid = advisor::advise(load("hybrid-payments-platform.yaml"), check_options());
    REQUIRE(hybrid.use_cases.size() == 3);
    CHECK(hybrid.use_cases[0].recommendation.architecture == Architecture::full_streaming);
    CHECK(hybrid.use_cases[1].recommendation.architecture == Architecture::micro_batch);
    CHECK(*hybrid.use_cases[1].recommendation.suggested_trigger ==
          pipeadvise::util::Duration::from_seconds_int(60));
    CHECK(hybrid.use_cases[2].recommendation.architecture == Architecture::batch);

    const auto iot = advisor::advise(load("iot-telemetry-late-mobile.yaml"), check_options());
    for (const auto& f : iot.findings) {
        if (f.id == "watermark-too-short") {
            // 15% late, lognormal(p50 20m, p99 2h): P(lateness > 10m) = 0.816
            CHECK_THAT(f.message, Catch::Contains("about 12% of events would be dropped"));
            CHECK(f.location.line > 0);
        }
    }
}
