#include <algorithm>

#include "checker.hpp"
#include "pipeadvise/advisor/questions.hpp"
#include "pipeadvise/advisor/wording.hpp"

// The checks spec §9 adds: request-path SLAs, micro-batch for a low-maturity team, replays
// longer than the log's retention.
namespace pipeadvise::advisor {

using model::Architecture;
using util::format_duration;

void Checker::check_request_path(const model::UseCase& uc) {
    if (uc.latency.sla.seconds() >= k_request_path_sla_below_seconds) return;
    add("request-path-serving", path_in(uc, "latency.sla"),
        capitalised(sla_text(uc)) +
            " is under 1 s: that is request-path serving (an online service answering a request), not a "
            "data pipeline, whose log hop, commit and checkpoint alone take longer; compute in the pipeline "
            "what can be computed ahead, serve the rest from a low-latency store (cache, feature store) in "
            "the request path, and give the pipeline the SLA that store needs.",
        &uc);
}

void Checker::check_micro_batch_maturity(const model::UseCase& uc, const UseCaseAdvice& advice) {
    if (m_w.team.maturity != model::Maturity::low) return;
    const Architecture judged = judged_architecture(m_w, advice);
    const bool micro_batch =
        judged == Architecture::micro_batch || (is_streaming(judged) && advice.recommendation.fallback &&
                                                *advice.recommendation.fallback == Architecture::micro_batch);
    if (!micro_batch) return;
    const model::Workload effective = model::with_overrides(m_w, uc);
    const RecoveryEstimate r =
        worst_case_recovery(Architecture::micro_batch, uc, effective.team, effective.infrastructure);
    const double sla = uc.latency.sla.seconds();
    if (r.total_seconds() <= sla) return;
    const std::string as = judged == Architecture::micro_batch ? "micro_batch" : "the micro_batch fallback";
    add("micro-batch-worst-case-exceeds-sla", "team.maturity",
        "At low maturity" + std::string(m_w.team.on_call == false ? " without on-call" : "") +
            " the worst incident of " + as + " leaves data " + human_seconds(r.total_seconds()) + " old (" +
            describe_recovery(r) + "), " + times(r.total_seconds() / sla) + " " + sla_text(uc) +
            ": micro-batch is an always-on job that someone must restart; add on-call and a runbook, or "
            "accept that the SLA holds only while nothing breaks.",
        &uc);
}

void Checker::check_replay_retention(const model::UseCase& uc, Architecture a) {
    // A continuous pipeline reprocesses history by replaying its log (batch reads the raw
    // events in object storage), so its replay cannot reach past the log's retention.
    if (!uc.data.history || !is_continuous(a)) return;
    // An unbounded pipeline whose team states a backfill strategy (typically a batch path over
    // the raw events) does not replay its log; a bounded one's job is the replay itself.
    if (!uc.data.bounded && m_p.backfill_strategy == true) return;
    const double history = uc.data.history->seconds();
    const double retention = m_w.infrastructure.retention.seconds();
    if (history <= retention) return;
    const std::string ret = format_duration(m_w.infrastructure.retention);
    const std::string hist = format_duration(*uc.data.history);
    add("replay-exceeds-retention", "infrastructure.retention",
        "Replaying " + hist + " of history (" + path_in(uc, "data.history") + ") through " + arch_name(a) +
            " needs the log to hold it, but it keeps " + ret +
            " (infrastructure.retention): all but the last " + ret + " (about " +
            count_text(uc.data.volume_per_second * (history - retention)) +
            " events) are gone; backfill in batch from the raw events in object storage, or keep " + hist +
            " in the log.",
        &uc, uc.data.bounded ? Severity::error : Severity::warning);
}

void Checker::check_sla_met(std::size_t i) {
    const SimulatedFacts* facts = facts_of(i);
    if (facts == nullptr) return;
    const model::UseCase& uc = m_w.use_cases[i];
    // A bounded workload runs once: its answer is the backfill, not a schedule.
    if (uc.data.bounded) return;
    const UseCaseAdvice& advice = m_advice.use_cases[i];
    // The proposed mode and the recommended one, once each.
    std::vector<Architecture> judged{judged_architecture(m_w, advice)};
    if (advice.recommendation.architecture != judged.front())
        judged.push_back(advice.recommendation.architecture);
    for (const Architecture a : judged) {
        const std::string mode(simulated_mode(a));
        if (mode != "batch" && mode != "micro_batch") continue;
        const auto it = facts->configurations.find(mode);
        if (it == facts->configurations.end()) continue;
        const ConfigurationFacts& c = it->second;
        if (!c.stated || c.meets_target() || !c.interval_seconds) continue;
        const bool batch = mode == "batch";
        const std::string key = batch ? "batch_schedule" : "micro_batch_trigger";
        const bool own = batch ? uc.batch_schedule.has_value() : uc.micro_batch_trigger.has_value();
        const std::string path = own ? path_in(uc, "infrastructure." + key) : "infrastructure." + key;
        std::string fix;
        if (c.meeting_interval_seconds) {
            fix = "set " + path + ": " + human_seconds(*c.meeting_interval_seconds) +
                  " (the longest that meets it in simulation), or " + key + ": auto";
        } else {
            fix = "no " + std::string(batch ? "schedule" : "trigger") + " meets it (" +
                  (c.best_interval_seconds ? "every " + human_seconds(*c.best_interval_seconds) + " gives " +
                                                 attainment_text(c.best_attainment)
                                           : std::string("none simulated")) +
                  ")" + (batch ? "; use micro_batch" : "; use streaming") +
                  ", or relax the SLA or the target";
        }
        add("sla-not-met", path,
            capitalised(arch_name(a)) + " every " + human_seconds(*c.interval_seconds) + " (" + path +
                ") delivers " + attainment_text(c.sla_attainment) + " of events within " + sla_text(uc) +
                " (simulated), below the " + attainment_text(c.target) + " target (" +
                path_in(uc, "latency.attainment_target") + "); " + fix + ".",
            &uc);
    }
}

}  // namespace pipeadvise::advisor
