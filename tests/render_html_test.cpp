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

TEST_CASE("html report draws the lag, cost, recovery, tornado and what-if charts", "[render][html]") {
    html_fixtures::Single s;
    const std::string html = report(s.evaluation);
    // lag ranges, lag CDF, cost, recovery, tornado, and one what-if panel per nodes value (2)
    CHECK(count(html, "<svg ") == 7);
    for (const std::string id : {"lag", "lag-cdf", "cost", "recovery", "tornado", "whatif-1", "whatif-2"}) {
        INFO(id);
        const std::string svg = svg_by_id(html, id);
        REQUIRE_FALSE(svg.empty());
        CHECK(svg.find("role=\"img\"") != std::string::npos);
        CHECK(svg.find("aria-labelledby=\"" + id + "-title " + id + "-desc\"") != std::string::npos);
        CHECK(svg.find("<title id=\"" + id + "-title\">") != std::string::npos);
        CHECK(svg.find("<desc id=\"" + id + "-desc\">") != std::string::npos);
    }
    CHECK(html.find("What moves the streaming cost multiplier") != std::string::npos);
    CHECK(html.find("Full streaming <code>full_streaming</code>") != std::string::npos);
    CHECK(html.find("Fallback: Micro-batch <code>micro_batch</code>") != std::string::npos);
    // The header states what was simulated.
    CHECK(html.find("seed 1, 10 replications of 7d") != std::string::npos);
    CHECK(html.find("scenarios/card-fraud-velocity.yaml") != std::string::npos);
}

TEST_CASE("html report shows a mode that cannot run as infeasible, not priced", "[render][html]") {
    html_fixtures::Single s;
    auto& uc = s.evaluation.use_cases[0];
    auto& streaming = uc.simulation->modes.at(pipeline::Mode::streaming);
    streaming.feasible = false;
    streaming.infeasible_because = "in-memory state does not fit the cluster (an OOM loop)";
    const double price = uc.costs.at(pipeline::Mode::streaming).monthly_usd.total;
    const std::string html = report(s.evaluation, false, false);
    CHECK(html.find("Streaming cannot run as configured") != std::string::npos);
    CHECK(html.find("Streaming per month") == std::string::npos);
    CHECK(html.find(render::html::mode_label(pipeline::Mode::batch)) != std::string::npos);
    CHECK(html.find("Not priced, as it cannot run as configured: Streaming.") != std::string::npos);
    const std::string cost = svg_by_id(html, "cost");
    REQUIRE_FALSE(cost.empty());
    CHECK(cost.find(util::format_money(price)) == std::string::npos);
    CHECK(cost.find("Streaming") == std::string::npos);
    CHECK(structure_problem(html).empty());
}
TEST_CASE("html report without sensitivity or sweep leaves those charts out", "[render][html]") {
    html_fixtures::Single s;
    const std::string html = report(s.evaluation, false, false);
    CHECK(count(html, "<svg ") == 4);
    CHECK(html.find("id=\"sensitivity\"") == std::string::npos);
    CHECK(html.find("id=\"whatif\"") == std::string::npos);
    CHECK(structure_problem(html).empty());
}

TEST_CASE("lag chart marks the SLA between the modes that meet it and those that do not", "[render][html]") {
    html_fixtures::Single s;
    const std::string svg = svg_by_id(report(s.evaluation), "lag");
    REQUIRE(svg.find("class=\"sla-marker\"") != std::string::npos);
    CHECK(svg.find(">SLA 30s<") != std::string::npos);
    const auto marker = svg.substr(svg.find("class=\"sla-marker\""));
    const double sla_x = attribute(marker.substr(marker.find("<line")), "x1");
    // Bars run from p50 to p95: streaming (1.2s to 4.5s) ends left of 30s, micro-batch
    // (3m10s) starts right of it, batch further right still.
    std::map<std::string, double> bar_start, bar_end;
    for (const std::string mode : {"batch", "micro_batch", "streaming"}) {
        const auto row = svg.substr(svg.find("data-mode=\"" + mode + "\""));
        const auto rect = rects(row).front();
        bar_start[mode] = attribute(rect, "x");
        bar_end[mode] = bar_start[mode] + attribute(rect, "width");
    }
    CHECK(bar_end["streaming"] < sla_x);
    CHECK(bar_start["micro_batch"] > sla_x);
    CHECK(bar_start["batch"] > bar_end["micro_batch"]);
    // Log scale: 1.2s -> 4.5s spans log10(3.75) of the axis, 190s -> 300s log10(1.58).
    const double streaming_width = bar_end["streaming"] - bar_start["streaming"];
    const double micro_width = bar_end["micro_batch"] - bar_start["micro_batch"];
    CHECK(streaming_width / micro_width ==
          Approx(std::log10(4.5 / 1.2) / std::log10(300.0 / 190.0)).epsilon(0.03));
    CHECK(svg.find("99.1% within SLA") != std::string::npos);
}

TEST_CASE("cost chart stacks the four parts to each mode's total with its multiplier", "[render][html]") {
    html_fixtures::Single s;
    const std::string svg = svg_by_id(report(s.evaluation), "cost");
    std::vector<double> widths;
    std::size_t pos = 0;
    while ((pos = svg.find("<g class=\"cost-row\"", pos)) != std::string::npos) {
        const auto end = svg.find("</g>", pos);
        double total = 0;
        for (const auto& r : rects(svg.substr(pos, end - pos))) total += attribute(r, "width");
        widths.push_back(total);
        pos = end;
    }
    REQUIRE(widths.size() == 3);
    const auto& costs = s.evaluation.use_cases[0].costs;
    const double batch = costs.at(pipeline::Mode::batch).monthly_usd.total;
    const double streaming = costs.at(pipeline::Mode::streaming).monthly_usd.total;
    CHECK(widths[2] / widths[0] == Approx(streaming / batch).epsilon(0.01));
    CHECK(svg.find(">$6,250 / month<") != std::string::npos);
    CHECK(svg.find(">$1,440 / month<") != std::string::npos);
    CHECK(svg.find(">4.3\u00d7 batch<") != std::string::npos);
    for (const std::string part : {"Compute", "Infrastructure", "Storage", "Engineering"}) {
        CHECK(svg.find(">" + part + "<") != std::string::npos);
    }
}

TEST_CASE("recovery chart shows failures and drills per mode", "[render][html]") {
    html_fixtures::Single s;
    const std::string svg = svg_by_id(report(s.evaluation), "recovery");
    CHECK(svg.find(">14 failures<") != std::string::npos);
    CHECK(svg.find(">16 failures<") != std::string::npos);
    CHECK(svg.find("p95 2h10m") != std::string::npos);
    CHECK(svg.find("drill 2h20m, 1200 events lost") != std::string::npos);
    CHECK(svg.find("drill 14h00m, nothing lost") != std::string::npos);
}

TEST_CASE("tornado lists the widest swing first around the base multiplier", "[render][html]") {
    evaluation::Sensitivity sens = html_fixtures::sensitivity();
    std::reverse(sens.bars.begin(), sens.bars.end());  // the chart orders them itself
    const std::string svg = render::html::tornado_chart(sens, "t");
    const auto first = svg.find(">data.volume<");
    const auto second = svg.find(">infrastructure.node_hour_usd<");
    const auto last = svg.find(">data.event_size<");
    REQUIRE(first != std::string::npos);
    CHECK(first < second);
    CHECK(second < last);
    CHECK(svg.find(">base 4.3\u00d7<") != std::string::npos);
    CHECK(svg.find(">3.1\u00d7<") != std::string::npos);
    CHECK(svg.find(">5.2\u00d7<") != std::string::npos);
}

TEST_CASE("what-if charts draw one panel per combination of the other keys, with the SLA", "[render][html]") {
    const auto rows = html_fixtures::whatif_rows();
    const auto panels = render::html::whatif_charts(rows, 30, "w");
    REQUIRE(panels.size() == 2);
    CHECK(panels[0].find(">infrastructure.nodes = 10<") != std::string::npos);
    CHECK(panels[1].find(">infrastructure.nodes = 20<") != std::string::npos);
    for (const auto& p : panels) {
        CHECK(count(p, "class=\"whatif-cost-line\"") == 3);
        CHECK(count(p, "class=\"whatif-lag-line\"") == 3);
        CHECK(p.find(">SLA 30s<") != std::string::npos);
        CHECK(p.find(">100M/day<") != std::string::npos);
    }
    CHECK(render::html::whatif_charts(rows, 30, "w", 1).size() == 1);
    CHECK(render::html::whatif_charts({}, 30, "w").empty());
}

TEST_CASE("html report escapes hostile workload text everywhere", "[render][html]") {
    const std::string hostile = "<script>alert(\"x\")</script></svg>&amp;' onload=\"x";
    html_fixtures::Single s;
    s.workload->name = hostile;
    s.workload->description = hostile;
    s.workload->file = hostile + ".yaml";
    s.workload->use_cases[0].name = hostile;
    s.evaluation.advice.recommendation.summary = hostile;
    s.evaluation.advice.questions[0].answer = hostile;
    s.evaluation.advice.questions[0].reason = hostile;
    s.evaluation.advice.findings[0].message = hostile;
    s.evaluation.advice.findings[0].location.file = hostile;
    s.evaluation.advice.findings[2].suppression_reason = hostile;
    render::ReportInput in;
    in.evaluation = &s.evaluation;
    in.version = hostile;
    in.sensitivity = html_fixtures::sensitivity();
    in.sensitivity->bars[0].input = hostile;
    in.whatif = html_fixtures::whatif_rows();
    for (auto& r : in.whatif) r.settings[1].value = hostile;
    in.whatif[0].settings[0].value = hostile;
    const std::string html = render::render_report(in, render::OutputFormat::html, {});

    CHECK(html.find("<script") == std::string::npos);
    CHECK(count(html, "</svg>") == count(html, "<svg "));
    CHECK(html.find("onload=\"") == std::string::npos);
    CHECK(html.find("&amp;amp;") != std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;/svg&gt;") != std::string::npos);
    CHECK(structure_problem(html).empty());
}

TEST_CASE("html report is self-contained: no URLs, scripts or external resources", "[render][html]") {
    html_fixtures::Single s;
    std::string html = report(s.evaluation);
    // The SVG namespace is an identifier, not a fetch; it is the only URI allowed.
    const std::string xmlns = "xmlns=\"http://www.w3.org/2000/svg\"";
    CHECK(count(html, xmlns) == 7);
    for (auto pos = html.find(xmlns); pos != std::string::npos; pos = html.find(xmlns))
        html.erase(pos, xmlns.size());
    // Links only jump within the page.
    for (auto pos = html.find("href=\""); pos != std::string::npos; pos = html.find("href=\"", pos + 1)) {
        CHECK(html.compare(pos + 6, 1, "#") == 0);
    }
    for (const std::string banned : {"http:", "https:", "//", "src=", "url(", "@import", "<link", "<img",
                                     "<script", "<iframe", "<object", "@font-face"}) {
        INFO(banned);
        CHECK(html.find(banned) == std::string::npos);
    }
    CHECK(html.find("Content-Security-Policy\" content=\"default-src 'none'") != std::string::npos);
}

TEST_CASE("html report is well formed with unique element ids", "[render][html]") {
    html_fixtures::Single single;
    html_fixtures::Hybrid hybrid;
    for (const evaluation::Evaluation* e : {&single.evaluation, &hybrid.evaluation}) {
        const std::string html = report(*e);
        INFO(e->workload->name);
        CHECK(structure_problem(html).empty());
        CHECK(html.find("</html>\n") == html.size() - 8);
        const std::regex id_re(" id=\"([^\"]+)\"");
        std::set<std::string> ids;
        for (auto it = std::sregex_iterator(html.begin(), html.end(), id_re); it != std::sregex_iterator();
             ++it) {
            const std::string id = (*it)[1].str();
            INFO(id);
            CHECK(ids.insert(id).second);
        }
    }
    CHECK(structure_problem("<!DOCTYPE html>\n<html><body><div></body></html>") ==
          "closing </body> but open <div>");
    CHECK(structure_problem("<!DOCTYPE html>\n<html><p>a > b</p></html>").rfind("stray", 0) == 0);
}
