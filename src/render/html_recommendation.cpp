#include <algorithm>

#include "html_parts.hpp"
#include "pipeadvise/evaluation/diff.hpp"
#include "pipeadvise/render/svg.hpp"
#include "pipeadvise/util/units.hpp"

/// The report's recommendation card, the hybrid use-case overview and the list of questions.
namespace pipeadvise::render::html {

std::string format_multiplier_or_na(const std::optional<double>& multiplier) {
    return multiplier ? format_multiplier(*multiplier) : std::string("n/a");
}

namespace page {

using svg::escape;

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

bool can_run(const evaluation::UseCaseEvaluation* uc, pipeline::Mode mode) {
    if (uc == nullptr || !uc->simulation) return true;
    const auto it = uc->simulation->modes.find(mode);
    return it == uc->simulation->modes.end() || it->second.feasible;
}

namespace {

std::string question_title(std::string_view id) {
    if (id == "latency") return "1. Latency";
    if (id == "state") return "2. State";
    if (id == "boundedness") return "3. Boundedness";
    if (id == "failure") return "4. Failure";
    if (id == "cost") return "5. Cost";
    return std::string(id);
}

/// The card's key figures: the SLA, the multiplier, each mode's lag and each feasible mode's
/// monthly cost.
std::string recommendation_kpis(const advisor::Recommendation& r, const evaluation::UseCaseEvaluation* uc,
                                const model::UseCase* use_case) {
    std::string kpis;
    const auto kpi = [&](const std::string& value, const std::string& name) {
        kpis += "<div class=\"kpi\"><span class=\"value\">" + escape(value) + "</span><span class=\"name\">" +
                escape(name) + "</span></div>\n";
    };
    if (use_case != nullptr) kpi(util::format_duration(use_case->latency.sla), "freshness SLA");
    if (r.cost_multiplier_vs_batch)
        kpi(format_multiplier(*r.cost_multiplier_vs_batch), "cost of the recommendation vs batch");
    // A mode that cannot run as configured shows that, not a lag or a price (spec §8).
    if (uc != nullptr && uc->simulation) {
        for (const auto& [mode, m] : uc->simulation->modes) {
            if (!can_run(uc, mode)) {
                kpi("infeasible", std::string(mode_label(mode)) + " cannot run as configured");
                continue;
            }
            kpi(util::format_seconds(m.lag.p95), std::string(mode_label(mode)) + " lag p95 (" +
                                                     format_percent(m.sla_attainment) + " within SLA)");
        }
    }
    if (uc != nullptr) {
        for (const auto& [mode, c] : uc->costs) {
            if (!can_run(uc, mode)) continue;
            kpi(util::format_money(c.monthly_usd.total), std::string(mode_label(mode)) + " per month");
        }
    }
    return kpis;
}

/// One use case's row of the overview: its answer, and the lag and cost of that mode.
std::string overview_row(const evaluation::Evaluation& e, std::size_t i) {
    const model::UseCase& u = e.workload->use_cases[i];
    const auto advice = std::find_if(e.advice.use_cases.begin(), e.advice.use_cases.end(),
                                     [&](const auto& a) { return a.name == u.name; });
    std::string out = "<tr><td><a href=\"#use-case-" + std::to_string(i + 1) + "\">" + escape(u.name) +
                      "</a></td><td class=\"num\">" + escape(util::format_duration(u.latency.sla)) + "</td>";
    if (advice == e.advice.use_cases.end()) return out + "<td colspan=\"5\">n/a</td></tr>\n";
    out += "<td>" + code(model::to_string(advice->recommendation.architecture)) + "</td>";
    const auto mode = evaluation::mode_of(advice->recommendation.architecture);
    const evaluation::UseCaseEvaluation* uc = i < e.use_cases.size() ? &e.use_cases[i] : nullptr;
    if (mode && !can_run(uc, *mode))
        return out + "<td class=\"num\" colspan=\"4\">cannot run as configured</td></tr>\n";
    const pipeline::ModeResult* result = nullptr;
    if (mode && uc != nullptr && uc->simulation) {
        if (auto it = uc->simulation->modes.find(*mode); it != uc->simulation->modes.end())
            result = &it->second;
    }
    const evaluation::ModeCost* cost = nullptr;
    if (mode && uc != nullptr) {
        if (auto it = uc->costs.find(*mode); it != uc->costs.end()) cost = &it->second;
    }
    return out + "<td class=\"num\">" +
           (result ? escape(util::format_seconds(result->lag.p95)) : std::string("n/a")) +
           "</td><td class=\"num\">" +
           (result ? format_percent(result->sla_attainment) : std::string("n/a")) +
           "</td><td class=\"num\">" +
           (cost ? escape(util::format_money(cost->monthly_usd.total)) : std::string("n/a")) +
           "</td><td class=\"num\">" +
           (cost ? escape(format_multiplier_or_na(cost->multiplier_vs_batch)) : std::string("n/a")) +
           "</td></tr>\n";
}

}  // namespace

std::string recommendation_card(const advisor::Recommendation& r, const evaluation::UseCaseEvaluation* uc,
                                const model::UseCase* use_case, const std::string& heading, bool primary,
                                const std::string& extra) {
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

    const std::string kpis = recommendation_kpis(r, uc, use_case);
    if (!kpis.empty()) out += "<div class=\"kpis\">\n" + kpis + "</div>\n";
    out += extra;
    out += primary ? "</section>\n" : "</div>\n";
    return out;
}

std::string use_case_overview(const evaluation::Evaluation& e) {
    // Each row shows the lag and cost of the mode that use case lands in, not of every mode:
    // a hybrid reader checks each use case against its own SLA.
    std::string out =
        "<div class=\"table-wrap\"><table class=\"use-case-overview\">\n<thead><tr><th>use case</th>"
        "<th class=\"num\">SLA</th><th>recommendation</th><th class=\"num\">lag p95</th><th "
        "class=\"num\">within SLA</th><th class=\"num\">per month</th><th class=\"num\">vs "
        "batch</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < e.workload->use_cases.size(); ++i) out += overview_row(e, i);
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

}  // namespace page

}  // namespace pipeadvise::render::html
