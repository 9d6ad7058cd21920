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

using namespace pipeadvise;

namespace {

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos;
         pos = haystack.find(needle, pos + needle.size()))
        ++n;
    return n;
}

/// The `<svg ...>...</svg>` element with this id.
std::string svg_by_id(const std::string& html, const std::string& id) {
    const auto start = html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id + "\"");
    if (start == std::string::npos) return {};
    const auto end = html.find("</svg>", start);
    return html.substr(start, end + 6 - start);
}

std::string report(const evaluation::Evaluation& e, bool with_sensitivity = true, bool with_whatif = true) {
    render::ReportInput in;
    in.evaluation = &e;
    in.version = "0.1.0";
    if (with_sensitivity) in.sensitivity = html_fixtures::sensitivity();
    if (with_whatif) in.whatif = html_fixtures::whatif_rows();
    return render::render_report(in, render::OutputFormat::html, {});
}

/// Checks that tags nest properly: every element opened is closed in order (void elements and
/// self-closed SVG elements aside), and that no raw `<` or `>` appears outside tags. Returns
/// the first problem, or "" when the document is well formed.
std::string structure_problem(const std::string& html) {
    static const std::set<std::string> k_void{"meta", "br", "link", "img", "hr", "input"};
    std::vector<std::string> stack;
    std::size_t i = 0;
    if (html.rfind("<!DOCTYPE html>", 0) != 0) return "no doctype";
    i = html.find('>') + 1;
    while (i < html.size()) {
        const auto lt = html.find('<', i);
        const auto stray_gt = html.find('>', i);
        if (stray_gt < lt) return "stray '>' at " + std::to_string(stray_gt);
        if (lt == std::string::npos) break;
        const auto gt = html.find('>', lt);
        if (gt == std::string::npos) return "unterminated tag at " + std::to_string(lt);
        const std::string tag = html.substr(lt + 1, gt - lt - 1);
        if (tag.find('<') != std::string::npos) return "'<' inside a tag at " + std::to_string(lt);
        i = gt + 1;
        if (tag.empty()) return "empty tag";
        if (tag[0] == '/') {
            const std::string name = tag.substr(1);
            if (stack.empty() || stack.back() != name) {
                return "closing </" + name + "> but open <" +
                       (stack.empty() ? std::string("none") : stack.back()) + ">";
            }
            stack.pop_back();
            continue;
        }
        const std::string name = tag.substr(0, tag.find_first_of(" \n/"));
        if (tag.back() == '/' || k_void.count(name) > 0) continue;
        stack.push_back(name);
        if (name == "style") {  // CSS may hold '>' (child selectors): skip to its end
            const auto end = html.find("</style>", i);
            if (end == std::string::npos) return "unterminated style";
            i = end;
        }
    }
    if (!stack.empty()) return "unclosed <" + stack.back() + ">";
    return {};
}

double attribute(const std::string& element, const std::string& name) {
    const std::regex re(" " + name + "=\"([-0-9.]+)\"");
    std::smatch m;
    if (!std::regex_search(element, m, re)) return -1;
    return std::stod(m[1].str());
}

/// Every `<rect ...>` opening tag in `svg`, in order.
std::vector<std::string> rects(const std::string& svg) {
    std::vector<std::string> out;
    for (auto pos = svg.find("<rect "); pos != std::string::npos; pos = svg.find("<rect ", pos + 1)) {
        out.push_back(svg.substr(pos, svg.find('>', pos) - pos + 1));
    }
    return out;
}

}  // namespace

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
