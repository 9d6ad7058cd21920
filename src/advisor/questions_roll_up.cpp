#include <string>
#include <vector>

#include "pipeadvise/advisor/questions.hpp"
#include "pipeadvise/advisor/wording.hpp"
#include "questions_parts.hpp"

/// The platform recommendation over a file's use cases, its five roll-up questions and its
/// summary.
namespace pipeadvise::advisor {

namespace {

using model::Architecture;
using util::format_duration;
using namespace answers;

/// The use cases by what they need and what they are, named in the roll-up's sentences.
struct UseCaseNames {
    std::vector<std::string> continuous, periodic;
    std::vector<std::string> lat_parts, stateful, stateless, bounded, fallback_names;
};

/// The platform's architecture: hybrid when some use cases are continuous and others batch,
/// else the one with the most machinery; a fallback when any use case has one, and the
/// shortest trigger any use case needs.
void platform_architecture(const Advice& advice, Recommendation& rec, UseCaseNames& names) {
    Architecture strongest = Architecture::batch;
    bool any_fallback = false;
    for (const auto& uc : advice.use_cases) {
        const Architecture a = uc.recommendation.architecture;
        (a == Architecture::batch ? names.periodic : names.continuous).push_back(uc.name);
        if (machinery(a) > machinery(strongest)) strongest = a;
        any_fallback = any_fallback || uc.recommendation.fallback.has_value();
    }
    rec.architecture =
        (!names.continuous.empty() && !names.periodic.empty()) ? Architecture::hybrid : strongest;
    if (any_fallback) rec.fallback = Architecture::micro_batch;
    if (rec.architecture != Architecture::micro_batch) return;
    // One trigger for the platform: the shortest any use case needs.
    for (const auto& uc : advice.use_cases) {
        if (uc.recommendation.suggested_trigger &&
            (!rec.suggested_trigger || *uc.recommendation.suggested_trigger < *rec.suggested_trigger)) {
            rec.suggested_trigger = uc.recommendation.suggested_trigger;
        }
    }
}

/// Platform cost: each use case in its own mode over all use cases in batch, when every
/// use case was simulated. Each use case is simulated on its own, so a shared log is
/// counted once per use case: an upper bound.
std::optional<double> summed_multiplier(const std::vector<SimulatedFacts>& facts, const Advice& advice) {
    double own = 0.0, batch = 0.0;
    bool known = facts.size() >= advice.use_cases.size();
    for (std::size_t i = 0; known && i < advice.use_cases.size(); ++i) {
        const Architecture a = advice.use_cases[i].recommendation.architecture;
        const auto b = cost_of(&facts[i], "batch");
        const auto m = cost_of(&facts[i], simulated_mode(a));
        known = b && m && *b > 0.0;
        if (known) {
            batch += *b;
            own += *m;
        }
    }
    if (known && batch > 0.0) return own / batch;
    return std::nullopt;
}

void name_use_cases(const model::Workload& workload, const Advice& advice, UseCaseNames& names) {
    for (std::size_t i = 0; i < advice.use_cases.size(); ++i) {
        const auto& uc = advice.use_cases[i];
        const auto& src = workload.use_cases[i];
        names.lat_parts.push_back(uc.name + " " + format_duration(src.latency.sla) + " → " +
                                  arch_name(uc.recommendation.architecture));
        (src.computation.stateful ? names.stateful : names.stateless).push_back(uc.name);
        if (src.data.bounded) names.bounded.push_back(uc.name);
        if (uc.recommendation.fallback) names.fallback_names.push_back(uc.name);
    }
}

/// "Kafka experience and on-call": what the team lacks, in words.
std::string team_gap_words(const model::Team& team) {
    std::vector<std::string> words;
    for (const auto& g : team_gaps(team)) words.push_back(team_item_words(g));
    return join_words(words);
}

Question latency_roll_up(const Recommendation& rec, const UseCaseNames& n) {
    std::string answer = arch_name(rec.architecture);
    std::string reason;
    if (rec.architecture == Architecture::hybrid) {
        reason = "The use cases need different freshness (" + join_words(n.lat_parts) + "), so " +
                 join_words(n.continuous) + (n.continuous.size() == 1 ? " runs" : " run") +
                 " continuously for operational signals and " + join_words(n.periodic) +
                 (n.periodic.size() == 1 ? " runs" : " run") +
                 " as batch for analytical correctness, both reading one ingestion log.";
    } else {
        reason = "All use cases land on the same side (" + join_words(n.lat_parts) + "), so one " + answer +
                 " platform serves them.";
    }
    return {"latency", answer, reason};
}

Question state_roll_up(const UseCaseNames& n) {
    std::string answer = n.stateful.empty()    ? "all stateless"
                         : n.stateless.empty() ? "all stateful"
                                               : "mixed";
    std::string reason =
        "Stateful: " + (n.stateful.empty() ? std::string("none") : join_words(n.stateful)) +
        "; stateless: " + (n.stateless.empty() ? std::string("none") : join_words(n.stateless)) +
        " (computation.stateful per use case).";
    return {"state", answer, reason};
}

Question boundedness_roll_up(const UseCaseNames& n) {
    std::string answer = n.bounded.empty() ? "all unbounded" : "bounded: " + join_words(n.bounded);
    std::string reason = n.bounded.empty()
                             ? std::string(
                                   "Every use case reads an unbounded stream (data.bounded: false), so the "
                                   "latency answers stand.")
                             : "The bounded use cases (" + join_words(n.bounded) +
                                   ", data.bounded: true) run as batch whatever their SLA.";
    return {"boundedness", answer, reason};
}

Question failure_roll_up(const model::Team& team, const UseCaseNames& n) {
    std::string answer = n.fallback_names.empty() ? "no fallback needed" : "fallback micro_batch";
    std::string reason;
    if (!n.fallback_names.empty()) {
        reason = "The team lacks " + team_gap_words(team) + ", so " + join_words(n.fallback_names) +
                 " fall back to micro_batch until it is ready, while the batch layer is unaffected.";
    } else {
        reason = "The team (" + std::string(model::to_string(team.maturity)) +
                 " maturity) does not change the answers; each use case's failure answer gives its "
                 "recovery time.";
    }
    return {"failure", answer, reason};
}

Question cost_roll_up(const Advice& advice, const Recommendation& rec) {
    std::vector<std::string> parts;
    for (const auto& uc : advice.use_cases) {
        if (uc.recommendation.cost_multiplier_vs_batch) {
            parts.push_back(uc.name + " " + times(*uc.recommendation.cost_multiplier_vs_batch));
        }
    }
    std::string answer = rec.cost_multiplier_vs_batch
                             ? times(*rec.cost_multiplier_vs_batch) + " an all-batch platform"
                             : (parts.empty() ? "not simulated" : "per use case");
    std::string reason = parts.empty()
                             ? std::string(
                                   "The simulation was not run, so no monthly cost or multiplier over batch "
                                   "is stated for the platform.")
                             : "Each use case's mode over batch: " + join_words(parts) + " (simulated).";
    return {"cost", answer, reason};
}

/// The platform's summary: what and why, the fallback, and the platform's cost over batch.
std::string platform_summary(const model::Workload& workload, const Advice& advice, const Recommendation& rec,
                             const UseCaseNames& n,
                             const std::optional<AdviceOptions::PlatformFacts>& platform) {
    std::string summary;
    if (rec.architecture == Architecture::hybrid) {
        summary = "Recommended: hybrid, because " + join_words(n.continuous) +
                  (n.continuous.size() == 1 ? " needs" : " need") +
                  " continuous processing for operational signals while " + join_words(n.periodic) +
                  (n.periodic.size() == 1 ? " tolerates" : " tolerate") +
                  " batch for analytical correctness; both layers read one ingestion log.";
    } else {
        summary = "Recommended: " + arch_name(rec.architecture) + " for all " +
                  std::to_string(advice.use_cases.size()) + " use cases (" + join_words(n.lat_parts) +
                  "), on one platform.";
    }
    if (rec.fallback) {
        summary += " Fallback: micro_batch for " + join_words(n.fallback_names) + " until the team has " +
                   team_gap_words(workload.team) + ".";
    }
    if (platform && rec.cost_multiplier_vs_batch) {
        summary +=
            " The shared platform (one ingestion log, one always-on cluster, one batch cluster) costs " +
            util::format_money(platform->monthly_usd) + " a month, " + times(*rec.cost_multiplier_vs_batch) +
            " an all-batch one (simulated).";
    } else if (platform && !platform->infeasible_because.empty()) {
        summary += " The platform cannot run as configured (" + platform->infeasible_because +
                   "), so no cost over batch is stated.";
    } else if (rec.cost_multiplier_vs_batch) {
        summary += " The platform costs " + times(*rec.cost_multiplier_vs_batch) +
                   " an all-batch one per month (simulated).";
    } else if (!rec.fallback) {
        summary += " Its cost over batch is not stated because the simulation was not run.";
    }
    return summary;
}

}  // namespace

void roll_up(const model::Workload& workload, const std::vector<SimulatedFacts>& facts, Advice& advice,
             const std::optional<AdviceOptions::PlatformFacts>& platform) {
    if (advice.use_cases.size() == 1) {
        advice.recommendation = advice.use_cases.front().recommendation;
        advice.questions = advice.use_cases.front().questions;
        return;
    }
    UseCaseNames names;
    Recommendation& rec = advice.recommendation;
    platform_architecture(advice, rec, names);
    if (const auto multiplier = summed_multiplier(facts, advice)) rec.cost_multiplier_vs_batch = multiplier;
    // The shared platform (one log, one always-on cluster, one batch cluster) replaces that
    // upper bound when evaluation priced it (spec §8).
    if (platform) rec.cost_multiplier_vs_batch = platform->multiplier_vs_all_batch;

    // Roll-up questions: one sentence each, citing the use cases.
    name_use_cases(workload, advice, names);
    std::vector<Question>& qs = advice.questions;
    qs.clear();
    qs.push_back(latency_roll_up(rec, names));
    qs.push_back(state_roll_up(names));
    qs.push_back(boundedness_roll_up(names));
    qs.push_back(failure_roll_up(workload.team, names));
    qs.push_back(cost_roll_up(advice, rec));
    rec.summary = platform_summary(workload, advice, rec, names, platform);
}

}  // namespace pipeadvise::advisor
