#include <algorithm>

#include "html_parts.hpp"
#include "pipeadvise/render/capacity.hpp"
#include "pipeadvise/render/formats.hpp"
#include "pipeadvise/render/svg.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/units.hpp"

/// The report page: its stylesheet, head and header, and the order of its sections.
namespace pipeadvise::render::html::page {

namespace {

using svg::escape;

// One small stylesheet, inline: no fonts, images or anything else fetched.
constexpr std::string_view k_style = R"css(
:root { --ink: #1F2328; --muted: #57606A; --line: #D8DEE4; --bg: #F6F8FA; --card: #FFFFFF;
  --accent: #0072B2; --error: #B42318; --warning: #8A5300; --info: #0B5CAD; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 "DejaVu Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 30px; margin: 4px 0 6px; letter-spacing: -0.01em; }
h2 { font-size: 21px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 8px; }
p { margin: 6px 0; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.9em;
  background: #EEF1F4; padding: 1px 5px; border-radius: 4px; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px; color: var(--muted); margin: 0; }
.description { color: var(--muted); font-size: 16px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 18px; margin: 14px 0 0;
  font-size: 13px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; }
.recommendation { border-left: 6px solid var(--accent); margin-top: 24px; }
.recommendation .architecture { font-size: 28px; font-weight: 700; margin: 2px 0 4px; }
.recommendation .fallback { color: var(--muted); }
.recommendation .summary { font-size: 16px; max-width: 60em; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 14px; }
.kpi { background: var(--bg); border-radius: 8px; padding: 8px 14px; min-width: 150px; }
.kpi .value { display: block; font-size: 20px; font-weight: 700; }
.kpi .name { display: block; font-size: 12px; color: var(--muted); }
ol.questions { list-style: none; padding: 0; margin: 0; display: grid; gap: 10px; }
ol.questions li { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 16px; display: grid; grid-template-columns: 150px 1fr; gap: 2px 16px; }
ol.questions .qid { font-weight: 700; grid-row: span 2; }
ol.questions .answer { font-weight: 600; margin: 0; }
ol.questions .reason { color: var(--muted); margin: 0; }
figure { margin: 14px 0 22px; background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 14px 16px 8px; }
figcaption { font-weight: 700; font-size: 15px; margin-bottom: 2px; }
figure .note { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
.table-wrap { overflow-x: auto; margin: 10px 0; }
table { border-collapse: collapse; width: 100%; background: var(--card); font-size: 12.5px;
  border: 1px solid var(--line); }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #EEF1F4; font-weight: 600; }
td.nowrap { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.sev { display: inline-block; font-size: 12px; font-weight: 700; padding: 1px 8px; border-radius: 10px;
  border: 1px solid currentColor; white-space: nowrap; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
tr.suppressed td { color: var(--muted); }
.waived { font-size: 12px; font-style: italic; }
.use-case { margin-top: 28px; padding-top: 4px; }
.use-case > h2 { border-bottom: 2px solid var(--ink); }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { body { background: #fff; } figure, .card, ol.questions li { break-inside: avoid; } }
)css";

/// From <!DOCTYPE> to the opening <main>, with the inline stylesheet.
std::string page_head(const ReportInput& input, const model::Workload& w) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // The page must work offline: forbid every fetch, allow only the inline style.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
        "'unsafe-inline'\">\n";
    out += "<meta name=\"generator\" content=\"pipeadvise " + escape(input.version) + "\">\n";
    out += "<title>" + escape(w.name) + " \xe2\x80\x94 pipeadvise report</title>\n<style>" +
           std::string(k_style) + "</style>\n</head>\n<body>\n<main>\n";
    return out;
}

/// The header: the workload's name and description, the file, the version and the simulation.
std::string page_header(const ReportInput& input, const evaluation::Evaluation& e) {
    const model::Workload& w = *e.workload;
    std::string out = "<header id=\"header\">\n<p class=\"eyebrow\">pipeadvise report</p>\n<h1>" +
                      escape(w.name) + "</h1>\n";
    if (!w.description.empty()) out += "<p class=\"description\">" + escape(w.description) + "</p>\n";
    out += "<dl class=\"meta\">\n<dt>File</dt><dd>" + code(w.file) + "</dd>\n";
    out += "<dt>pipeadvise</dt><dd>" + escape(input.version) + "</dd>\n";
    const pipeline::SimulationResult* first_sim =
        !e.use_cases.empty() && e.use_cases.front().simulation ? &*e.use_cases.front().simulation : nullptr;
    if (first_sim != nullptr) {
        out += "<dt>Simulation</dt><dd>seed " + std::to_string(first_sim->seed) + ", " +
               std::to_string(first_sim->replications) + " replications of " +
               escape(util::format_duration(util::Duration::from_seconds(first_sim->horizon_seconds))) +
               ", " + escape(model::to_string(w.simulation.arrivals)) + " arrivals, " +
               escape(model::to_string(w.simulation.service)) + " service, failures " +
               (w.simulation.failures.enabled ? "on" : "off") + "</dd>\n";
    } else {
        out += "<dt>Simulation</dt><dd>not run</dd>\n";
    }
    if (w.has_use_cases) out += "<dt>Use cases</dt><dd>" + std::to_string(w.use_cases.size()) + "</dd>\n";
    out += "</dl>\n</header>\n";
    return out;
}

/// The section of use case `i` of a file with several: its advice, questions and charts.
std::string use_case_section(const evaluation::Evaluation& e, std::size_t i) {
    const model::Workload& w = *e.workload;
    const std::string prefix = "uc" + std::to_string(i + 1) + "-";
    std::string out = "<section class=\"use-case\" id=\"use-case-" + std::to_string(i + 1) +
                      "\">\n<h2>Use case " + std::to_string(i + 1) + ": " + escape(w.use_cases[i].name) +
                      "</h2>\n";
    const auto advice = std::find_if(e.advice.use_cases.begin(), e.advice.use_cases.end(),
                                     [&](const auto& a) { return a.name == w.use_cases[i].name; });
    if (advice != e.advice.use_cases.end()) {
        out += recommendation_card(advice->recommendation, &e.use_cases[i], &w.use_cases[i],
                                   "Recommendation for this use case", false);
        out += "<h3>The five questions</h3>\n" + questions_list(advice->questions);
    }
    out += "<h3>Simulated lag, cost and recovery</h3>\n" +
           use_case_charts(e.use_cases[i], w.use_cases[i],
                           advice != e.advice.use_cases.end() ? &advice->recommendation : nullptr, prefix);
    out += "</section>\n";
    return out;
}

/// The recommendation, the five questions, the shared platform and the charts.
std::string advice_sections(const evaluation::Evaluation& e) {
    const model::Workload& w = *e.workload;
    const bool hybrid = w.has_use_cases;
    const bool single = !hybrid && !w.use_cases.empty() && !e.use_cases.empty();
    std::string out = recommendation_card(e.advice.recommendation, single ? &e.use_cases.front() : nullptr,
                                          single ? &w.use_cases.front() : nullptr,
                                          hybrid ? "Platform recommendation" : "Recommendation", true,
                                          hybrid ? use_case_overview(e) : std::string());
    out += "<section id=\"questions\">\n<h2>The five questions</h2>\n" + questions_list(e.advice.questions) +
           "</section>\n";
    if (e.platform) {
        // Spec §8: one ingestion log, one always-on cluster, one batch cluster.
        out += "<section id=\"platform\">\n<h2>Platform shared by the use cases</h2>\n<ul>\n";
        for (const auto& line : platform_lines(*e.platform)) out += "<li>" + escape(line) + "</li>\n";
        out += "</ul>\n</section>\n";
    }
    if (single) {
        out += "<section id=\"charts\">\n<h2>Simulated lag, cost and recovery</h2>\n" +
               use_case_charts(e.use_cases.front(), w.use_cases.front(), &e.advice.recommendation, "") +
               "</section>\n";
        return out;
    }
    for (std::size_t i = 0; i < e.use_cases.size() && i < w.use_cases.size(); ++i)
        out += use_case_section(e, i);
    return out;
}

}  // namespace

}  // namespace pipeadvise::render::html::page

namespace pipeadvise::render::detail {

std::string report_html(const ReportInput& input, const RenderOptions&) {
    using namespace html;
    using namespace html::page;
    if (input.evaluation == nullptr || input.evaluation->workload == nullptr) {
        throw util::Error(util::Error::Kind::internal, "report: no evaluation to render");
    }
    const evaluation::Evaluation& e = *input.evaluation;
    const model::Workload& w = *e.workload;
    // Every string that comes from the workload goes through escape(): the page is opened from
    // disk, and text a workload author wrote must never become markup.
    std::string out = page_head(input, w);
    out += page_header(input, e);
    out += advice_sections(e);

    const evaluation::Sensitivity* sensitivity = input.sensitivity ? &*input.sensitivity
                                                 : e.sensitivity   ? e.sensitivity.get()
                                                                   : nullptr;
    if (sensitivity != nullptr) {
        out += sensitivity_section(
            *sensitivity, w.use_cases.empty() ? std::string() : w.use_cases.front().name, w.has_use_cases);
    }
    if (!input.whatif.empty() && !input.whatif.front().settings.empty()) {
        out += whatif_section(input.whatif, w);
    }
    out += findings_section(e);
    out += "<footer id=\"report-end\">Generated by pipeadvise " + escape(input.version) + " from " +
           code(w.file) +
           ". Figures are simulated (seeded, reproducible); costs are monthly USD "
           "from the documented cost model.</footer>\n</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace pipeadvise::render::detail
