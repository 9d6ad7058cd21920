#include "pipeadvise/advisor/questions.hpp"

#include <string>

#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/wording.hpp"
#include "questions_parts.hpp"

namespace pipeadvise::advisor {

namespace {

using model::Architecture;
using util::format_duration;
using namespace answers;

/// The workload a use case's advice judges: its overrides, and the schedule and trigger the
/// configuration search simulated.
model::Workload configured_workload(const model::Workload& workload, const model::UseCase& use_case,
                                    const SimulatedFacts* facts) {
    model::Workload out = model::with_overrides(workload, use_case);
    if (facts == nullptr) return out;
    if (auto it = facts->configurations.find("batch");
        it != facts->configurations.end() && it->second.interval_seconds)
        out.infrastructure.batch_schedule = util::Duration::from_seconds(*it->second.interval_seconds);
    if (auto it = facts->configurations.find("micro_batch");
        it != facts->configurations.end() && it->second.interval_seconds)
        out.infrastructure.micro_batch_trigger = util::Duration::from_seconds(*it->second.interval_seconds);
    return out;
}

/// Spec §9: when the search finds no batch schedule that meets the target (and the file does
/// not pin one), the answer moves to micro-batch.
bool no_batch_schedule_meets(const model::UseCase& use_case, const SimulatedFacts* facts, Architecture a) {
    if (a != Architecture::batch || use_case.data.bounded || facts == nullptr) return false;
    const auto batch = facts->configurations.find("batch");
    if (batch == facts->configurations.end() || batch->second.stated) return false;
    if (batch->second.meeting_interval_seconds) return false;
    return facts->configurations.count("micro_batch") > 0;
}

void move_latency_answer(const model::UseCase& uc, const ConfigurationFacts& batch, Question& q) {
    const std::string sla = format_duration(uc.latency.sla);
    const double shortest = batch.best_interval_seconds.value_or(batch.interval_seconds.value_or(0.0));
    q.answer = "micro_batch: no batch schedule meets the SLA " + sla;
    q.reason = "The SLA is " + sla + " (" + path_in(uc, "latency.sla") +
               "), over 5 min, but no batch schedule meets it for " + attainment_text(batch.target) +
               " of events (" + path_in(uc, "latency.attainment_target") + "): even every " +
               human_seconds(shortest) + " a run's start-up and processing leave " +
               attainment_text(batch.best_attainment) + " within " + sla +
               " (simulated), so the answer moves to micro-batch on a held cluster.";
}

/// When the recommended mode cannot run as configured (spec §8: an infeasible mode is left out
/// of the choice), the simulated mode with the least machinery that can run and meets the
/// target; none when no such mode exists (the answer stays, with the fix, in the headline).
std::optional<Architecture> feasible_alternative(const model::UseCase& uc, const SimulatedFacts* facts,
                                                 Architecture a) {
    if (facts == nullptr || uc.data.bounded || a == Architecture::hybrid) return std::nullopt;
    const std::string current(simulated_mode(a));
    if (facts->infeasible.count(current) == 0) return std::nullopt;
    const Architecture streaming =
        uc.computation.stateful ? Architecture::full_streaming : Architecture::simple_streaming;
    for (const Architecture candidate : {Architecture::batch, Architecture::micro_batch, streaming}) {
        const std::string mode(simulated_mode(candidate));
        if (mode == current || facts->infeasible.count(mode) != 0) continue;
        const auto it = facts->configurations.find(mode);
        if (it != facts->configurations.end() && it->second.meets_target()) return candidate;
    }
    return std::nullopt;
}

/// The latency answer names the mode the SLA points to; says why the answer is another
/// (`questioned` cannot run as configured and the recommendation meets the target).
void explain_infeasible_move(const model::UseCase& use_case, const SimulatedFacts& facts,
                             const Recommendation& rec, Architecture questioned, Question& q) {
    const auto& why = facts.infeasible.at(rec.moved_from_infeasible);
    const ConfigurationFacts& c = facts.configurations.at(std::string(simulated_mode(rec.architecture)));
    q.answer +=
        " → " + arch_name(rec.architecture) + " (" + arch_name(questioned) + " cannot run as configured)";
    q.reason += " But the simulated " + rec.moved_from_infeasible + " mode cannot run as configured (" +
                why.because + "), and " + arch_name(rec.architecture) + " meets the " +
                attainment_text(c.target) + " target in simulation (" + attainment_text(c.sla_attainment) +
                " within " + format_duration(use_case.latency.sla) + "), so the answer moves to it until " +
                why.fix_key + " is fixed.";
}

}  // namespace

// How much runs continuously, in spec §1's order: comparing ranks tells an over-built proposal
// from one that misses the SLA (advisor/checks.cpp), and picks a platform's strongest need.
int machinery(model::Architecture a) {
    switch (a) {
        case model::Architecture::batch:
            return 0;
        case model::Architecture::micro_batch:
            return 1;
        case model::Architecture::simple_streaming:
            return 2;
        case model::Architecture::full_streaming:
            return 3;
        case model::Architecture::hybrid:
            return 4;
    }
    return 0;
}

LatencyBranch latency_branch(util::Duration sla) {
    const double s = sla.seconds();
    if (s < k_streaming_sla_below_seconds) return LatencyBranch::streaming;
    if (s <= k_batch_sla_above_seconds) return LatencyBranch::micro_batch;
    return LatencyBranch::batch;
}

model::Architecture recommended_architecture(const model::UseCase& use_case) {
    // Boundedness before latency: bounded data (a backfill) is batch whatever its SLA (spec §1,
    // question 3), so a tight SLA on a backfill never reaches the streaming branch.
    if (use_case.data.bounded) return Architecture::batch;
    switch (latency_branch(use_case.latency.sla)) {
        case LatencyBranch::streaming:
            return use_case.computation.stateful ? Architecture::full_streaming
                                                 : Architecture::simple_streaming;
        case LatencyBranch::micro_batch:
            return Architecture::micro_batch;
        case LatencyBranch::batch:
            return Architecture::batch;
    }
    return Architecture::batch;
}

// Gaps are keys stated false (the team lacks it: a failure-question finding); unknowns are
// keys not stated at all (the checklist asks about them). An optional<bool> compared with
// false is engaged and false; `!optional` is only "not stated".
std::vector<std::string> team_gaps(const model::Team& team) {
    std::vector<std::string> out;
    if (team.kafka_experience == false) out.emplace_back("team.kafka_experience");
    if (team.on_call == false) out.emplace_back("team.on_call");
    if (team.recovery_runbook == false) out.emplace_back("team.recovery_runbook");
    return out;
}

std::vector<std::string> team_unknowns(const model::Team& team) {
    std::vector<std::string> out;
    if (!team.kafka_experience) out.emplace_back("team.kafka_experience");
    if (!team.on_call) out.emplace_back("team.on_call");
    if (!team.recovery_runbook) out.emplace_back("team.recovery_runbook");
    return out;
}

UseCaseAdvice advise_use_case(const model::Workload& workload, const model::UseCase& use_case,
                              const SimulatedFacts* facts) {
    UseCaseAdvice out;
    out.name = use_case.name;
    out.path = use_case.path;
    Recommendation& rec = out.recommendation;
    rec.architecture = recommended_architecture(use_case);
    // The estimates below judge the use case on the configuration it was simulated at.
    const model::Workload effective = configured_workload(workload, use_case, facts);
    const model::Infrastructure& infra = effective.infrastructure;
    const bool moved = no_batch_schedule_meets(use_case, facts, rec.architecture);
    if (moved) {
        rec.architecture = Architecture::micro_batch;
        rec.moved_from_batch = true;
    }

    const Architecture questioned = rec.architecture;
    if (const auto alternative = feasible_alternative(use_case, facts, rec.architecture)) {
        rec.moved_from_infeasible = std::string(simulated_mode(rec.architecture));
        rec.architecture = *alternative;
    }

    std::optional<TriggerChoice> trigger;
    out.questions.push_back(latency_question(use_case, infra, trigger));
    if (moved) move_latency_answer(use_case, facts->configurations.at("batch"), out.questions.back());
    if (!rec.moved_from_infeasible.empty()) {
        explain_infeasible_move(use_case, *facts, rec, questioned, out.questions.back());
    }
    out.questions.push_back(state_question(use_case));
    out.questions.push_back(boundedness_question(use_case));
    out.questions.push_back(failure_question(effective, use_case, rec.architecture, rec.fallback));
    out.questions.push_back(cost_question(use_case, rec.architecture, facts, rec.cost_multiplier_vs_batch));

    if (rec.architecture == Architecture::micro_batch && trigger) {
        rec.suggested_trigger = trigger->trigger;
    } else if (rec.fallback == Architecture::micro_batch) {
        // The fallback runs at the trigger that best approaches the SLA.
        rec.suggested_trigger = suggest_trigger(use_case.latency.sla, use_case.data, infra).trigger;
    }
    if (use_case.data.bounded && use_case.data.history) {
        rec.backfill = estimate_backfill(use_case.data, use_case.data.history->seconds(), infra,
                                         workload.states("infrastructure.nodes"));
    }
    if (facts != nullptr && !use_case.data.bounded) {
        const auto it = facts->configurations.find(std::string(simulated_mode(rec.architecture)));
        if (it != facts->configurations.end()) {
            rec.configuration = it->second;
            // The trigger stated is the one simulated.
            if (rec.architecture == Architecture::micro_batch && it->second.interval_seconds)
                rec.suggested_trigger = util::Duration::from_seconds(*it->second.interval_seconds);
        }
    }
    rec.headline = headline(use_case, rec, facts);
    rec.summary = summarise(use_case, rec, workload.team, facts);
    if (!use_case.data.bounded && use_case.latency.sla.seconds() < k_verify_sla_below_seconds &&
        (!use_case.latency.verified_with_stakeholders || use_case.latency.decision.empty())) {
        rec.conditional = true;
        rec.condition = conditional_text(use_case, facts);
    }
    return out;
}

}  // namespace pipeadvise::advisor
