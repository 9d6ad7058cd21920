#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "pipeadvise/render/html.hpp"
#include "pipeadvise/render/svg.hpp"
#include "pipeadvise/util/units.hpp"
#include "render_html_fixtures.hpp"
#include "render_html_support.hpp"

using namespace pipeadvise;
using namespace html_test;

TEST_CASE("hybrid report has a section with charts for each use case", "[render][html]") {
    html_fixtures::Hybrid h;
    const std::string html = report(h.evaluation);
    CHECK(html.find("Platform recommendation") != std::string::npos);
    CHECK(html.find("Hybrid <code>hybrid</code>") != std::string::npos);
    CHECK(html.find("Use case 1: fraud-signals") != std::string::npos);
    CHECK(html.find("Use case 2: finance-reporting") != std::string::npos);
    for (const std::string id :
         {"uc1-lag", "uc1-cost", "uc1-recovery", "uc2-lag", "uc2-cost", "uc2-recovery"}) {
        CHECK_FALSE(svg_by_id(html, id).empty());
    }
    // Each use case's lag chart marks its own SLA.
    CHECK(svg_by_id(html, "uc1-lag").find(">SLA 20s<") != std::string::npos);
    CHECK(svg_by_id(html, "uc2-lag").find(">SLA 6h<") != std::string::npos);
    CHECK(html.find("Computed for the first use case, <code>fraud-signals</code>") != std::string::npos);
    // A hybrid sweep sums costs and keeps the worst lag: the SLA line is the tightest SLA.
    CHECK(html.find("the SLA line is the tightest, <code>fraud-signals</code>") != std::string::npos);
    CHECK(svg_by_id(html, "whatif-1").find(">SLA 20s<") != std::string::npos);
    // The platform card lists each use case with the lag and cost of the mode it lands in.
    CHECK(html.find("<a href=\"#use-case-1\">fraud-signals</a></td><td "
                    "class=\"num\">20s</td><td><code>simple_streaming</code></td>"
                    "<td class=\"num\">4.5s</td><td class=\"num\">99.1%</td><td class=\"num\">$6,250</td>") !=
          std::string::npos);
    CHECK(html.find("<a href=\"#use-case-2\">finance-reporting</a></td><td "
                    "class=\"num\">6h</td><td><code>batch</code></td>"
                    "<td class=\"num\">12h10m</td><td class=\"num\">0%</td><td class=\"num\">$720</td>") !=
          std::string::npos);
}

TEST_CASE("html report of an unsimulated evaluation says so instead of drawing", "[render][html]") {
    html_fixtures::Single s;
    s.evaluation.use_cases[0].simulation.reset();
    s.evaluation.use_cases[0].costs.clear();
    const std::string html = report(s.evaluation, false, false);
    CHECK(count(html, "<svg ") == 0);
    CHECK(html.find("Not simulated") != std::string::npos);
    CHECK(structure_problem(html).empty());
}

TEST_CASE("findings table shows severity, id, location and waivers", "[render][html]") {
    html_fixtures::Single s;
    const std::string html = report(s.evaluation, false, false);
    // One of the two warnings is waived: counted apart, still listed.
    CHECK(html.find("<p>0 errors, 1 warning, 1 info, 1 waived.</p>") != std::string::npos);
    CHECK(html.find("<code>scenarios/card-fraud-velocity.yaml:31:3</code>") != std::string::npos);
    CHECK(html.find("<span class=\"sev sev-warning\">warning</span>") != std::string::npos);
    CHECK(html.find("Waived: accepted by the platform team") != std::string::npos);
    CHECK(count(html, "<tr class=\"suppressed\">") == 1);
}

TEST_CASE("svg ticks are round and cover the data", "[render][svg]") {
    const auto money = render::svg::nice_ticks(0, 6740, 6);
    CHECK(money.front() == 0);
    CHECK(money.back() >= 6740);
    CHECK(money[1] - money[0] == Approx(2000));
    const auto time = render::svg::time_ticks(50400, 6);
    CHECK(time[1] == Approx(10800));  // 3h steps for 14 hours
    CHECK(time.back() >= 50400);
    const auto log = render::svg::log_time_ticks(0.5, 90000, 9);
    CHECK(std::find(log.begin(), log.end(), 60.0) != log.end());
    CHECK(std::find(log.begin(), log.end(), 3600.0) != log.end());
    CHECK(log.size() <= 9);
    const render::svg::LogScale x(1, 1000, 0, 300);
    CHECK(x(10) == Approx(100));
    CHECK(x(0) == Approx(0));      // clamped
    CHECK(x(1e9) == Approx(300));  // clamped
    CHECK(render::svg::escape("<a href='x'>&") == "&lt;a href=&apos;x&apos;&gt;&amp;");
    CHECK(render::svg::num(12.04) == "12");
    CHECK(render::svg::num(-0.01) == "0");
}

TEST_CASE("report number formats", "[render][html]") {
    CHECK(render::html::format_percent(0.991) == "99.1%");
    CHECK(render::html::format_percent(1.0) == "100%");
    CHECK(render::html::format_multiplier(4.34) == "4.3\u00d7");
    CHECK(render::html::format_multiplier(0.854) == "0.85\u00d7");
    CHECK(render::html::mode_label(pipeline::Mode::micro_batch) == "Micro-batch");
}

TEST_CASE("what-if over the SLA draws the SLA through each swept value", "[render][html]") {
    std::vector<evaluation::WhatifRow> rows;
    for (const std::string sla : {"30s", "2m", "10m"}) {
        evaluation::WhatifRow r;
        r.settings = {{"latency.sla", sla}};
        r.lag_p95_seconds = {{pipeline::Mode::batch, 43000}, {pipeline::Mode::streaming, 4}};
        r.monthly_cost_usd = {{pipeline::Mode::batch, 1000}, {pipeline::Mode::streaming, 4000}};
        rows.push_back(r);
    }
    const auto panels = render::html::whatif_charts(rows, 30, "w");
    REQUIRE(panels.size() == 1);
    const std::string marker = panels[0].substr(panels[0].find("class=\"sla-marker\""));
    const std::string points = marker.substr(marker.find("points=\"") + 8);
    std::vector<double> ys;
    const std::regex pair_re("[-0-9.]+,([-0-9.]+)");
    const std::string list = points.substr(0, points.find('"'));
    for (auto it = std::sregex_iterator(list.begin(), list.end(), pair_re); it != std::sregex_iterator();
         ++it) {
        ys.push_back(std::stod((*it)[1].str()));
    }
    REQUIRE(ys.size() == 3);
    // Looser SLAs sit higher on the lag axis (smaller y), evenly on a log scale: 30s->2m is
    // a factor 4, 2m->10m a factor 5.
    CHECK(ys[0] > ys[1]);
    CHECK(ys[1] > ys[2]);
    CHECK((ys[0] - ys[1]) / (ys[1] - ys[2]) == Approx(std::log10(4.0) / std::log10(5.0)).epsilon(0.03));
    CHECK(count(panels[0], "class=\"whatif-cost-line\"") == 2);
}

TEST_CASE("per-mode charts tag the recommended mode and the fallback", "[render][html]") {
    html_fixtures::Single s;
    const std::string html = report(s.evaluation, false, false);
    for (const std::string id : {"lag", "cost", "recovery"}) {
        INFO(id);
        const std::string svg = svg_by_id(html, id);
        CHECK(count(svg, ">recommended<") == 1);
        CHECK(count(svg, ">fallback<") == 1);
        // The tag sits under the streaming row's name (full_streaming runs as streaming).
        const auto streaming = svg.find(">Streaming<");
        const auto tag = svg.find(">recommended<");
        CHECK(streaming < tag);
        CHECK(svg.find(">Micro-batch<") < svg.find(">fallback<"));
    }
    CHECK(render::html::cost_chart(s.evaluation.use_cases[0].costs, "c").find(">recommended<") ==
          std::string::npos);
}
