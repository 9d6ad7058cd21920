#include <cstdio>
#include <map>
#include <string>

#include "pipeadvise/evaluation/sensitivity.hpp"
#include "pipeadvise/render/capacity.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"
#include "pipeadvise/render/text_util.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render::detail {

namespace {

// Wrap prose at 100 columns: the tables beside it are about that wide, and a terminal or a
// CI log narrower than that wraps lines anyway.
constexpr std::size_t k_width = 100;

std::string fixed(double x, int digits) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
    return buffer;
}

std::string count(double x) {
    // Thousands separators for event counts.
    std::string digits = fixed(x, 0);
    std::string out;
    const std::size_t start = digits[0] == '-' ? 1 : 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > start && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

/// Mean failures per replication, one decimal ("0" when none): the column says what it counts.
std::string failures_per_replication(std::int64_t failures, int replications) {
    if (failures == 0 || replications <= 0) return "0";
    return fixed(static_cast<double>(failures) / replications, 1);
}

std::string heading(const std::string& title, bool color) {
    return "\n" + text::paint(title, "1", color) + "\n";
}

/// The lag, attainment, recovery and loss of each mode, one table row per mode.
std::string lag_table(const model::UseCase& use_case, const pipeline::SimulationResult& sim) {
    const std::string sla = util::format_duration(use_case.latency.sla);
    std::vector<std::vector<std::string>> rows;
    for (const auto& [mode, r] : sim.modes) {
        rows.push_back({std::string(pipeline::to_string(mode)), util::format_seconds(r.lag.p50),
                        util::format_seconds(r.lag.p95), util::format_seconds(r.lag.p99),
                        text::percent(r.sla_attainment),
                        // No failure, no recovery time: "-" rather than a 0 s that reads as instant.
                        r.recovery.failures > 0 ? util::format_seconds(r.recovery.p95) : "-",
                        failures_per_replication(r.recovery.failures, sim.replications),
                        text::percent(r.late_events_dropped_fraction),
                        count(static_cast<double>(r.events_lost))});
    }
    return text::table({"mode", "lag p50", "lag p95", "lag p99", "within " + sla, "recovery p95",
                        "failures/rep", "dropped", "lost"},
                       rows, "  ");
}

/// One mode's notes under the table: the mean lag with its interval, and the warnings of an
/// extended horizon, a diurnal peak over capacity and a growing backlog.
std::string mode_notes(pipeline::Mode mode, const pipeline::ModeResult& r, bool color) {
    const std::string name(pipeline::to_string(mode));
    std::string out = "  " + name + ": lag mean " + util::format_seconds(r.lag.mean) + ", 95% CI " +
                      (r.lag.mean_ci95 ? util::format_seconds((*r.lag.mean_ci95)[0]) + " - " +
                                             util::format_seconds((*r.lag.mean_ci95)[1])
                                       : std::string("n/a (one replication)")) +
                      "\n";
    if (r.horizon_extended) {
        out += text::paint("  " + name + ": horizon extended to " +
                               util::format_duration(util::Duration::from_seconds(r.horizon_seconds)) +
                               " to cover 4 schedules, triggers or windows",
                           "33", color) +
               "\n";
    }
    if (r.peak_backlog_events) {
        out += text::paint("  " + name + ": the diurnal peak exceeds capacity; backlog peaks at " +
                               count(*r.peak_backlog_events) + " events and drains in " +
                               util::format_seconds(r.peak_drain_seconds.value_or(0.0)),
                           "33", color) +
               "\n";
    }
    if (r.backlog_growth_per_second && r.feasible) {
        out += text::paint("  " + std::string(pipeline::to_string(mode)) +
                               ": arrivals exceed capacity; backlog grows by " +
                               util::format_rate(*r.backlog_growth_per_second),
                           "33", color) +
               "\n";
    }
    return out;
}

/// Spec §8: the cluster each mode holds and why; a mode that cannot run says so.
std::string clusters_section(const pipeline::SimulationResult& sim, bool color) {
    std::string out = heading("CLUSTERS", color);
    for (const auto& [mode, r] : sim.modes) {
        out +=
            "  " + text::pad(std::string(pipeline::to_string(mode)), 13) + nodes_explanation(r.nodes) + "\n";
        if (r.brokers) out += std::string(15, ' ') + brokers_explanation(*r.brokers) + "\n";
        if (!r.feasible) {
            out +=
                text::paint(text::wrap("INFEASIBLE: " + r.infeasible_because, k_width, std::string(15, ' ')),
                            "31", color);
        }
    }
    return out;
}

std::string cost_section(const evaluation::UseCaseEvaluation& ev, bool color) {
    const pipeline::SimulationResult& sim = *ev.simulation;
    std::string out = heading("MONTHLY COST (USD)", color);
    std::vector<std::vector<std::string>> cost_rows;
    for (const auto& [mode, c] : ev.costs) {
        const cost::CostBreakdown& b = c.monthly_usd;
        if (!sim.modes.at(mode).feasible) {
            // A mode that cannot run is not priced as if it ran (spec §8).
            cost_rows.push_back(
                {std::string(pipeline::to_string(mode)), "-", "-", "-", "-", "-", "-", "infeasible"});
            continue;
        }
        cost_rows.push_back(
            {std::string(pipeline::to_string(mode)), util::format_money(b.compute),
             util::format_money(b.infrastructure), util::format_money(b.storage),
             util::format_money(b.engineering), util::format_money(b.total),
             util::format_money(b.total_p5_p95[0]) + "-" + util::format_money(b.total_p5_p95[1]),
             c.multiplier_vs_batch                         ? fixed(*c.multiplier_vs_batch, 1) + "x"
             : sim.modes.count(pipeline::Mode::batch) != 0 ? std::string("-")
                                                           : std::string("no batch run")});
    }
    out += text::table(
        {"mode", "compute", "infrastructure", "storage", "engineering", "total", "p5-p95", "vs batch"},
        cost_rows, "  ");
    return out;
}

std::string drills_section(const pipeline::SimulationResult& sim, bool color) {
    std::vector<std::vector<std::string>> drill_rows;
    for (const auto& [mode, r] : sim.modes) {
        for (const auto& d : r.drills) {
            drill_rows.push_back({std::string(pipeline::to_string(mode)), util::format_seconds(d.at_seconds),
                                  util::format_seconds(d.outage_seconds),
                                  util::format_seconds(d.recovery_seconds),
                                  count(static_cast<double>(d.events_lost))});
        }
    }
    if (drill_rows.empty()) return "";
    return heading("DRILLS", color) +
           text::table({"mode", "at", "outage", "back to normal after", "events lost"}, drill_rows, "  ");
}

}  // namespace

std::string simulation_text(const model::UseCase& use_case, const evaluation::UseCaseEvaluation& ev,
                            bool color) {
    const pipeline::SimulationResult& sim = *ev.simulation;
    std::string out = heading("SIMULATION", color);
    out += "  " + std::to_string(sim.replications) + " replications x " +
           util::format_duration(util::Duration::from_seconds(sim.horizon_seconds)) + ", seed " +
           std::to_string(sim.seed) + ", " + count(static_cast<double>(sim.events_simulated)) +
           " simulated entities\n\n";
    out += lag_table(use_case, sim);
    out +=
        "  failures/rep: mean failures per replication (the JSON's recovery_seconds.failures is the total)\n";
    for (const auto& [mode, r] : sim.modes) out += mode_notes(mode, r, color);
    out += clusters_section(sim, color);
    if (!ev.costs.empty()) out += cost_section(ev, color);
    out += drills_section(sim, color);
    return out;
}

namespace {

std::string questions_section(const std::vector<advisor::Question>& questions) {
    std::string out;
    for (const auto& q : questions) {
        out += "  " + text::pad(q.id, 13) + escape_terminal(q.answer) + "\n";
        out += text::wrap(q.reason, k_width, std::string(15, ' '));
    }
    return out;
}

std::string recommendation_line(const advisor::Recommendation& r, bool color) {
    std::string line = text::paint(std::string(model::to_string(r.architecture)), "1;32", color);
    if (r.fallback) line += "   fallback: " + std::string(model::to_string(*r.fallback));
    if (r.suggested_trigger) line += "   trigger: " + util::format_duration(*r.suggested_trigger);
    if (r.cost_multiplier_vs_batch) line += "   cost: " + fixed(*r.cost_multiplier_vs_batch, 1) + "x batch";
    return line;
}

std::string sensitivity_section(const evaluation::Sensitivity& s, bool color) {
    std::string out = heading("SENSITIVITY", color);
    out += "  streaming/batch cost multiplier " + fixed(s.base_multiplier, 2) +
           "x; each input at 50% and 150% (" + std::to_string(s.replications) +
           " replications per point, same seed):\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& b : s.bars) {
        rows.push_back({b.input, fixed(b.multiplier_low, 2) + "x", fixed(b.multiplier_high, 2) + "x",
                        fixed(std::abs(b.multiplier_high - b.multiplier_low), 2)});
    }
    out += text::table({"input", "at 50%", "at 150%", "swing"}, rows, "  ");
    auto flip = [&](const std::optional<evaluation::SlaFlip>& f, const char* side) {
        if (!f) return std::string("  no SLA ") + side + " changes the recommendation\n";
        return std::string("  an SLA of ") + util::format_duration(f->sla) + " (" + side + ") would give " +
               std::string(model::to_string(f->architecture)) + "\n";
    };
    out += "\n" + flip(s.flip_tighter, "tighter") + flip(s.flip_looser, "looser");
    return out;
}

std::string findings_section(const std::vector<advisor::Finding>& findings, bool color) {
    std::map<advisor::Severity, int> counts;
    int suppressed = 0;
    // A waived finding counts as waived only, not under its severity: the totals are what
    // still needs attention, as `check` counts them against --fail-on.
    for (const auto& f : findings) f.suppressed ? ++suppressed : ++counts[f.severity];
    std::string title = "FINDINGS";
    if (findings.empty()) {
        title += "  none";
    } else {
        title += "  " + std::to_string(counts[advisor::Severity::error]) + " error(s), " +
                 std::to_string(counts[advisor::Severity::warning]) + " warning(s), " +
                 std::to_string(counts[advisor::Severity::info]) + " info";
        if (suppressed > 0) title += ", " + std::to_string(suppressed) + " waived";
    }
    std::string out = heading(title, color);
    for (const auto& f : findings) {
        out += "  " + util::format_location(f.location) + ": " +
               text::paint(std::string(advisor::to_string(f.severity)), text::severity_color(f.severity),
                           color) +
               ": " + escape_terminal(f.message) + " [" + escape_terminal(f.id) + "]";
        if (f.suppressed) out += " (waived: " + escape_terminal(f.suppression_reason) + ")";
        out += "\n";
    }
    return out;
}

std::string one(const evaluation::Evaluation& e, const RenderOptions& options) {
    const model::Workload& w = *e.workload;
    const bool color = options.color;
    std::string out =
        text::paint(escape_terminal(w.name), "1", color) + "  (" + escape_terminal(w.file) + ")\n";
    if (!w.description.empty()) out += text::wrap(w.description, k_width, "");

    out += heading("RECOMMENDATION", color);
    out += "  " + recommendation_line(e.advice.recommendation, color) + "\n";
    if (!e.advice.recommendation.headline.empty())
        out += text::wrap(e.advice.recommendation.headline, k_width, "  ");
    out += text::wrap(e.advice.recommendation.summary, k_width, "  ");
    if (!e.advice.recommendation.condition.empty())
        out += text::wrap(e.advice.recommendation.condition, k_width, "  ");

    out += heading("THE FIVE QUESTIONS", color);
    out += questions_section(e.advice.questions);

    for (std::size_t i = 0; i < w.use_cases.size(); ++i) {
        // A single-use-case file has no use-case heading: its answer is the workload's own,
        // already printed above.
        if (w.has_use_cases) {
            out += heading("USE CASE " + escape_terminal(w.use_cases[i].name), color);
            if (i < e.advice.use_cases.size()) {
                out += "  " + recommendation_line(e.advice.use_cases[i].recommendation, color) + "\n";
                out += questions_section(e.advice.use_cases[i].questions);
            }
        }
        if (i < e.use_cases.size() && e.use_cases[i].simulation) {
            out += simulation_text(w.use_cases[i], e.use_cases[i], color);
        }
    }
    // Say that the simulation did not run rather than leave the section out, so a reader of
    // --no-simulate output does not look for numbers that were never computed.
    if (e.use_cases.empty() || !e.use_cases.front().simulation) {
        out += heading("SIMULATION", color) + "  not run (--no-simulate)\n";
    }
    if (e.platform) {
        out += heading("PLATFORM (shared by the use cases)", color);
        for (const auto& line : platform_lines(*e.platform)) out += text::wrap(line, k_width, "  ");
    }
    if (e.sensitivity) out += sensitivity_section(*e.sensitivity, color);
    out += findings_section(e.advice.findings, color);
    return out;
}

}  // namespace

std::string evaluation_text(const Evaluations& evaluations, const RenderOptions& options) {
    std::string out;
    for (std::size_t i = 0; i < evaluations.size(); ++i) {
        if (i > 0) out += "\n" + std::string(k_width, '-') + "\n\n";
        out += one(evaluations[i], options);
    }
    return out;
}

}  // namespace pipeadvise::render::detail
