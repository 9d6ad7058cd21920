#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "pipeadvise/render/formats.hpp"
#include "render_check_fixtures.hpp"

using namespace pipeadvise;
using nlohmann::json;
using pipeadvise::test::rule_id;

namespace {
render::RenderOptions options(std::string fail_on = "error") {
    render::RenderOptions o;
    o.version = "9.8.7";
    o.fail_on = std::move(fail_on);
    return o;
}

std::vector<std::string> keys(const json& object) {
    std::vector<std::string> out;
    for (auto it = object.begin(); it != object.end(); ++it) out.push_back(it.key());
    return out;
}
}  // namespace

TEST_CASE("check json has the documented keys in a stable order", "[render][check]") {
    const auto fx = test::sample_fixture();
    const json doc = json::parse(render::detail::check_json(fx.evaluations, options()));
    // nlohmann::json sorts keys on parse; order is checked on the raw text below.
    CHECK(doc["pipeadvise_version"] == "9.8.7");
    CHECK(doc["fail_on"] == "error");
    REQUIRE(doc["files"].size() == 2);
    const json& file = doc["files"][0];
    CHECK(file["file"] == "proposals/stream.yaml");
    CHECK(file["workload"] == "card-fraud-velocity");
    CHECK(file["recommendation"]["architecture"] == "micro_batch");
    CHECK(file["recommendation"]["fallback"].is_null());
    CHECK(file["recommendation"]["summary"] == "A 2-minute trigger fits the 5m SLA.");
    CHECK(file["recommendation"]["cost_multiplier_vs_batch"] == 2.5);
    CHECK_FALSE(file.contains("use_cases"));
    REQUIRE(file["findings"].size() == 4);
    const json& f = file["findings"][0];
    CHECK(keys(f) == std::vector<std::string>{"help", "id", "location", "message", "path", "severity",
                                              "suppressed", "suppression_reason", "use_case"});
    CHECK(f["id"] == rule_id(0));
    CHECK(f["severity"] == "error");
    CHECK(f["message"] == "proposal says full_streaming");
    const advisor::Rule* rule = advisor::find_rule(rule_id(0));
    CHECK(f["help"] == (rule != nullptr ? rule->help : std::string()));
    CHECK(f["location"] == json{{"file", "proposals/stream.yaml"}, {"line", 40}, {"column", 17}});
    CHECK(f["path"] == "proposal.architecture");
    CHECK(f["use_case"] == "");
    CHECK(f["suppressed"] == false);
    const json& w = file["findings"][3];
    CHECK(w["suppressed"] == true);
    CHECK(w["suppression_reason"] == "accepted by the platform team");
    CHECK(doc["files"][1]["findings"] == json::array());
    CHECK(doc["files"][1]["recommendation"]["cost_multiplier_vs_batch"].is_null());
    CHECK(doc["summary"] ==
          json{{"error", 1}, {"warning", 1}, {"info", 1}, {"suppressed", 1}, {"failed", true}});
}

TEST_CASE("check json keeps the spec's key order in the text", "[render][check]") {
    const auto fx = test::sample_fixture();
    const std::string out = render::detail::check_json(fx.evaluations, options());
    std::size_t last = 0;
    for (const char* key :
         {"\"pipeadvise_version\"", "\"fail_on\"", "\"files\"", "\"file\"", "\"workload\"",
          "\"recommendation\"", "\"findings\"", "\"id\"", "\"severity\"", "\"message\"", "\"help\"",
          "\"location\"", "\"path\"", "\"use_case\"", "\"suppressed\"", "\"suppression_reason\""}) {
        const auto at = out.find(key, last);
        INFO(key);
        REQUIRE(at != std::string::npos);
        last = at;
    }
    CHECK(out.rfind("\"summary\"") > last);
}

TEST_CASE("check json summary follows --fail-on", "[render][check]") {
    auto fx = test::sample_fixture();
    fx.evaluations[0].advice.findings.erase(fx.evaluations[0].advice.findings.begin());
    CHECK(json::parse(render::detail::check_json(fx.evaluations, options("error")))["summary"]["failed"] ==
          false);
    const json doc = json::parse(render::detail::check_json(fx.evaluations, options("warning")));
    CHECK(doc["summary"]["failed"] == true);
    CHECK(doc["fail_on"] == "warning");
}

TEST_CASE("check json lists use cases for a file with use_cases", "[render][check]") {
    test::CheckFixture fx;
    auto& e = fx.add("hybrid.yaml", "platform");
    fx.workloads[0]->has_use_cases = true;
    e.advice.recommendation.architecture = model::Architecture::hybrid;
    advisor::UseCaseAdvice a;
    a.name = "fraud";
    a.recommendation.architecture = model::Architecture::full_streaming;
    a.recommendation.fallback = model::Architecture::micro_batch;
    advisor::UseCaseAdvice b;
    b.name = "finance";
    e.advice.use_cases = {a, b};
    const json doc = json::parse(render::detail::check_json(fx.evaluations, options()));
    const json& uc = doc["files"][0]["use_cases"];
    REQUIRE(uc.size() == 2);
    CHECK(uc[0]["name"] == "fraud");
    CHECK(uc[0]["recommendation"]["architecture"] == "full_streaming");
    CHECK(uc[0]["recommendation"]["fallback"] == "micro_batch");
    CHECK(uc[1]["recommendation"]["architecture"] == "batch");
    CHECK(doc["files"][0]["recommendation"]["architecture"] == "hybrid");
}
