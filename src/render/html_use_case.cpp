#include <map>

#include "html_parts.hpp"
#include "pipeadvise/evaluation/diff.hpp"
#include "pipeadvise/render/capacity.hpp"
#include "pipeadvise/render/svg.hpp"
#include "pipeadvise/util/units.hpp"

/// One use case's part of the report: its charts and the table of the numbers behind them.
namespace pipeadvise::render::html::page {

using svg::escape;

std::string figure(const std::string& chart, const std::string& caption, const std::string& note) {
    // A chart with nothing to draw is dropped with its caption: no empty frame in the page.
    if (chart.empty()) return {};
    std::string out = "<figure>\n<figcaption>" + escape(caption) + "</figcaption>\n";
    if (!note.empty()) out += "<p class=\"note\">" + escape(note) + "</p>\n";
    return out + chart + "</figure>\n";
}

namespace {

/// The cost chart over the modes that can run; the others are named under it (spec §8).
std::string cost_figure(const evaluation::UseCaseEvaluation& uc, const std::string& prefix,
                        const ModeTags& tags) {
    std::map<pipeline::Mode, evaluation::ModeCost> priced;
    std::string unpriced;
    for (const auto& [mode, c] : uc.costs) {
        if (!can_run(&uc, mode)) {
            unpriced += (unpriced.empty() ? "" : ", ") + std::string(mode_label(mode));
            continue;
        }
        priced.emplace(mode, c);
    }
    std::string cost_note =
        "Stacked by part (mean over replications); labels give the total and the multiplier over batch.";
    if (!unpriced.empty()) cost_note += " Not priced, as it cannot run as configured: " + unpriced + ".";
    if (priced.empty()) return {};
    return figure(cost_chart(priced, prefix + "cost", tags), "Monthly cost per mode", cost_note);
}

/// One mode's rows of the table: its figures, its cluster, and why it cannot run or falls behind.
std::string mode_table_rows(const evaluation::UseCaseEvaluation& uc, pipeline::Mode mode,
                            const pipeline::ModeResult& r) {
    std::string out = "<tr><td class=\"nowrap\">" + escape(mode_label(mode)) + "</td><td class=\"num\">" +
                      escape(util::format_seconds(r.lag.p50)) + "</td><td class=\"num\">" +
                      escape(util::format_seconds(r.lag.p95)) + "</td><td class=\"num\">" +
                      escape(util::format_seconds(r.lag.p99)) + "</td><td class=\"num\">" +
                      format_percent(r.sla_attainment) + "</td><td class=\"num\">" +
                      escape(util::format_seconds(r.recovery.p95)) + "</td><td class=\"num\">" +
                      std::to_string(r.recovery.failures) + "</td><td class=\"num\">" +
                      format_percent(r.late_events_dropped_fraction) + "</td><td class=\"num\">" +
                      std::to_string(r.events_lost) + "</td>";
    const bool feasible = can_run(&uc, mode);
    if (auto c = uc.costs.find(mode); c != uc.costs.end() && feasible) {
        out += "<td class=\"num\">" + escape(util::format_money(c->second.monthly_usd.total)) +
               "</td><td class=\"num\">" + escape(util::format_money(c->second.monthly_usd.total_p5_p95[0])) +
               " to " + escape(util::format_money(c->second.monthly_usd.total_p5_p95[1])) +
               "</td><td class=\"num\">" + escape(format_multiplier_or_na(c->second.multiplier_vs_batch)) +
               "</td>";
    } else {
        out += "<td class=\"num\">n/a</td><td class=\"num\">n/a</td><td class=\"num\">n/a</td>";
    }
    out += "</tr>\n";
    // Spec §8: the cluster each mode holds and why; a mode that cannot run says so.
    std::string cluster = nodes_explanation(r.nodes);
    if (r.brokers) cluster += "; " + brokers_explanation(*r.brokers);
    out += "<tr><td colspan=\"12\" class=\"waived\">" + escape(mode_label(mode)) +
           " cluster: " + escape(cluster) + "</td></tr>\n";
    if (!feasible) {
        out += "<tr><td colspan=\"12\"><strong>" + escape(mode_label(mode)) +
               " is infeasible as configured:</strong> " + escape(r.infeasible_because) +
               ". It is left out of the multipliers.</td></tr>\n";
    }
    if (r.backlog_growth_per_second && feasible) {
        out += "<tr><td colspan=\"12\" class=\"waived\">" + escape(mode_label(mode)) +
               ": arrivals exceed capacity; the backlog grows by " +
               escape(util::format_rate(*r.backlog_growth_per_second)) + ".</td></tr>\n";
    }
    return out;
}

/// The numbers behind the charts, for readers who need exact values.
std::string mode_table(const evaluation::UseCaseEvaluation& uc) {
    std::string out =
        "<div class=\"table-wrap\"><table class=\"mode-table\">\n<thead><tr><th>mode</th><th "
        "class=\"num\">lag p50</th><th class=\"num\">lag "
        "p95</th><th class=\"num\">lag p99</th><th class=\"num\">within SLA</th><th class=\"num\">recovery "
        "p95</th><th class=\"num\">failures</th><th class=\"num\">late dropped</th><th class=\"num\">events "
        "lost</th><th class=\"num\">per month</th><th class=\"num\">p5 to p95</th><th class=\"num\">vs "
        "batch</th></tr></thead>\n<tbody>\n";
    for (const auto& [mode, r] : uc.simulation->modes) out += mode_table_rows(uc, mode, r);
    out += "</tbody>\n</table></div>\n";
    return out;
}

}  // namespace

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
    out += cost_figure(uc, prefix, tags);
    bool drills = false;
    for (const auto& [mode, r] : sim.modes) drills = drills || !r.drills.empty();
    out +=
        figure(recovery_chart(sim, prefix + "recovery", tags), "Recovery after failures",
               std::string("Time from a failure until lag is back to normal (detection, repair, catch-up)") +
                   (drills ? "; outlined bars are the scripted drills." : "."));
    out += mode_table(uc);
    return out;
}

}  // namespace pipeadvise::render::html::page
