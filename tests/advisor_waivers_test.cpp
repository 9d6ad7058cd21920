#include <catch2/catch.hpp>

#include "advisor_fixtures.hpp"

using namespace advisor_fixtures;
namespace advisor = pipeadvise::advisor;
namespace model = pipeadvise::model;
using advisor::Severity;

namespace {

model::Workload with_short_watermark() {
    auto w = sound_streaming();
    w.proposal.watermark = secs(5);  // p99 is 15s
    return w;
}

model::Waiver waiver(std::string id, pipeadvise::util::Date expires, std::size_t index) {
    model::Waiver v;
    v.id = std::move(id);
    v.reason = "drops under 0.5% accepted by the risk team";
    v.expires = expires;
    v.path = "proposal.waivers[" + std::to_string(index) + "]";
    return v;
}

}  // namespace

TEST_CASE("an active waiver suppresses its finding and keeps it listed", "[advisor]") {
    auto w = with_short_watermark();
    w.proposal.waivers.push_back(waiver("watermark-too-short", {2027, 3, 31}, 0));
    auto a = advisor::advise(w, in(advisor::Context::check));
    auto f = with_id(a, "watermark-too-short");
    REQUIRE(f.size() == 1);
    CHECK(f[0].suppressed);
    CHECK(f[0].suppression_reason == "drops under 0.5% accepted by the risk team");
    CHECK(f[0].severity == Severity::warning);
    CHECK(with_id(a, "waiver-expired").empty());
    CHECK(with_id(a, "waiver-unused").empty());
}

TEST_CASE("a waiver expiring today still applies", "[advisor]") {
    auto w = with_short_watermark();
    w.proposal.waivers.push_back(waiver("watermark-too-short", {2026, 6, 1}, 0));
    auto a = advisor::advise(w, in(advisor::Context::check));
    REQUIRE(with_id(a, "watermark-too-short").size() == 1);
    CHECK(with_id(a, "watermark-too-short")[0].suppressed);
}

TEST_CASE("an expired waiver is a warning at the waiver and no longer suppresses", "[advisor]") {
    auto w = with_short_watermark();
    w.proposal.waivers.push_back(waiver("watermark-too-short", {2026, 5, 31}, 0));
    for (auto context : {advisor::Context::check, advisor::Context::evaluate}) {
        auto a = advisor::advise(w, in(context));
        auto f = with_id(a, "watermark-too-short");
        REQUIRE(f.size() == 1);
        CHECK_FALSE(f[0].suppressed);
        auto e = with_id(a, "waiver-expired");
        REQUIRE(e.size() == 1);
        CHECK(e[0].severity == Severity::warning);
        CHECK(e[0].path == "proposal.waivers[0].expires");
        CHECK(e[0].location.line == w.locations.at("proposal.waivers[0].expires").line);
        CHECK_THAT(e[0].message, Catch::Contains("expired on 2026-05-31"));
        CHECK_THAT(e[0].message, Catch::Contains("today is 2026-06-01"));
    }
}

TEST_CASE("a waiver with an unknown id suggests the closest rule", "[advisor]") {
    auto w = with_short_watermark();
    w.proposal.waivers.push_back(waiver("watermark-to-short", {2027, 1, 1}, 0));
    w.proposal.waivers.push_back(waiver("completely-unrelated-name", {2027, 1, 1}, 1));
    auto a = advisor::advise(w, in(advisor::Context::check));
    auto u = with_id(a, "waiver-unknown-id");
    REQUIRE(u.size() == 2);
    CHECK(u[0].path == "proposal.waivers[0].id");
    CHECK(u[0].severity == Severity::warning);
    CHECK_THAT(u[0].message, Catch::Contains("did you mean 'watermark-too-short'?"));
    CHECK(u[1].path == "proposal.waivers[1].id");
    CHECK_THAT(u[1].message, Catch::Contains("it waives nothing"));
    // the misspelt waiver suppresses nothing
    CHECK_FALSE(with_id(a, "watermark-too-short")[0].suppressed);
}

TEST_CASE("a waiver that matches no finding is reported as unused", "[advisor]") {
    auto w = sound_streaming();
    w.proposal.waivers.push_back(waiver("state-store-oom", {2027, 1, 1}, 0));
    auto a = advisor::advise(w, in(advisor::Context::check));
    auto u = with_id(a, "waiver-unused");
    REQUIRE(u.size() == 1);
    CHECK(u[0].severity == Severity::info);
    CHECK(u[0].path == "proposal.waivers[0].id");
}

TEST_CASE("a waiver suppresses every finding of its id, and errors stay errors", "[advisor]") {
    auto w = sound_hybrid();
    w.use_cases[0].latency.verified_with_stakeholders = false;
    w.use_cases[1].latency.sla = secs(120);  // both under 5 min now
    w.use_cases[1].latency.verified_with_stakeholders = false;
    w.proposal.architecture = pipeadvise::model::Architecture::full_streaming;
    w.proposal.waivers.push_back(waiver("sla-not-verified", {2027, 1, 1}, 0));
    auto a = advisor::advise(w, in(advisor::Context::check));
    auto f = with_id(a, "sla-not-verified");
    REQUIRE(f.size() == 2);
    CHECK(f[0].suppressed);
    CHECK(f[1].suppressed);
    auto mismatch = with_id(a, "architecture-mismatch");
    CHECK(mismatch.empty());  // fraud full_streaming + feature micro_batch → full_streaming platform
}
