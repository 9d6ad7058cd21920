#include <catch2/catch.hpp>

#include "pipeadvise/render/formats.hpp"
#include "render_check_fixtures.hpp"

using namespace pipeadvise;
using pipeadvise::test::rule_id;

namespace {
render::RenderOptions options(std::string fail_on = "error") {
    render::RenderOptions o;
    o.version = "9.8.7";
    o.fail_on = std::move(fail_on);
    return o;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

/// The <testcase> element for `rule` in the first suite, from its start to its end.
std::string testcase(const std::string& xml, const std::string& classname, const std::string& rule) {
    const std::string open = "<testcase classname=\"" + classname + "\" name=\"" + rule + "\"";
    const auto at = xml.find(open);
    if (at == std::string::npos) return "";
    const auto self_closed = xml.find("/>\n", at);
    const auto end_tag = xml.find("</testcase>", at);
    const auto next_open = xml.find("<testcase", at + 1);
    if (end_tag == std::string::npos || (next_open != std::string::npos && end_tag > next_open)) {
        return xml.substr(at, self_closed + 2 - at);
    }
    return xml.substr(at, end_tag + 11 - at);
}
}  // namespace

TEST_CASE("check junit has one suite per file and one testcase per rule", "[render][check][junit]") {
    const auto fx = test::sample_fixture();
    const std::string xml = render::detail::check_junit(fx.evaluations, options());
    const std::size_t rules = advisor::rules().size();
    // Rules 0..3 of the catalogue are used by the fixture; unknown ids would add testcases.
    const std::size_t per_file = std::max<std::size_t>(rules, 4);
    CHECK_THAT(
        xml,
        Catch::StartsWith(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pipeadvise check\" tests=\"" +
            std::to_string(2 * per_file) + "\" failures=\"1\" errors=\"0\" skipped=\"1\">\n"));
    CHECK(count(xml, "<testsuite ") == 2);
    CHECK(xml.find("<testsuite name=\"proposals/stream.yaml\" tests=\"" + std::to_string(per_file) +
                   "\" failures=\"1\" errors=\"0\" skipped=\"1\">") != std::string::npos);
    CHECK(xml.find("<testsuite name=\"batch.yaml\" tests=\"" + std::to_string(per_file) +
                   "\" failures=\"0\" errors=\"0\" skipped=\"0\">") != std::string::npos);
    CHECK(count(xml, "<testcase classname=\"proposals/stream.yaml\"") == per_file);
    CHECK(count(xml, "<testcase classname=\"batch.yaml\"") == per_file);
    CHECK(xml.find("<property name=\"workload\" value=\"card-fraud-velocity\"/>") != std::string::npos);
    CHECK(xml.find("<property name=\"recommendation\" value=\"recommended micro_batch; proposed "
                   "full_streaming\"/>") != std::string::npos);
    CHECK_THAT(xml, Catch::EndsWith("</testsuite>\n</testsuites>\n"));
}

TEST_CASE("check junit fails, passes with output, or skips each rule's testcase", "[render][check][junit]") {
    const auto fx = test::sample_fixture();
    const std::string xml = render::detail::check_junit(fx.evaluations, options());
    const std::string file = "proposals/stream.yaml";
    CHECK(
        testcase(xml, file, rule_id(0)) ==
        "<testcase classname=\"proposals/stream.yaml\" name=\"" + rule_id(0) +
            "\" file=\"proposals/stream.yaml\" line=\"40\">\n      <failure type=\"error\" "
            "message=\"proposal says full_streaming\">"
            "proposals/stream.yaml:40:17: error: proposal says full_streaming\n</failure>\n    </testcase>");
    CHECK(testcase(xml, file, rule_id(1)) == "<testcase classname=\"proposals/stream.yaml\" name=\"" +
                                                 rule_id(1) +
                                                 "\" file=\"proposals/stream.yaml\" line=\"42\">\n"
                                                 "      <system-out>proposals/stream.yaml:42:14: "
                                                 "warning: watermark 10m is shorter than p99 2h "
                                                 "(below --fail-on error)\n</system-out>\n    </testcase>");
    CHECK(testcase(xml, file, rule_id(3)) ==
          "<testcase classname=\"proposals/stream.yaml\" name=\"" + rule_id(3) +
              "\" file=\"proposals/stream.yaml\" line=\"30\">\n      <skipped message=\"waived: accepted by "
              "the platform team\"/>\n    </testcase>");
    CHECK(testcase(xml, "batch.yaml", rule_id(0)) ==
          "<testcase classname=\"batch.yaml\" name=\"" + rule_id(0) + "\" file=\"batch.yaml\"/>");
}

TEST_CASE("check junit failures follow --fail-on", "[render][check][junit]") {
    const auto fx = test::sample_fixture();
    const std::string xml = render::detail::check_junit(fx.evaluations, options("info"));
    CHECK(xml.find("failures=\"3\"") !=
          std::string::npos);  // error, warning and info fail; the waived one skips
    CHECK(testcase(xml, "proposals/stream.yaml", rule_id(1)).find("<failure type=\"warning\"") !=
          std::string::npos);
    CHECK(testcase(xml, "proposals/stream.yaml", rule_id(2)).find("<failure type=\"info\"") !=
          std::string::npos);
    CHECK(xml.find("<property name=\"fail_on\" value=\"info\"/>") != std::string::npos);
}

TEST_CASE("check junit folds several findings of one rule into one testcase", "[render][check][junit]") {
    test::CheckFixture fx;
    auto& e = fx.add("w.yaml", "w");
    e.advice.findings.push_back(
        test::make_finding(rule_id(0), advisor::Severity::warning, "first", "w.yaml", 1, 1));
    e.advice.findings.push_back(
        test::make_finding(rule_id(0), advisor::Severity::error, "second", "w.yaml", 2, 1));
    e.advice.findings.push_back(test::waived(
        test::make_finding(rule_id(0), advisor::Severity::error, "third", "w.yaml", 3, 1), "ok"));
    const std::string xml = render::detail::check_junit(fx.evaluations, options("warning"));
    CHECK(
        testcase(xml, "w.yaml", rule_id(0)) ==
        "<testcase classname=\"w.yaml\" name=\"" + rule_id(0) +
            "\" file=\"w.yaml\" line=\"1\">\n      <failure type=\"error\" message=\"first (and 1 "
            "more)\">w.yaml:1:1: warning: first\n"
            "w.yaml:2:1: error: second\nw.yaml:3:1: error: third (waived: ok)\n</failure>\n    </testcase>");
}
