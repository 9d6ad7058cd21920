#include <algorithm>
#include <cmath>
#include <cstdio>

#include "checker.hpp"
#include "pipeadvise/advisor/questions.hpp"
#include "pipeadvise/advisor/wording.hpp"

namespace pipeadvise::advisor {

using model::Architecture;
using util::format_duration;
using util::format_seconds;

namespace {

/// Streaming over batch for all use cases together, when every one was simulated
/// ("4.1× batch, simulated"; empty otherwise).
std::string streaming_over_batch(const std::vector<SimulatedFacts>& facts, std::size_t use_cases) {
    double streaming = 0.0, batch = 0.0;
    bool known = facts.size() >= use_cases;
    for (std::size_t i = 0; known && i < use_cases; ++i) {
        const auto& costs = facts[i].monthly_cost_usd;
        const auto s = costs.find("streaming");
        const auto b = costs.find("batch");
        known = s != costs.end() && b != costs.end();
        if (known) {
            streaming += s->second;
            batch += b->second;
        }
    }
    if (known && batch > 0.0) return times(streaming / batch) + " batch, simulated";
    return "";
}

/// For a single use case proposing the micro-batch fallback: the worst-case lag at the
/// suggested trigger ("; with a 30s trigger its worst-case lag is ..."), else empty.
std::string fallback_fit(const model::Workload& w, Architecture proposed) {
    if (w.use_cases.size() != 1 || proposed != Architecture::micro_batch) return "";
    const model::UseCase& uc = w.use_cases.front();
    const TriggerChoice t = suggest_trigger(uc.latency.sla, uc.data, w.infrastructure);
    return "; with a " + format_duration(t.trigger) + " trigger its worst-case lag is " +
           format_seconds(t.worst_lag_seconds) + (t.fits ? ", within the SLA" : ", over the SLA");
}

/// Why the proposed architecture does not fit what the workload calls for.
std::string mismatch_why(const Advice& advice, Architecture proposed, Architecture recommended) {
    if (proposed == Architecture::hybrid) {
        return "a hybrid needs use cases that land on different sides, and these all land on " +
               arch_name(recommended);
    }
    if (recommended == Architecture::hybrid) {
        std::vector<std::string> missed, overbuilt;
        for (const auto& uc : advice.use_cases) {
            const int need = machinery(uc.recommendation.architecture);
            if (need > machinery(proposed)) missed.push_back(uc.name);
            if (need < machinery(proposed)) overbuilt.push_back(uc.name);
        }
        std::string why = "one " + arch_name(proposed) + " platform";
        if (!missed.empty()) why += " misses the SLA of " + join_words(missed);
        if (!missed.empty() && !overbuilt.empty()) why += " and";
        if (!overbuilt.empty()) why += " over-builds " + join_words(overbuilt);
        return why;
    }
    if (proposed == Architecture::simple_streaming && recommended == Architecture::full_streaming) {
        return "simple_streaming keeps no state, but the computation is stateful (computation.stateful: "
               "true)";
    }
    if (machinery(proposed) < machinery(recommended)) return "it cannot meet the SLA";
    return "it is over-built for the SLA and pays for freshness nobody uses";
}

}  // namespace

void Checker::check_architecture() {
    if (!m_p.architecture) return;
    const Architecture proposed = *m_p.architecture;
    const Architecture recommended = m_advice.recommendation.architecture;
    if (proposed == recommended) return;
    const std::string path = "proposal.architecture";
    std::vector<std::string> bounded;
    for (const auto& uc : m_w.use_cases) {
        if (uc.data.bounded) bounded.push_back(uc.name);
    }
    std::string head = "proposal.architecture is " + arch_name(proposed) + " but " + slas_text() +
                       calls_for() + arch_name(recommended);
    if (!bounded.empty()) {
        head += m_w.use_cases.size() == 1
                    ? " (the data is bounded, data.bounded: true, so it is processed as batch)"
                    : " (bounded data of " + join_words(bounded) + " is processed as batch)";
    }
    if (is_streaming(proposed) &&
        (recommended == Architecture::batch || recommended == Architecture::micro_batch)) {
        const std::string cost = streaming_over_batch(m_options.facts, m_w.use_cases.size());
        add("streaming-where-batch-suffices", path,
            head + ": an always-on streaming cluster" + (cost.empty() ? "" : " (" + cost + ")") +
                " buys freshness the use case does not need; propose " + arch_name(recommended) +
                " or tighten the SLA if a decision really needs it.");
        return;
    }
    if (m_advice.recommendation.fallback == proposed) {
        // The team is not ready for streaming and proposes the fallback the advice names.
        // Still a mismatch (spec §1: either way is an error), but the message says what the
        // SLA loses and how to accept the trade-off explicitly.
        add("architecture-mismatch", path,
            head + ", and the proposal is its fallback for a team not ready for streaming" +
                fallback_fit(m_w, proposed) + "; move to " + arch_name(recommended) +
                " once the team has Kafka experience, on-call and a "
                "recovery runbook, or accept the trade-off with a dated waiver.");
        return;
    }
    add("architecture-mismatch", path,
        head + ": " + mismatch_why(m_advice, proposed, recommended) + "; change the proposal to " +
            arch_name(recommended) + " or correct the workload values that drive the answer.");
}

std::size_t Checker::first_streaming_use_case() const {
    for (std::size_t i = 0; i < m_advice.use_cases.size(); ++i) {
        if (is_streaming(judged_architecture(m_w, m_advice.use_cases[i]))) return i;
    }
    return 0;
}

void Checker::check_team() {
    if (!m_streaming) return;
    const auto gaps = team_gaps(m_w.team);
    const bool proposed = m_p.architecture.has_value();
    if (!gaps.empty()) {
        const std::size_t i = first_streaming_use_case();
        const RecoveryEstimate r = worst_case_recovery(judged_architecture(m_w, m_advice.use_cases[i]),
                                                       m_w.use_cases[i], m_w.team, m_w.infrastructure);
        std::vector<std::string> stated;
        for (const auto& g : gaps) stated.push_back(g + ": false");
        const std::string what =
            proposed ? "the proposal is " + arch_name(*m_p.architecture)
                     : "the recommendation is " + arch_name(m_advice.recommendation.architecture);
        // Only a proposal is judged as an error; a recommendation is advice, so a warning.
        add("team-not-ready-for-streaming", gaps.front(),
            capitalised(what) + " but the team is not ready for streaming (" + join_words(stated) + "); at " +
                std::string(model::to_string(m_w.team.maturity)) + " maturity the worst incident takes " +
                human_seconds(r.total_seconds()) + " (" + describe_recovery(r) +
                "); run micro_batch as the fallback until these are in place.",
            nullptr, proposed ? Severity::error : Severity::warning);
    }
    for (const auto& u : team_unknowns(m_w.team)) {
        not_stated(u,
                   "say whether the team has it before running streaming (checklist: Kafka experience, "
                   "on-call, recovery runbook)");
    }
}

void Checker::check_streaming_choice() {
    // Without a proposal nothing was chosen: the checklist summary covers the reason.
    if (!m_streaming || !m_p.present) return;
    if (!m_p.micro_batch_rejected_because || m_p.micro_batch_rejected_because->empty()) {
        add("micro-batch-not-evaluated", "proposal.micro_batch_rejected_because",
            std::string(m_p.architecture ? "Streaming is proposed" : "Streaming is recommended") + " for " +
                slas_text() +
                " without saying why micro-batch was rejected; state it in "
                "proposal.micro_batch_rejected_because (e.g. which trigger misses the SLA).");
    }
    checklist(m_p.cost_comparison_done, "no-cost-comparison", "proposal.cost_comparison_done",
              "Streaming is chosen without a cost comparison (proposal.cost_comparison_done: false); "
              "compare the "
              "monthly cost of each mode with `pipeadvise evaluate` before committing.",
              "say whether the monthly cost of streaming was compared with batch and micro-batch");
}

}  // namespace pipeadvise::advisor
