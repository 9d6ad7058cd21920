#include "pipeadvise/render/html.hpp"
#include "pipeadvise/evaluation/diff.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "pipeadvise/evaluation/sensitivity.hpp"

#include "pipeadvise/render/capacity.hpp"
#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/formats.hpp"
#include "pipeadvise/render/svg.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render::html {

std::string format_multiplier_or_na(const std::optional<double>& multiplier) {
    return multiplier ? format_multiplier(*multiplier) : std::string("n/a");
}

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

// Display names for headings; the JSON spelling is shown beside them in <code>, so a reader
// can search the workload file and the JSON output for it.
std::string architecture_name(model::Architecture a) {
    switch (a) {
        case model::Architecture::batch:
            return "Batch";
        case model::Architecture::micro_batch:
            return "Micro-batch";
        case model::Architecture::simple_streaming:
            return "Simple streaming";
        case model::Architecture::full_streaming:
            return "Full streaming";
        case model::Architecture::hybrid:
            return "Hybrid";
    }
    return "?";
}

std::string code(std::string_view text) {
    return "<code>" + escape(text) + "</code>";
}

std::string question_title(std::string_view id) {
    if (id == "latency") return "1. Latency";
    if (id == "state") return "2. State";
    if (id == "boundedness") return "3. Boundedness";
    if (id == "failure") return "4. Failure";
    if (id == "cost") return "5. Cost";
    return std::string(id);
}

std::string recommendation_card(const advisor::Recommendation& r, const evaluation::UseCaseEvaluation* uc,
                                const model::UseCase* use_case, const std::string& heading, bool primary,
                                const std::string& extra = {}) {
    std::string out = primary ? "<section class=\"card recommendation\" id=\"recommendation\">\n"
                              : "<div class=\"card recommendation\">\n";
    out += "<p class=\"eyebrow\">" + escape(heading) + "</p>\n";
    out += "<p class=\"architecture\">" + escape(architecture_name(r.architecture)) + " " +
           code(model::to_string(r.architecture)) + "</p>\n";
    if (r.fallback) {
        out += "<p class=\"fallback\">Fallback: " + escape(architecture_name(*r.fallback)) + " " +
               code(model::to_string(*r.fallback)) + "</p>\n";
    }
    if (r.suggested_trigger) {
        out += "<p class=\"fallback\">Suggested trigger: " +
               escape(util::format_duration(*r.suggested_trigger)) + "</p>\n";
    }
    if (!r.headline.empty()) out += "<p class=\"summary\"><strong>" + escape(r.headline) + "</strong></p>\n";
    out += "<p class=\"summary\">" + escape(r.summary) + "</p>\n";
    if (!r.condition.empty()) out += "<p class=\"summary\">" + escape(r.condition) + "</p>\n";

    std::string kpis;
    const auto kpi = [&](const std::string& value, const std::string& name) {
        kpis += "<div class=\"kpi\"><span class=\"value\">" + escape(value) + "</span><span class=\"name\">" +
                escape(name) + "</span></div>\n";
    };
    if (use_case != nullptr) kpi(util::format_duration(use_case->latency.sla), "freshness SLA");
    if (r.cost_multiplier_vs_batch)
        kpi(format_multiplier(*r.cost_multiplier_vs_batch), "cost of the recommendation vs batch");
    // A mode that cannot run as configured shows that, not a lag or a price (spec §8).
    const auto feasible = [&](pipeline::Mode mode) {
        if (uc == nullptr || !uc->simulation) return true;
        const auto it = uc->simulation->modes.find(mode);
        return it == uc->simulation->modes.end() || it->second.feasible;
    };
    if (uc != nullptr && uc->simulation) {
        for (const auto& [mode, m] : uc->simulation->modes) {
            if (!m.feasible) {
                kpi("infeasible", std::string(mode_label(mode)) + " cannot run as configured");
                continue;
            }
            kpi(util::format_seconds(m.lag.p95), std::string(mode_label(mode)) + " lag p95 (" +
                                                     format_percent(m.sla_attainment) + " within SLA)");
        }
    }
    if (uc != nullptr) {
        for (const auto& [mode, c] : uc->costs) {
            if (!feasible(mode)) continue;
            kpi(util::format_money(c.monthly_usd.total), std::string(mode_label(mode)) + " per month");
        }
    }
    if (!kpis.empty()) out += "<div class=\"kpis\">\n" + kpis + "</div>\n";
    out += extra;
    out += primary ? "</section>\n" : "</div>\n";
    return out;
}

/// Hybrid overview: each use case's answer with the lag and cost of the mode it lands in.
std::string use_case_overview(const evaluation::Evaluation& e) {
    // Each row shows the lag and cost of the mode that use case lands in, not of every mode:
    // a hybrid reader checks each use case against its own SLA.
    const model::Workload& w = *e.workload;
    std::string out =
        "<div class=\"table-wrap\"><table class=\"use-case-overview\">\n<thead><tr><th>use case</th>"
        "<th class=\"num\">SLA</th><th>recommendation</th><th class=\"num\">lag p95</th><th "
        "class=\"num\">within SLA</th><th class=\"num\">per month</th><th class=\"num\">vs "
        "batch</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < w.use_cases.size(); ++i) {
        const model::UseCase& u = w.use_cases[i];
        const auto advice = std::find_if(e.advice.use_cases.begin(), e.advice.use_cases.end(),
                                         [&](const auto& a) { return a.name == u.name; });
        out += "<tr><td><a href=\"#use-case-" + std::to_string(i + 1) + "\">" + escape(u.name) +
               "</a></td><td class=\"num\">" + escape(util::format_duration(u.latency.sla)) + "</td>";
        if (advice == e.advice.use_cases.end()) {
            out += "<td colspan=\"5\">n/a</td></tr>\n";
            continue;
        }
        out += "<td>" + code(model::to_string(advice->recommendation.architecture)) + "</td>";
        const auto mode = evaluation::mode_of(advice->recommendation.architecture);
        const evaluation::UseCaseEvaluation* uc = i < e.use_cases.size() ? &e.use_cases[i] : nullptr;
        const pipeline::ModeResult* result = nullptr;
        if (mode && uc != nullptr && uc->simulation) {
            if (auto it = uc->simulation->modes.find(*mode); it != uc->simulation->modes.end())
                result = &it->second;
        }
        if (result != nullptr && !result->feasible) {
            out += "<td class=\"num\" colspan=\"4\">cannot run as configured</td></tr>\n";
            continue;
        }
        const evaluation::ModeCost* cost = nullptr;
        if (mode && uc != nullptr) {
            if (auto it = uc->costs.find(*mode); it != uc->costs.end()) cost = &it->second;
        }
        out += "<td class=\"num\">" +
               (result ? escape(util::format_seconds(result->lag.p95)) : std::string("n/a")) +
               "</td><td class=\"num\">" +
               (result ? format_percent(result->sla_attainment) : std::string("n/a")) +
               "</td><td class=\"num\">" +
               (cost ? escape(util::format_money(cost->monthly_usd.total)) : std::string("n/a")) +
               "</td><td class=\"num\">" +
               (cost ? escape(format_multiplier_or_na(cost->multiplier_vs_batch)) : std::string("n/a")) +
               "</td></tr>\n";
    }
    return out + "</tbody>\n</table></div>\n";
}

std::string questions_list(const std::vector<advisor::Question>& questions) {
    std::string out = "<ol class=\"questions\">\n";
    for (const auto& q : questions) {
        out += "<li><span class=\"qid\">" + escape(question_title(q.id)) + "</span><p class=\"answer\">" +
               escape(q.answer) + "</p><p class=\"reason\">" + escape(q.reason) + "</p></li>\n";
    }
    return out + "</ol>\n";
}

std::string figure(const std::string& chart, const std::string& caption, const std::string& note) {
    // A chart with nothing to draw is dropped with its caption: no empty frame in the page.
    if (chart.empty()) return {};
    std::string out = "<figure>\n<figcaption>" + escape(caption) + "</figcaption>\n";
    if (!note.empty()) out += "<p class=\"note\">" + escape(note) + "</p>\n";
    return out + chart + "</figure>\n";
}

/// The charts of one use case (lag, cost, recovery); `prefix` keeps element ids unique.
std::string use_case_charts(const evaluation::UseCaseEvaluation& uc, const model::UseCase& use_case,
                            const advisor::Recommendation* recommendation, const std::string& prefix) {
    if (!uc.simulation) {
        return "<p class=\"empty\">Not simulated: no lag, recovery or cost figures.</p>\n";
    }
    const pipeline::SimulationResult& sim = *uc.simulation;
    ModeTags tags;
    if (recommendation != nullptr) {
        tags.recommended = evaluation::mode_of(recommendation->architecture);
        if (recommendation->fallback) tags.fallback = evaluation::mode_of(*recommendation->fallback);
    }
    const double sla = use_case.latency.sla.seconds();
    std::string out;
    out += figure(lag_range_chart(sim, sla, prefix + "lag", tags), "Freshness lag per mode",
                  "Bars span p50 to p95 over " + std::to_string(sim.replications) +
                      " replications; the dashed line is the SLA. Log scale.");
    out += figure(
        lag_cdf_chart(sim, sla, prefix + "lag-cdf"), "Share of events within a given lag",
        "Cumulative distribution of lag per mode; markers show each mode's share of events within the SLA.");
    // Only modes that can run are priced (spec §8); the others are named under the chart.
    std::map<pipeline::Mode, evaluation::ModeCost> priced;
    std::string unpriced;
    for (const auto& [mode, c] : uc.costs) {
        const auto it = sim.modes.find(mode);
        if (it != sim.modes.end() && !it->second.feasible) {
            unpriced += (unpriced.empty() ? "" : ", ") + std::string(mode_label(mode));
            continue;
        }
        priced.emplace(mode, c);
    }
    std::string cost_note =
        "Stacked by part (mean over replications); labels give the total and the multiplier over batch.";
    if (!unpriced.empty()) cost_note += " Not priced, as it cannot run as configured: " + unpriced + ".";
    if (!priced.empty())
        out += figure(cost_chart(priced, prefix + "cost", tags), "Monthly cost per mode", cost_note);
    bool drills = false;
    for (const auto& [mode, r] : sim.modes) drills = drills || !r.drills.empty();
    out +=
        figure(recovery_chart(sim, prefix + "recovery", tags), "Recovery after failures",
               std::string("Time from a failure until lag is back to normal (detection, repair, catch-up)") +
                   (drills ? "; outlined bars are the scripted drills." : "."));

    // The numbers behind the charts, for readers who need exact values.
    out +=
        "<div class=\"table-wrap\"><table class=\"mode-table\">\n<thead><tr><th>mode</th><th "
        "class=\"num\">lag p50</th><th class=\"num\">lag "
        "p95</th><th class=\"num\">lag p99</th><th class=\"num\">within SLA</th><th class=\"num\">recovery "
        "p95</th><th class=\"num\">failures</th><th class=\"num\">late dropped</th><th class=\"num\">events "
        "lost</th><th class=\"num\">per month</th><th class=\"num\">p5 to p95</th><th class=\"num\">vs "
        "batch</th></tr></thead>\n<tbody>\n";
    for (const auto& [mode, r] : sim.modes) {
        out += "<tr><td class=\"nowrap\">" + escape(mode_label(mode)) + "</td><td class=\"num\">" +
               escape(util::format_seconds(r.lag.p50)) + "</td><td class=\"num\">" +
               escape(util::format_seconds(r.lag.p95)) + "</td><td class=\"num\">" +
               escape(util::format_seconds(r.lag.p99)) + "</td><td class=\"num\">" +
               format_percent(r.sla_attainment) + "</td><td class=\"num\">" +
               escape(util::format_seconds(r.recovery.p95)) + "</td><td class=\"num\">" +
               std::to_string(r.recovery.failures) + "</td><td class=\"num\">" +
               format_percent(r.late_events_dropped_fraction) + "</td><td class=\"num\">" +
               std::to_string(r.events_lost) + "</td>";
        if (auto c = uc.costs.find(mode); c != uc.costs.end() && r.feasible) {
            out += "<td class=\"num\">" + escape(util::format_money(c->second.monthly_usd.total)) +
                   "</td><td class=\"num\">" +
                   escape(util::format_money(c->second.monthly_usd.total_p5_p95[0])) + " to " +
                   escape(util::format_money(c->second.monthly_usd.total_p5_p95[1])) +
                   "</td><td class=\"num\">" +
                   escape(format_multiplier_or_na(c->second.multiplier_vs_batch)) + "</td>";
        } else {
            out += "<td class=\"num\">n/a</td><td class=\"num\">n/a</td><td class=\"num\">n/a</td>";
        }
        out += "</tr>\n";
        // Spec §8: the cluster each mode holds and why; a mode that cannot run says so.
        std::string cluster = nodes_explanation(r.nodes);
        if (r.brokers) cluster += "; " + brokers_explanation(*r.brokers);
        out += "<tr><td colspan=\"12\" class=\"waived\">" + escape(mode_label(mode)) +
               " cluster: " + escape(cluster) + "</td></tr>\n";
        if (!r.feasible) {
            out += "<tr><td colspan=\"12\"><strong>" + escape(mode_label(mode)) +
                   " is infeasible as configured:</strong> " + escape(r.infeasible_because) +
                   ". It is left out of the multipliers.</td></tr>\n";
        }
        if (r.backlog_growth_per_second && r.feasible) {
            out += "<tr><td colspan=\"12\" class=\"waived\">" + escape(mode_label(mode)) +
                   ": arrivals exceed capacity; the backlog grows by " +
                   escape(util::format_rate(*r.backlog_growth_per_second)) + ".</td></tr>\n";
        }
    }
    out += "</tbody>\n</table></div>\n";
    return out;
}

std::string sensitivity_section(const evaluation::Sensitivity& s, const std::string& use_case_name,
                                bool hybrid) {
    std::string out = "<section id=\"sensitivity\">\n<h2>Sensitivity</h2>\n";
    if (hybrid) out += "<p>Computed for the first use case, " + code(use_case_name) + ".</p>\n";
    out += figure(
        tornado_chart(s, "tornado"), "What moves the streaming cost multiplier",
        "Each input set to 50% and 150% of its value, all else equal; widest swing first. The vertical line "
        "is the multiplier at the workload's own values.");
    if (s.bars.empty()) out += "<p class=\"empty\">No input moves the multiplier.</p>\n";
    out += "<ul class=\"flips\">\n";
    const auto flip = [&](const std::optional<evaluation::SlaFlip>& f, std::string_view direction) {
        if (f) {
            out += "<li>" + std::string(direction == "tighter" ? "Tightening" : "Loosening") +
                   " the SLA to " + escape(util::format_duration(f->sla)) +
                   " changes the recommendation to " + escape(architecture_name(f->architecture)) + " " +
                   code(model::to_string(f->architecture)) + ".</li>\n";
        } else {
            out += "<li>No " + std::string(direction) +
                   " SLA in the searched range changes the recommendation.</li>\n";
        }
    };
    flip(s.flip_tighter, "tighter");
    flip(s.flip_looser, "looser");
    out += "</ul>\n</section>\n";
    return out;
}

std::string whatif_section(const std::vector<evaluation::WhatifRow>& rows, const model::Workload& w) {
    // With several use cases a row sums the cost and keeps the worst lag: compare that lag
    // with the tightest SLA.
    double sla_seconds = 0;
    std::string tightest;
    for (const auto& u : w.use_cases) {
        if (tightest.empty() || u.latency.sla.seconds() < sla_seconds) {
            sla_seconds = u.latency.sla.seconds();
            tightest = u.name;
        }
    }
    // Six panels keep the section to about two printed pages; the table below has every point.
    constexpr std::size_t k_max_panels = 6;
    std::string out = "<section id=\"whatif\">\n<h2>What-if sweep</h2>\n";
    std::vector<std::string> keys;
    for (const auto& s : rows.front().settings) keys.push_back(s.key);
    out += "<p>" + std::to_string(rows.size()) + " grid points over ";
    for (std::size_t i = 0; i < keys.size(); ++i) out += (i > 0 ? ", " : "") + code(keys[i]);
    out += ". Curves follow the first key; each combination of the others is its own panel.";
    if (w.use_cases.size() > 1) {
        out += " Each point sums the monthly cost of the " + std::to_string(w.use_cases.size()) +
               " use cases run in that mode and shows the worst use case's lag p95; the SLA line is the "
               "tightest, " +
               code(tightest) + "'s.";
    }
    out += "</p>\n";
    const std::vector<std::string> charts = whatif_charts(rows, sla_seconds, "whatif", k_max_panels);
    for (std::size_t i = 0; i < charts.size(); ++i) {
        out += figure(charts[i],
                      "Cost and lag across " + keys.front() +
                          (charts.size() > 1 ? " (panel " + std::to_string(i + 1) + ")" : ""),
                      "Monthly cost per mode (left) and lag p95 per mode against the SLA (right).");
    }
    std::set<std::string> combos;
    for (const auto& r : rows) {
        std::string k;
        // Joined with the ASCII unit separator, which sweep values (durations, sizes, rates,
        // numbers) do not contain, so two different combinations never join to the same key.
        for (std::size_t i = 1; i < r.settings.size(); ++i) k += r.settings[i].value + "\x1f";
        combos.insert(k);
    }
    if (combos.size() > k_max_panels) {
        out += "<p class=\"note\">" + std::to_string(combos.size() - k_max_panels) +
               " more combinations are in the table only.</p>\n";
    }
    std::set<pipeline::Mode> modes;
    for (const auto& r : rows) {
        for (const auto& [m, v] : r.monthly_cost_usd) modes.insert(m);
    }
    out += "<div class=\"table-wrap\"><table class=\"whatif-table\">\n<thead><tr>";
    for (const auto& k : keys) out += "<th>" + escape(k) + "</th>";
    out += "<th>recommendation</th>";
    for (auto m : modes) out += "<th class=\"num\">" + escape(mode_label(m)) + ": lag p95, per month</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& r : rows) {
        out += "<tr>";
        for (const auto& s : r.settings) out += "<td class=\"nowrap\">" + escape(s.value) + "</td>";
        out += "<td>" + code(model::to_string(r.recommendation)) + "</td>";
        for (auto m : modes) {
            auto lag = r.lag_p95_seconds.find(m);
            auto cost = r.monthly_cost_usd.find(m);
            out += "<td class=\"num\">" +
                   (lag != r.lag_p95_seconds.end() ? escape(util::format_seconds(lag->second))
                                                   : std::string("n/a")) +
                   ", " +
                   (cost != r.monthly_cost_usd.end() ? escape(util::format_money(cost->second))
                                                     : std::string("n/a")) +
                   "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table></div>\n</section>\n";
    return out;
}

std::string findings_section(const evaluation::Evaluation& e) {
    const std::vector<advisor::Finding>& findings = e.advice.findings;
    const FindingCounts counts = count_findings(findings);
    std::string out = "<section id=\"findings\">\n<h2>Findings</h2>\n";
    out += "<p>" + escape(count_phrase(counts.error, advisor::Severity::error)) + ", " +
           escape(count_phrase(counts.warning, advisor::Severity::warning)) + ", " +
           escape(count_phrase(counts.info, advisor::Severity::info)) +
           (counts.suppressed > 0 ? ", " + std::to_string(counts.suppressed) + " waived" : "") + ".</p>\n";
    if (findings.empty()) return out + "<p class=\"empty\">No findings.</p>\n</section>\n";
    // The use-case column appears only when a finding belongs to a use case, so a single-use-case
    // report keeps a narrow table.
    bool any_use_case = false;
    for (const auto& f : findings) any_use_case = any_use_case || !f.use_case.empty();
    out +=
        "<div class=\"table-wrap\"><table "
        "class=\"findings\">\n<thead><tr><th>severity</th><th>id</th><th>location</th>";
    if (any_use_case) out += "<th>use case</th>";
    out += "<th>message</th></tr></thead>\n<tbody>\n";
    for (const auto& f : findings) {
        const std::string sev(advisor::to_string(f.severity));
        std::string location = finding_file(f, e);
        if (f.location.line > 0) {
            location += ":" + std::to_string(f.location.line);
            if (f.location.column > 0) location += ":" + std::to_string(f.location.column);
        }
        out += std::string("<tr") + (f.suppressed ? " class=\"suppressed\"" : "") +
               "><td><span class=\"sev sev-" + sev + "\">" + sev + "</span></td><td class=\"nowrap\">" +
               code(f.id) + "</td><td class=\"nowrap\">" + code(location) + "</td>";
        if (any_use_case) out += "<td>" + escape(f.use_case) + "</td>";
        out += "<td>" + escape(f.message);
        if (f.suppressed)
            out += "<br><span class=\"waived\">Waived: " + escape(f.suppression_reason) + "</span>";
        out += "</td></tr>\n";
    }
    return out + "</tbody>\n</table></div>\n</section>\n";
}

}  // namespace

}  // namespace pipeadvise::render::html

namespace pipeadvise::render::detail {

std::string report_html(const ReportInput& input, const RenderOptions&) {
    using namespace html;
    if (input.evaluation == nullptr || input.evaluation->workload == nullptr) {
        throw util::Error(util::Error::Kind::internal, "report: no evaluation to render");
    }
    const evaluation::Evaluation& e = *input.evaluation;
    const model::Workload& w = *e.workload;
    const bool hybrid = w.has_use_cases;
    // Every string that comes from the workload goes through escape(): the page is opened from
    // disk, and text a workload author wrote must never become markup.

    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // The page must work offline: forbid every fetch, allow only the inline style.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
        "'unsafe-inline'\">\n";
    out += "<meta name=\"generator\" content=\"pipeadvise " + escape(input.version) + "\">\n";
    out += "<title>" + escape(w.name) + " \xe2\x80\x94 pipeadvise report</title>\n<style>" +
           std::string(k_style) + "</style>\n</head>\n<body>\n<main>\n";

    // Header.
    out += "<header id=\"header\">\n<p class=\"eyebrow\">pipeadvise report</p>\n<h1>" + escape(w.name) +
           "</h1>\n";
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
    if (hybrid) out += "<dt>Use cases</dt><dd>" + std::to_string(w.use_cases.size()) + "</dd>\n";
    out += "</dl>\n</header>\n";

    // Recommendation and the five questions.
    const bool single = !hybrid && !w.use_cases.empty() && !e.use_cases.empty();
    out += recommendation_card(e.advice.recommendation, single ? &e.use_cases.front() : nullptr,
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
    } else {
        for (std::size_t i = 0; i < e.use_cases.size() && i < w.use_cases.size(); ++i) {
            const std::string prefix = "uc" + std::to_string(i + 1) + "-";
            out += "<section class=\"use-case\" id=\"use-case-" + std::to_string(i + 1) +
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
                                   advice != e.advice.use_cases.end() ? &advice->recommendation : nullptr,
                                   prefix);
            out += "</section>\n";
        }
    }

    const evaluation::Sensitivity* sensitivity = input.sensitivity ? &*input.sensitivity
                                                 : e.sensitivity   ? e.sensitivity.get()
                                                                   : nullptr;
    if (sensitivity != nullptr) {
        out += sensitivity_section(*sensitivity,
                                   w.use_cases.empty() ? std::string() : w.use_cases.front().name, hybrid);
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
