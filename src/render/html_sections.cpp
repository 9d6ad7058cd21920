#include <set>

#include "html_parts.hpp"
#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/svg.hpp"
#include "pipeadvise/util/units.hpp"

/// The report's closing sections: sensitivity, the what-if sweep and the findings.
namespace pipeadvise::render::html::page {

using svg::escape;

namespace {

// Six panels keep the section to about two printed pages; the table below has every point.
constexpr std::size_t k_max_panels = 6;

/// The sweep's opening paragraph: how many points over which keys, and how use cases sum.
std::string whatif_intro(const std::vector<evaluation::WhatifRow>& rows, const std::vector<std::string>& keys,
                         const model::Workload& w, const std::string& tightest) {
    std::string out = "<p>" + std::to_string(rows.size()) + " grid points over ";
    for (std::size_t i = 0; i < keys.size(); ++i) out += (i > 0 ? ", " : "") + code(keys[i]);
    out += ". Curves follow the first key; each combination of the others is its own panel.";
    if (w.use_cases.size() > 1) {
        out += " Each point sums the monthly cost of the " + std::to_string(w.use_cases.size()) +
               " use cases run in that mode and shows the worst use case's lag p95; the SLA line is the "
               "tightest, " +
               code(tightest) + "'s.";
    }
    return out + "</p>\n";
}

/// A note when more combinations exist than panels are drawn.
std::string whatif_more_note(const std::vector<evaluation::WhatifRow>& rows) {
    std::set<std::string> combos;
    for (const auto& r : rows) {
        std::string k;
        // Joined with the ASCII unit separator, which sweep values (durations, sizes, rates,
        // numbers) do not contain, so two different combinations never join to the same key.
        for (std::size_t i = 1; i < r.settings.size(); ++i) k += r.settings[i].value + "\x1f";
        combos.insert(k);
    }
    if (combos.size() <= k_max_panels) return {};
    return "<p class=\"note\">" + std::to_string(combos.size() - k_max_panels) +
           " more combinations are in the table only.</p>\n";
}

/// Every grid point: its settings, the recommendation, and lag p95 and cost per mode.
std::string whatif_table(const std::vector<evaluation::WhatifRow>& rows,
                         const std::vector<std::string>& keys) {
    std::set<pipeline::Mode> modes;
    for (const auto& r : rows) {
        for (const auto& [m, v] : r.monthly_cost_usd) modes.insert(m);
    }
    std::string out = "<div class=\"table-wrap\"><table class=\"whatif-table\">\n<thead><tr>";
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
    return out + "</tbody>\n</table></div>\n";
}

/// One finding's row; the use-case column only when the table has one.
std::string finding_row(const advisor::Finding& f, const evaluation::Evaluation& e, bool any_use_case) {
    const std::string sev(advisor::to_string(f.severity));
    std::string location = finding_file(f, e);
    if (f.location.line > 0) {
        location += ":" + std::to_string(f.location.line);
        if (f.location.column > 0) location += ":" + std::to_string(f.location.column);
    }
    std::string out = std::string("<tr") + (f.suppressed ? " class=\"suppressed\"" : "") +
                      "><td><span class=\"sev sev-" + sev + "\">" + sev +
                      "</span></td><td class=\"nowrap\">" + code(f.id) + "</td><td class=\"nowrap\">" +
                      code(location) + "</td>";
    if (any_use_case) out += "<td>" + escape(f.use_case) + "</td>";
    out += "<td>" + escape(f.message);
    if (f.suppressed) out += "<br><span class=\"waived\">Waived: " + escape(f.suppression_reason) + "</span>";
    return out + "</td></tr>\n";
}

}  // namespace

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
    std::string out = "<section id=\"whatif\">\n<h2>What-if sweep</h2>\n";
    std::vector<std::string> keys;
    for (const auto& s : rows.front().settings) keys.push_back(s.key);
    out += whatif_intro(rows, keys, w, tightest);
    const std::vector<std::string> charts = whatif_charts(rows, sla_seconds, "whatif", k_max_panels);
    for (std::size_t i = 0; i < charts.size(); ++i) {
        out += figure(charts[i],
                      "Cost and lag across " + keys.front() +
                          (charts.size() > 1 ? " (panel " + std::to_string(i + 1) + ")" : ""),
                      "Monthly cost per mode (left) and lag p95 per mode against the SLA (right).");
    }
    out += whatif_more_note(rows);
    out += whatif_table(rows, keys);
    out += "</section>\n";
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
    for (const auto& f : findings) out += finding_row(f, e, any_use_case);
    return out + "</tbody>\n</table></div>\n</section>\n";
}

}  // namespace pipeadvise::render::html::page
