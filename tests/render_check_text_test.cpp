#include <catch2/catch.hpp>

#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"
#include "render_check_fixtures.hpp"

using namespace pipeadvise;
using pipeadvise::test::rule_id;

namespace {
render::RenderOptions options(std::string fail_on = "error", bool color = false) {
    render::RenderOptions o;
    o.version = "9.8.7";
    o.fail_on = std::move(fail_on);
    o.color = color;
    return o;
}
}  // namespace

TEST_CASE("check text prints compiler-style lines grouped by file and a summary", "[render][check]") {
    const auto fx = test::sample_fixture();
    const std::string out = render::detail::check_text(fx.evaluations, options());
    const std::string expected =
        "proposals/stream.yaml (card-fraud-velocity): recommended micro_batch; proposed full_streaming\n"
        "proposals/stream.yaml:40:17: error: proposal says full_streaming [" +
        rule_id(0) +
        "]\n"
        "proposals/stream.yaml:42:14: warning: watermark 10m is shorter than p99 2h [" +
        rule_id(1) +
        "]\n"
        "proposals/stream.yaml:20:1: info: team.on_call is not stated [" +
        rule_id(2) +
        "]\n"
        "proposals/stream.yaml:30:14: error: retention 1d is too short [" +
        rule_id(3) +
        "] (waived: accepted by the platform team)\n"
        "\n"
        "batch.yaml (nightly-finance): recommended batch\n"
        "no findings\n"
        "\n"
        "1 error, 1 warning, 1 info, 1 suppressed in 2 files: FAILED (fail-on: error)\n";
    CHECK(out == expected);
}

TEST_CASE("check text pass/fail follows the fail-on threshold and ignores waived findings",
          "[render][check]") {
    auto fx = test::sample_fixture();
    auto& findings = fx.evaluations[0].advice.findings;
    findings.erase(findings.begin());  // drop the unsuppressed error; the waived error stays
    CHECK_THAT(
        render::detail::check_text(fx.evaluations, options("error")),
        Catch::EndsWith("0 errors, 1 warning, 1 info, 1 suppressed in 2 files: passed (fail-on: error)\n"));
    CHECK_THAT(render::detail::check_text(fx.evaluations, options("warning")),
               Catch::EndsWith("files: FAILED (fail-on: warning)\n"));
    findings.erase(findings.begin());  // drop the warning
    CHECK_THAT(render::detail::check_text(fx.evaluations, options("warning")),
               Catch::EndsWith("files: passed (fail-on: warning)\n"));
    CHECK_THAT(render::detail::check_text(fx.evaluations, options("info")),
               Catch::EndsWith("files: FAILED (fail-on: info)\n"));
}

TEST_CASE("check text colours severities only when asked", "[render][check]") {
    const auto fx = test::sample_fixture();
    const std::string plain = render::detail::check_text(fx.evaluations, options("error", false));
    const std::string color = render::detail::check_text(fx.evaluations, options("error", true));
    CHECK(plain.find('\033') == std::string::npos);
    CHECK(color.find("\033[1;31merror:\033[0m proposal says") != std::string::npos);
    CHECK(color.find("\033[1;33mwarning:\033[0m") != std::string::npos);
    CHECK(color.find("\033[1;36minfo:\033[0m") != std::string::npos);
    CHECK(color.find("\033[1;31mFAILED\033[0m") != std::string::npos);
}

TEST_CASE("check text omits unknown line and column and names the use case", "[render][check]") {
    test::CheckFixture fx;
    auto& e = fx.add("w.yaml", "w");
    auto f = test::make_finding(rule_id(0), advisor::Severity::warning, "m", "", 0, 0);
    f.use_case = "fraud";
    e.advice.findings.push_back(f);
    e.advice.findings.push_back(
        test::make_finding(rule_id(1), advisor::Severity::warning, "n", "w.yaml", 4, 0));
    const std::string out = render::detail::check_text(fx.evaluations, options());
    CHECK(out.find("\nw.yaml: warning: m [" + rule_id(0) + "; use case fraud]\n") != std::string::npos);
    CHECK(out.find("\nw.yaml:4: warning: n [" + rule_id(1) + "]\n") != std::string::npos);
}

TEST_CASE("summaries count unsuppressed findings by severity and suppressed ones apart", "[render][check]") {
    const auto fx = test::sample_fixture();
    const auto s = render::summarize_check(fx.evaluations, advisor::Severity::error);
    CHECK(s.counts.error == 1);
    CHECK(s.counts.warning == 1);
    CHECK(s.counts.info == 1);
    CHECK(s.counts.suppressed == 1);
    CHECK(s.files == 2);
    CHECK(s.failed);
    CHECK(render::parse_severity("warning") == advisor::Severity::warning);
    CHECK_FALSE(render::parse_severity("Error").has_value());
    CHECK_THROWS_AS(render::fail_on_threshold("fatal"), util::Error);
}
