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

/// Markdown code span of a plain rule id, as the renderer writes it.
std::string code(const std::string& id) {
    return "`" + id + "`";
}
}  // namespace

TEST_CASE("check markdown is a PR comment with heading, tables and waived details",
          "[render][check][markdown]") {
    const auto fx = test::sample_fixture();
    const std::string out = render::detail::check_markdown(fx.evaluations, options());
    const std::string expected =
        "# \xE2\x9D\x8C pipeadvise check failed\n\n"
        "1 error, 1 warning, 1 info, 1 waived in 2 files; fails on `error` and above.\n"
        "\n## proposals/stream.yaml (card-fraud-velocity)\n\n"
        "**Recommended:** `micro_batch`; **proposed:** `full_streaming`\n\n"
        "A 2-minute trigger fits the 5m SLA.\n\n"
        "| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n"
        "| \xF0\x9F\x94\xB4 error | " +
        code(rule_id(0)) +
        " | proposals/stream.yaml:40:17 | proposal says full\\_streaming |\n"
        "| \xF0\x9F\x9F\xA1 warning | " +
        code(rule_id(1)) +
        " | proposals/stream.yaml:42:14 | watermark 10m is shorter than p99 2h |\n"
        "| \xF0\x9F\x94\xB5 info | " +
        code(rule_id(2)) +
        " | proposals/stream.yaml:20:1 | team.on\\_call is not stated |\n"
        "\n<details>\n<summary>1 waived finding</summary>\n\n"
        "| Severity | Rule | Location | Message | Waiver |\n| --- | --- | --- | --- | --- |\n"
        "| \xF0\x9F\x94\xB4 error | " +
        code(rule_id(3)) +
        " | proposals/stream.yaml:30:14 | retention 1d is too short | accepted by the platform team |\n"
        "\n</details>\n"
        "\n## batch.yaml (nightly-finance)\n\n"
        "**Recommended:** `batch`\n\n"
        "Within the hour is batch.\n\n"
        "No unwaived findings.\n"
        "\n<sub>pipeadvise 9.8.7</sub>\n";
    CHECK(out == expected);
}

TEST_CASE("check markdown heading says passed below the threshold", "[render][check][markdown]") {
    auto fx = test::sample_fixture();
    fx.evaluations[0].advice.findings.erase(fx.evaluations[0].advice.findings.begin());
    CHECK_THAT(
        render::detail::check_markdown(fx.evaluations, options()),
        Catch::StartsWith("# \xE2\x9C\x85 pipeadvise check passed\n\n0 errors, 1 warning, 1 info, 1 waived"));
    CHECK_THAT(render::detail::check_markdown(fx.evaluations, options("warning")),
               Catch::StartsWith("# \xE2\x9D\x8C pipeadvise check failed\n"));
}

TEST_CASE("check markdown lists the most severe findings first", "[render][check][markdown]") {
    test::CheckFixture fx;
    auto& e = fx.add("w.yaml", "w");
    fx.workloads[0]->proposal.architecture = model::Architecture::batch;
    e.advice.recommendation.fallback = model::Architecture::micro_batch;
    e.advice.findings.push_back(
        test::make_finding(rule_id(0), advisor::Severity::info, "i1", "w.yaml", 1, 1));
    e.advice.findings.push_back(
        test::make_finding(rule_id(1), advisor::Severity::warning, "w1", "w.yaml", 2, 1));
    e.advice.findings.push_back(
        test::make_finding(rule_id(2), advisor::Severity::error, "e1", "w.yaml", 3, 1));
    e.advice.findings.push_back(
        test::make_finding(rule_id(3), advisor::Severity::warning, "w2", "w.yaml", 4, 1));
    const std::string out = render::detail::check_markdown(fx.evaluations, options());
    CHECK(out.find("**Recommended:** `batch` (fallback `micro_batch`); **proposed:** `batch`\n") !=
          std::string::npos);
    const auto e1 = out.find("| e1 |");
    const auto w1 = out.find("| w1 |");
    const auto w2 = out.find("| w2 |");
    const auto i1 = out.find("| i1 |");
    REQUIRE(i1 != std::string::npos);
    CHECK(e1 < w1);
    CHECK(w1 < w2);
    CHECK(w2 < i1);
}

TEST_CASE("check markdown escapes cells so a row keeps its columns", "[render][check][markdown]") {
    test::CheckFixture fx;
    auto& e = fx.add("w.yaml", "w");
    e.advice.findings.push_back(test::make_finding("odd|id", advisor::Severity::error,
                                                   "a | b\n<script>`x`</script>", "w.yaml", 1, 2));
    const std::string out = render::detail::check_markdown(fx.evaluations, options());
    CHECK(out.find("| \xF0\x9F\x94\xB4 error | odd\\|id | w.yaml:1:2 | a \\| "
                   "b<br>&lt;script&gt;\\`x\\`&lt;/script&gt; |\n") != std::string::npos);
}
