#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "pipeadvise/render/escape.hpp"
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

json sarif(const test::CheckFixture& fx) {
    return json::parse(render::detail::check_sarif(fx.evaluations, options()));
}

std::string level_of(advisor::Severity s) {
    return s == advisor::Severity::error ? "error" : s == advisor::Severity::warning ? "warning" : "note";
}
}  // namespace

TEST_CASE("check sarif is one 2.1.0 run describing every catalogue rule", "[render][check][sarif]") {
    const json doc = sarif(test::sample_fixture());
    CHECK(doc["version"] == "2.1.0");
    CHECK(doc["$schema"] ==
          "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
    REQUIRE(doc["runs"].size() == 1);
    const json& driver = doc["runs"][0]["tool"]["driver"];
    CHECK(driver["name"] == "pipeadvise");
    CHECK(driver["version"] == "9.8.7");
    CHECK_FALSE(driver.contains("informationUri"));
    const auto& catalogue = advisor::rules();
    REQUIRE(driver["rules"].size() == catalogue.size());
    for (std::size_t i = 0; i < catalogue.size(); ++i) {
        const json& r = driver["rules"][i];
        INFO(catalogue[i].id);
        CHECK(r["id"] == catalogue[i].id);
        CHECK(r["name"].get<std::string>().find('-') == std::string::npos);
        CHECK(r["shortDescription"]["text"] == catalogue[i].title);
        CHECK(r["fullDescription"]["text"] == catalogue[i].help);
        CHECK(r["help"]["text"] == catalogue[i].help);
        CHECK(r["help"]["markdown"].get<std::string>().find(render::escape_markdown(catalogue[i].help)) !=
              std::string::npos);
        CHECK(r["defaultConfiguration"]["level"] == level_of(catalogue[i].check_severity));
    }
}

TEST_CASE("check sarif results carry rule, level, message, location and suppressions",
          "[render][check][sarif]") {
    const json doc = sarif(test::sample_fixture());
    const json& results = doc["runs"][0]["results"];
    REQUIRE(results.size() == 4);
    const json& r0 = results[0];
    CHECK(r0["ruleId"] == rule_id(0));
    if (!advisor::rules().empty()) CHECK(r0["ruleIndex"] == 0);
    CHECK(r0["level"] == "error");
    CHECK(r0["message"]["text"] == "proposal says full_streaming");
    const json& physical = r0["locations"][0]["physicalLocation"];
    CHECK(physical["artifactLocation"]["uri"] == "proposals/stream.yaml");
    CHECK(physical["region"] == json{{"startLine", 40}, {"startColumn", 17}});
    CHECK(r0["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "proposal.architecture");
    CHECK_FALSE(r0.contains("suppressions"));
    CHECK(results[1]["level"] == "warning");
    CHECK(results[2]["level"] == "note");
    const json& waived = results[3];
    CHECK(waived["level"] == "error");
    CHECK(waived["suppressions"] ==
          json::array({json{{"kind", "external"}, {"justification", "accepted by the platform team"}}}));
    CHECK(doc["runs"][0]["properties"]["failed"] == true);
}

TEST_CASE("check sarif fingerprints are the documented hash and ignore line moves",
          "[render][check][sarif]") {
    auto fx = test::sample_fixture();
    const json before = sarif(fx);
    const auto fingerprint = [](const json& doc, std::size_t i) {
        return doc["runs"][0]["results"][i]["partialFingerprints"]["pipeadviseFinding/v1"].get<std::string>();
    };
    const std::string identity =
        rule_id(0) + '\0' + "proposals/stream.yaml" + '\0' + "proposal.architecture" + '\0';
    CHECK(fingerprint(before, 0) == render::to_hex(render::fnv1a_64(identity)));
    std::set<std::string> distinct;
    for (std::size_t i = 0; i < 4; ++i) distinct.insert(fingerprint(before, i));
    CHECK(distinct.size() == 4);

    // Unrelated lines inserted above: every finding moves down, fingerprints stay.
    for (auto& f : fx.evaluations[0].advice.findings) f.location.line += 3;
    const json moved = sarif(fx);
    for (std::size_t i = 0; i < 4; ++i) CHECK(fingerprint(moved, i) == fingerprint(before, i));
    CHECK(moved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 43);

    // A different key is a different finding.
    fx.evaluations[0].advice.findings[0].path = "proposal.sink";
    CHECK(fingerprint(sarif(fx), 0) != fingerprint(before, 0));
}

TEST_CASE("check sarif keeps repeated findings apart and omits unknown regions", "[render][check][sarif]") {
    test::CheckFixture fx;
    auto& e = fx.add("./sub\\w.yaml", "w");
    const auto f = test::make_finding(rule_id(0), advisor::Severity::warning, "m", "", 0, 0, "proposal");
    e.advice.findings = {f, f};
    e.advice.findings.push_back(test::make_finding(rule_id(1), advisor::Severity::info, "n", "", 5, 0));
    const json results = sarif(fx)["runs"][0]["results"];
    REQUIRE(results.size() == 3);
    const json& physical = results[0]["locations"][0]["physicalLocation"];
    CHECK(physical["artifactLocation"]["uri"] == "sub/w.yaml");
    CHECK_FALSE(physical.contains("region"));
    CHECK(results[0]["partialFingerprints"] != results[1]["partialFingerprints"]);
    CHECK(results[2]["locations"][0]["physicalLocation"]["region"] == json{{"startLine", 5}});
}

TEST_CASE("check sarif results without a catalogue rule have no ruleIndex", "[render][check][sarif]") {
    test::CheckFixture fx;
    auto& e = fx.add("w.yaml", "w");
    e.advice.findings.push_back(
        test::make_finding("not-a-catalogue-rule", advisor::Severity::error, "m", "w.yaml", 1, 1));
    const json r = sarif(fx)["runs"][0]["results"][0];
    CHECK(r["ruleId"] == "not-a-catalogue-rule");
    CHECK_FALSE(r.contains("ruleIndex"));
}
