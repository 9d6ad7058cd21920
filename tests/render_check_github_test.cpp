#include <catch2/catch.hpp>

#include "pipeadvise/render/escape.hpp"
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

/// The annotation title the renderer uses: "Rule title (id)", or the id alone.
std::string title_of(const std::string& id) {
    const advisor::Rule* rule = advisor::find_rule(id);
    return rule != nullptr && !rule->title.empty() ? rule->title + " (" + id + ")" : id;
}
}  // namespace

TEST_CASE("check github prints one workflow command per unsuppressed finding", "[render][check][github]") {
    const auto fx = test::sample_fixture();
    const std::string out = render::detail::check_github(fx.evaluations, options());
    const auto t = [](std::size_t i) { return render::escape_github_property(title_of(rule_id(i))); };
    const std::string expected = "::error file=proposals/stream.yaml,line=40,col=17,title=" + t(0) +
                                 "::proposal says full_streaming\n"
                                 "::warning file=proposals/stream.yaml,line=42,col=14,title=" +
                                 t(1) +
                                 "::watermark 10m is shorter than p99 2h\n"
                                 "::notice file=proposals/stream.yaml,line=20,col=1,title=" +
                                 t(2) +
                                 "::team.on_call is not stated\n"
                                 "pipeadvise check: 1 error, 1 warning, 1 info, 1 suppressed (not annotated) "
                                 "in 2 files: FAILED (fail-on: error)\n";
    CHECK(out == expected);
}

TEST_CASE("check github escapes properties and data", "[render][check][github]") {
    test::CheckFixture fx;
    auto& e = fx.add("./a,b:c%.yaml", "w");
    auto f = test::make_finding("id:with,comma", advisor::Severity::warning, "50% late\r\nnext line: a, b",
                                "", 0, 0);
    f.use_case = "uc";
    e.advice.findings.push_back(f);
    const std::string out = render::detail::check_github(fx.evaluations, options());
    CHECK_THAT(out, Catch::StartsWith("::warning file=a%2Cb%3Ac%25.yaml,title=id%3Awith%2Ccomma::"
                                      "50%25 late%0D%0Anext line: a, b [use case uc]\n"));
}

TEST_CASE("check github passes when nothing reaches --fail-on", "[render][check][github]") {
    auto fx = test::sample_fixture();
    fx.evaluations[0].advice.findings.erase(fx.evaluations[0].advice.findings.begin());
    CHECK_THAT(render::detail::check_github(fx.evaluations, options()),
               Catch::EndsWith("in 2 files: passed (fail-on: error)\n"));
}
