#include <string>

#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/wording.hpp"
#include "pipeadvise/physics/lateness.hpp"
#include "questions_parts.hpp"

/// The prose of a use case's recommendation: the simulated headline, the summary and the
/// condition an unverified SLA puts on the answer.
namespace pipeadvise::advisor::answers {

using model::Architecture;
using util::format_duration;

namespace {

/// What to do when no configuration meets the target. Events that arrive later than the SLA
/// after they happened miss it whatever the pipeline does: when they use up most of the misses
/// the target allows, more capacity cannot help, and the text says so.
std::string no_configuration_fix(const model::UseCase& uc, const ConfigurationFacts& c) {
    // The share of events later than the SLA: the same lognormal tail the watermark drops use.
    const double too_late = physics::watermark_drop_fraction(uc.data.late_arrivals, uc.latency.sla);
    const double allowed = 1.0 - c.target;
    if (too_late > 0.0 && too_late >= 0.5 * allowed) {
        return ": " + percent(too_late) + " of events arrive more than " + format_duration(uc.latency.sla) +
               " after they happen (" + path_in(uc, "data.late_arrivals") + "), which alone uses " +
               percent(std::min(1.0, too_late / allowed)) + " of the " + percent(allowed) +
               " of misses the target allows, and no capacity brings them back: relax the SLA or the target";
    }
    return ": relax the SLA or the target, or add capacity";
}

}  // namespace

/// "batch every 30m on 4 nodes: 99.6% within 1h, $312/month." (empty when not simulated).
std::string headline(const model::UseCase& uc, const Recommendation& rec, const SimulatedFacts* facts) {
    if (!rec.configuration) return "";
    const ConfigurationFacts& c = *rec.configuration;
    std::string out = arch_name(rec.architecture);
    if (c.interval_seconds) {
        out += rec.architecture == Architecture::batch
                   ? " every " + human_seconds(*c.interval_seconds)
                   : " with a " + human_seconds(*c.interval_seconds) + " trigger";
    }
    out += " on " + std::to_string(c.nodes) + " nodes";
    // A mode that cannot run has no attainment or cost worth quoting (spec §8): say why and
    // what fixes it instead of suggesting a looser SLA or more capacity.
    if (facts != nullptr) {
        if (auto it = facts->infeasible.find(std::string(simulated_mode(rec.architecture)));
            it != facts->infeasible.end()) {
            return out + " cannot run as configured: " + it->second.because + ".";
        }
    }
    out += ": " + attainment_text(c.sla_attainment) + " within " + format_duration(uc.latency.sla);
    if (const auto cost = cost_of(facts, simulated_mode(rec.architecture)))
        out += ", " + util::format_money(*cost) + "/month";
    out += ".";
    if (!c.meets_target()) {
        out += " That misses the " + attainment_text(c.target) + " target (" +
               path_in(uc, "latency.attainment_target") + ")";
        if (c.stated && c.meeting_interval_seconds) {
            out += "; every " + human_seconds(*c.meeting_interval_seconds) + " would meet it";
        } else if (!c.meeting_interval_seconds) {
            out += "; no " +
                   std::string(rec.architecture == Architecture::micro_batch ? "trigger" : "configuration") +
                   " simulated meets it" +
                   (c.best_interval_seconds ? " (the best, " + human_seconds(*c.best_interval_seconds) +
                                                  ", gives " + attainment_text(c.best_attainment) + ")"
                                            : "") +
                   no_configuration_fix(uc, c);
        }
        out += ".";
    }
    return out;
}

namespace {

/// ": a one-off run over 2y of history (7.3G events) takes about 10h on 20 nodes, about $480
/// once" (empty without an estimate).
std::string backfill_text(const Recommendation& rec) {
    if (!rec.backfill) return "";
    const BackfillEstimate& b = *rec.backfill;
    std::string out = ": a one-off run over " + count_text(b.events) + " events takes about " +
                      human_seconds(b.duration_seconds) + " on " + std::to_string(b.nodes) + " nodes" +
                      (b.nodes_stated ? " (infrastructure.nodes)" : "") + ", about " +
                      util::format_money(b.cost_usd) + " once";
    if (!b.nodes_stated && b.duration_seconds > k_backfill_target_seconds)
        out += " (more than " + human_seconds(k_backfill_target_seconds) + " even on " +
               std::to_string(k_backfill_max_nodes) + " nodes)";
    return out;
}

}  // namespace

/// The answer at a looser SLA, for advice that rests on an unverified sub-5-minute SLA.
std::string conditional_text(const model::UseCase& uc, const SimulatedFacts* facts) {
    const std::string sla = format_duration(uc.latency.sla);
    std::vector<std::string> missing;
    if (!uc.latency.verified_with_stakeholders)
        missing.push_back("is not verified with stakeholders (" +
                          path_in(uc, "latency.verified_with_stakeholders") + ")");
    if (uc.latency.decision.empty())
        missing.push_back("names no decision it changes (" + path_in(uc, "latency.decision") + ")");
    auto over_batch = [&](std::string_view mode) -> std::string {
        const auto b = cost_of(facts, "batch");
        const auto m = cost_of(facts, mode);
        return b && m && *b > 0.0 ? " (" + times(*m / *b) + " batch, simulated)" : "";
    };
    std::string out = "This answer is conditional: the " + sla + " SLA " + join_words(missing) + ".";
    if (latency_branch(uc.latency.sla) == LatencyBranch::streaming)
        out += " If the decision tolerates 1 to 5 minutes, the answer is micro_batch" +
               over_batch("micro_batch") + "; if it tolerates more than 5 minutes, batch.";
    else
        out +=
            " If the decision tolerates more than 5 minutes, the answer is batch at a fraction of the "
            "cost.";
    return out;
}

/// Two or three sentences: what and why, the fallback, the cost multiplier when known.
std::string summarise(const model::UseCase& uc, const Recommendation& rec, const model::Team& team,
                      const SimulatedFacts* facts) {
    // Multipliers over batch of the other modes, for the fallback and batch sentences.
    auto over_batch = [&](std::string_view mode) -> std::optional<double> {
        const auto b = cost_of(facts, "batch");
        const auto m = cost_of(facts, mode);
        if (b && m && *b > 0.0) return *m / *b;
        return std::nullopt;
    };
    const std::optional<double> streaming_cost_multiplier = over_batch("streaming");
    const std::string sla = format_duration(uc.latency.sla);
    std::string why;
    switch (rec.architecture) {
        case Architecture::full_streaming:
            why = "the " + sla +
                  " SLA needs a continuously running pipeline and the computation keeps state across events";
            break;
        case Architecture::simple_streaming:
            why = "the " + sla +
                  " SLA needs a continuously running pipeline and each event is processed on its own";
            break;
        case Architecture::micro_batch:
            why = "the " + sla + " SLA is met by a " +
                  (rec.suggested_trigger ? format_duration(*rec.suggested_trigger) : std::string("short")) +
                  " trigger on a held cluster, without streaming's per-event processing, state stores and "
                  "watermarks";
            break;
        case Architecture::batch:
            why = uc.data.bounded
                      ? "the data is bounded, so it is processed once as batch" + backfill_text(rec)
                      : "the " + sla + " SLA leaves time for scheduled runs";
            break;
        case Architecture::hybrid:
            why = "the use cases need different freshness";
            break;
    }
    std::string out = "Recommended: " + arch_name(rec.architecture) + ", because " + why + ".";
    if (rec.fallback) {
        std::vector<std::string> words;
        for (const auto& g : team_gaps(team)) words.push_back(team_item_words(g));
        const auto fallback_cost = over_batch(simulated_mode(*rec.fallback));
        out +=
            " Fallback: " + arch_name(*rec.fallback) +
            (rec.suggested_trigger ? " with a " + format_duration(*rec.suggested_trigger) + " trigger" : "") +
            (fallback_cost ? " (" + times(*fallback_cost) + " batch, simulated)" : "") +
            " until the team has " + join_words(words) + ".";
    }
    if (uc.data.bounded) {
        // A backfill runs once: a monthly bill and a multiplier say nothing about it.
        if (!rec.backfill) out += " State data.history to get the backfill's duration and cost.";
    } else if (rec.cost_multiplier_vs_batch && rec.architecture == Architecture::batch) {
        out += streaming_cost_multiplier
                   ? " It is the cheapest mode; streaming would cost " + times(*streaming_cost_multiplier) +
                         " as much per month (simulated)."
                   : " It is the cheapest mode (simulated).";
    } else if (rec.cost_multiplier_vs_batch) {
        out += " It costs " + times(*rec.cost_multiplier_vs_batch) + " batch per month (simulated).";
    } else if (const std::string mode = rec.architecture == Architecture::batch
                                            ? std::string("batch")
                                            : std::string(simulated_mode(rec.architecture));
               facts != nullptr && (facts->infeasible.count(mode) || facts->infeasible.count("batch"))) {
        // Spec §8: a mode that cannot run is not priced; the findings say what fixes it.
        out += " Its cost over batch is not stated: the simulated " +
               (facts->infeasible.count(mode) ? mode : std::string("batch")) +
               " mode cannot run as configured (see the findings for the fix).";
    } else if (!rec.fallback) {
        out += " Its cost over batch is not stated because the simulation was not run.";
    }
    return out;
}

}  // namespace pipeadvise::advisor::answers
