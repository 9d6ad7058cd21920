#include <cstdio>
#include <string>

#include "pipeadvise/evaluation/sensitivity.hpp"
#include "pipeadvise/render/capacity.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"
#include "pipeadvise/render/text_util.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render::detail {

namespace {

std::string fixed(double x, int digits) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
    return buffer;
}

std::string row(const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const auto& c : cells) out += " " + c + " |";
    return out + "\n";
}

std::string header(const std::vector<std::string>& cells, std::size_t left_columns = 1) {
    std::string out = row(cells) + "|";
    for (std::size_t i = 0; i < cells.size(); ++i) out += i < left_columns ? " --- |" : " ---: |";
    return out + "\n";
}

std::string recommendation(const advisor::Recommendation& r) {
    std::string out = "**`" + std::string(model::to_string(r.architecture)) + "`**";
    if (r.fallback) out += " (fallback: `" + std::string(model::to_string(*r.fallback)) + "`)";
    if (r.suggested_trigger) out += ", trigger " + util::format_duration(*r.suggested_trigger);
    if (r.cost_multiplier_vs_batch)
        out += ", " + fixed(*r.cost_multiplier_vs_batch, 1) + "× the cost of batch";
    return out;
}

std::string questions(const std::vector<advisor::Question>& qs) {
    std::string out = header({"question", "answer", "why"}, 3);
    for (const auto& q : qs) out += row({q.id, escape_markdown(q.answer), escape_markdown(q.reason)});
    return out;
}

/// Headings of one workload's section: `level` hashes for its title, one more for its parts;
/// `suffix` (the workload's name when several are rendered) keeps repeated part headings
/// unique, as markdownlint's MD024 and the anchors of GitHub and docs sites need.
struct Headings {
    std::string title;  ///< "#" or "##"
    std::string part;   ///< "##" or "###"
    std::string suffix;
};

std::string simulation(const model::UseCase& uc, const evaluation::UseCaseEvaluation& ev,
                       const std::string& heading) {
    const pipeline::SimulationResult& sim = *ev.simulation;
    std::string out = "\n" + heading + "\n\n";
    out += std::to_string(sim.replications) + " replications × " +
           util::format_duration(util::Duration::from_seconds(sim.horizon_seconds)) + ", seed " +
           std::to_string(sim.seed) + "; failures/rep is the mean number of failures per replication.\n\n";
    out += header({"mode", "lag p50", "lag p95", "lag p99", "within " + util::format_duration(uc.latency.sla),
                   "recovery p95", "failures/rep", "dropped", "lost", "monthly cost", "vs batch"});
    for (const auto& [mode, r] : sim.modes) {
        const auto c = ev.costs.find(mode);
        out +=
            row({"`" + std::string(pipeline::to_string(mode)) + "`", util::format_seconds(r.lag.p50),
                 util::format_seconds(r.lag.p95), util::format_seconds(r.lag.p99),
                 text::percent(r.sla_attainment),
                 r.recovery.failures > 0 ? util::format_seconds(r.recovery.p95) : "–",
                 r.recovery.failures == 0 || sim.replications <= 0
                     ? "0"
                     : fixed(static_cast<double>(r.recovery.failures) / sim.replications, 1),
                 text::percent(r.late_events_dropped_fraction), std::to_string(r.events_lost),
                 c == ev.costs.end() || !r.feasible ? "–" : util::format_money(c->second.monthly_usd.total),
                 !r.feasible ? "infeasible"
                 : c == ev.costs.end() || !c->second.multiplier_vs_batch
                     ? "–"
                     : fixed(*c->second.multiplier_vs_batch, 1) + "×"});
    }
    // Spec §8: the cluster each mode holds and why; a mode that cannot run says so.
    out += "\n" + header({"mode", "cluster", "why", "feasible"});
    for (const auto& [mode, r] : sim.modes) {
        std::string why = nodes_explanation(r.nodes);
        if (r.brokers) why += "; " + brokers_explanation(*r.brokers);
        out +=
            row({"`" + std::string(pipeline::to_string(mode)) + "`", cluster_summary(r), escape_markdown(why),
                 r.feasible ? "yes" : "**no**: " + escape_markdown(r.infeasible_because)});
    }
    if (!ev.costs.empty()) {
        out += "\n<details><summary>Monthly cost by part (USD)</summary>\n\n";
        out += header({"mode", "compute", "infrastructure", "storage", "engineering", "total"});
        for (const auto& [mode, c] : ev.costs) {
            const cost::CostBreakdown& b = c.monthly_usd;
            if (!sim.modes.at(mode).feasible) {
                out += row(
                    {"`" + std::string(pipeline::to_string(mode)) + "`", "–", "–", "–", "–", "infeasible"});
                continue;
            }
            out += row({"`" + std::string(pipeline::to_string(mode)) + "`", util::format_money(b.compute),
                        util::format_money(b.infrastructure), util::format_money(b.storage),
                        util::format_money(b.engineering), util::format_money(b.total)});
        }
        out += "\n</details>\n";
    }
    return out;
}

std::string one(const evaluation::Evaluation& e, const Headings& h) {
    const model::Workload& w = *e.workload;
    const std::string sub = h.part + "#";
    std::string out = h.title + " " + escape_markdown(w.name) + "\n\n";
    if (!w.description.empty()) out += escape_markdown(w.description) + "\n\n";
    out += "**Recommendation:** " + recommendation(e.advice.recommendation) + "\n\n";
    if (!e.advice.recommendation.headline.empty())
        out += "**" + escape_markdown(e.advice.recommendation.headline) + "**\n\n";
    out += "> " + escape_markdown(e.advice.recommendation.summary) + "\n\n";
    if (!e.advice.recommendation.condition.empty())
        out += "> " + escape_markdown(e.advice.recommendation.condition) + "\n\n";
    out += h.part + " The five questions" + h.suffix + "\n\n" + questions(e.advice.questions);
    for (std::size_t i = 0; i < w.use_cases.size(); ++i) {
        const std::string use_case = escape_markdown(w.use_cases[i].name);
        if (w.has_use_cases && i < e.advice.use_cases.size()) {
            out += "\n" + h.part + " Use case: " + use_case + h.suffix + "\n\n";
            out += recommendation(e.advice.use_cases[i].recommendation) + "\n\n" +
                   questions(e.advice.use_cases[i].questions);
        }
        if (i < e.use_cases.size() && e.use_cases[i].simulation) {
            // One simulation per use case: named after it, under its use-case heading.
            const std::string heading = w.has_use_cases ? sub + " Simulation: " + use_case + h.suffix
                                                        : h.part + " Simulation" + h.suffix;
            out += simulation(w.use_cases[i], e.use_cases[i], heading);
        }
    }
    if (e.platform) {
        out += "\n### Platform (shared by the use cases)\n\n";
        for (const auto& line : platform_lines(*e.platform)) out += "- " + escape_markdown(line) + "\n";
    }
    if (e.sensitivity) {
        out += "\n" + h.part + " Sensitivity" + h.suffix + "\n\nStreaming/batch multiplier " +
               fixed(e.sensitivity->base_multiplier, 2) + "×, each input at 50% and 150% (" +
               std::to_string(e.sensitivity->replications) + " replications per point, same seed):\n\n";
        out += header({"input", "at 50%", "at 150%"});
        for (const auto& b : e.sensitivity->bars) {
            out += row(
                {"`" + b.input + "`", fixed(b.multiplier_low, 2) + "×", fixed(b.multiplier_high, 2) + "×"});
        }
    }
    out += "\n" + h.part + " Findings" + h.suffix + "\n\n";
    if (e.advice.findings.empty()) {
        out += "None.\n";
    } else {
        out += header({"severity", "rule", "location", "message"}, 4);
        for (const auto& f : e.advice.findings) {
            std::string message = escape_markdown(f.message);
            if (f.suppressed) message += " *(waived: " + escape_markdown(f.suppression_reason) + ")*";
            out += row({std::string(advisor::to_string(f.severity)), "`" + f.id + "`",
                        escape_markdown(util::format_location(f.location)), message});
        }
    }
    return out;
}

}  // namespace

std::string evaluation_markdown(const Evaluations& evaluations, const RenderOptions&) {
    // A page starts with one top-level heading (markdownlint MD041, MD025): the workload's
    // name for one file; for several, a title and one second-level section per workload.
    if (evaluations.size() == 1) return one(evaluations.front(), Headings{"#", "##", ""});
    std::string out = "# pipeadvise evaluate: " + std::to_string(evaluations.size()) + " workloads\n";
    for (const auto& e : evaluations) {
        out += "\n";
        out += one(e, Headings{"##", "###", " (" + escape_markdown(e.workload->name) + ")"});
    }
    return out;
}

}  // namespace pipeadvise::render::detail
