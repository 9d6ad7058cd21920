#include <string>

#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/wording.hpp"
#include "questions_parts.hpp"

/// The five questions of one use case (spec §1), each answered with its reason.
namespace pipeadvise::advisor::answers {

using model::Architecture;
using util::format_duration;
using util::format_seconds;

std::string arch_name(Architecture a) {
    return std::string(model::to_string(a));
}

namespace {

/// "windowed_aggregation, 20GiB state, 3m window" (empty when nothing more is stated).
std::string state_details(const model::Computation& c) {
    std::string out;
    auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
    if (c.kind) add(std::string(model::to_string(*c.kind)));
    if (c.state_size_bytes > 0) add(util::format_size(c.state_size_bytes) + " state");
    if (c.window) add(format_duration(*c.window) + " window");
    return out;
}

/// "stateful (windowed_aggregation, 20GiB state)" or "stateless".
std::string describe_state(const model::Computation& c) {
    if (!c.stateful) return "stateless";
    const std::string details = state_details(c);
    return details.empty() ? "stateful" : "stateful (" + details + ")";
}

}  // namespace

Question latency_question(const model::UseCase& uc, const model::Infrastructure& infra,
                          std::optional<TriggerChoice>& trigger) {
    const std::string sla = format_duration(uc.latency.sla);
    const std::string key = path_in(uc, "latency.sla");
    switch (latency_branch(uc.latency.sla)) {
        case LatencyBranch::streaming:
            return {"latency", "streaming branch (SLA " + sla + " < 60s)",
                    "The SLA is " + sla + " (" + key +
                        "), under 60 s, so only a continuously running pipeline can meet it."};
        case LatencyBranch::micro_batch: {
            trigger = suggest_trigger(uc.latency.sla, uc.data, infra);
            const std::string t = format_duration(trigger->trigger);
            const std::string processing = format_seconds(trigger->processing_seconds);
            const std::string worst = format_seconds(trigger->worst_lag_seconds);
            if (trigger->fits) {
                return {"latency", "micro_batch with a " + t + " trigger (SLA " + sla + ")",
                        "The SLA is " + sla + " (" + key +
                            "), between 60 s and 5 min, so a micro-batch fits: a " + t + " trigger plus " +
                            processing + " to process a peak batch gives a worst-case lag of " + worst + "."};
            }
            return {"latency", "micro_batch, but no trigger fits the SLA " + sla + " (try 30s)",
                    "The SLA is " + sla + " (" + key +
                        "), between 60 s and 5 min, but even a 30s trigger plus " + processing +
                        " to process a peak batch gives a worst-case lag of " + worst +
                        ", so the SLA is at risk unless capacity grows."};
        }
        case LatencyBranch::batch:
            return {"latency", "batch (SLA " + sla + " > 5 min)",
                    "The SLA is " + sla + " (" + key +
                        "), over 5 min, so a scheduled batch job (e.g. Airflow or Dagster) meets it."};
    }
    return {};
}

Question state_question(const model::UseCase& uc) {
    const std::string key = path_in(uc, "computation.stateful");
    const std::string state = describe_state(uc.computation);
    const bool streaming = latency_branch(uc.latency.sla) == LatencyBranch::streaming && !uc.data.bounded;
    if (streaming && uc.computation.stateful) {
        return {"state", state + " → full_streaming",
                "The computation keeps state across events (" + key + ": true" +
                    (state_details(uc.computation).empty() ? "" : ", " + state_details(uc.computation)) +
                    "), so the stream needs watermarks and a state store and emits " +
                    (uc.computation.emit == model::EmitMode::on_update
                         ? "a result on every state update"
                         : "each window's result at window end + watermark") +
                    " (" + path_in(uc, "computation.emit") + ": " +
                    std::string(model::to_string(uc.computation.emit)) +
                    "): full_streaming, the most complex and costly option."};
    }
    if (streaming) {
        return {"state", "stateless → simple_streaming",
                "Each event is processed on its own (" + key +
                    ": false), so simple_streaming without watermarks or state stores suffices."};
    }
    if (uc.computation.stateful) {
        return {"state", state + ", recomputed per run",
                "The computation keeps state across events (" + key +
                    ": true), which each run recomputes from its input, so state does not change the answer "
                    "outside the streaming branch."};
    }
    return {"state", "stateless",
            "Each event is processed on its own (" + key +
                ": false), so state does not change the answer outside the streaming branch."};
}

Question boundedness_question(const model::UseCase& uc) {
    const std::string key = path_in(uc, "data.bounded");
    const std::string sla = format_duration(uc.latency.sla);
    if (uc.data.bounded) {
        std::string what = uc.data.history ? ", " + format_duration(*uc.data.history) + " of history" : "";
        return {"boundedness", "bounded → batch",
                "The data is bounded (" + key + ": true" + what +
                    "), so it is processed as batch whatever the " + sla + " SLA says."};
    }
    const std::string volume = util::format_rate(uc.data.volume_per_second);
    if (latency_branch(uc.latency.sla) == LatencyBranch::streaming) {
        return {"boundedness", "unbounded → continuous processing possible",
                "The data is unbounded (" + key + ": false, " + volume +
                    "), so a continuously running pipeline is possible and the latency answer stands."};
    }
    return {"boundedness", "unbounded, batch-tolerant → not streaming",
            "The data is unbounded (" + key + ": false, " + volume + ") but the " + sla +
                " SLA tolerates periodic runs, so it is processed as batch or micro-batch, never streaming."};
}

/// "team.kafka_experience" -> "Kafka experience".
std::string team_item_words(const std::string& path) {
    if (path == "team.kafka_experience") return "Kafka experience";
    if (path == "team.on_call") return "on-call";
    return "a recovery runbook";
}

Question failure_question(const model::Workload& w, const model::UseCase& uc, Architecture arch,
                          std::optional<Architecture>& fallback) {
    const RecoveryEstimate rec = worst_case_recovery(arch, uc, w.team, w.infrastructure);
    const std::string maturity =
        std::string(model::to_string(w.team.maturity)) + (w.team.on_call == false ? " without on-call" : "");
    const std::string worst =
        "the worst case is " + human_seconds(rec.total_seconds()) + " (" + describe_recovery(rec) + ")";
    const std::string retention = format_duration(w.infrastructure.retention);
    if (is_streaming(arch)) {
        const auto gaps = team_gaps(w.team);
        const auto unknown = team_unknowns(w.team);
        if (!gaps.empty()) {
            fallback = Architecture::micro_batch;
            std::vector<std::string> words;
            for (const auto& g : gaps) words.push_back(team_item_words(g));
            return {"failure", "team not ready for streaming → fallback micro_batch",
                    "The team lacks " + join_words(words) + " (" + join_words(gaps) +
                        "), so streaming comes with findings and micro_batch is the fallback; at " +
                        maturity + " maturity " + worst + "."};
        }
        if (!unknown.empty()) {
            return {"failure", "team readiness for streaming not stated",
                    "The file does not state " + join_words(unknown) +
                        ", so nobody knows who recovers the stream at 2 a.m.; at " + maturity + " maturity " +
                        worst + "."};
        }
        return {"failure", "team ready for streaming",
                "The team has Kafka experience, on-call and a recovery runbook (team.*), and at " + maturity +
                    " maturity the worst case (" + describe_recovery(rec) + ") is " +
                    human_seconds(rec.total_seconds()) + " against a " + retention + " retention."};
    }
    const std::string what = arch == Architecture::batch ? "A failed batch run" : "A failed micro-batch";
    return {"failure", "re-run after detection (" + human_seconds(rec.total_seconds()) + " worst case)",
            what + " is re-run from the last committed input once detected: at " + maturity + " maturity " +
                describe_recovery(rec) + ", " + human_seconds(rec.total_seconds()) + " in all against a " +
                retention + " retention (infrastructure.retention)."};
}

/// The simulated monthly cost of `mode`, when the facts have it.
std::optional<double> cost_of(const SimulatedFacts* facts, std::string_view mode) {
    if (facts == nullptr || mode.empty()) return std::nullopt;
    auto it = facts->monthly_cost_usd.find(std::string(mode));
    if (it == facts->monthly_cost_usd.end()) return std::nullopt;
    return it->second;
}

Question cost_question(const model::UseCase& uc, Architecture arch, const SimulatedFacts* facts,
                       std::optional<double>& multiplier) {
    const auto batch = cost_of(facts, "batch");
    const std::string sla = format_duration(uc.latency.sla);
    // A mode that cannot run as configured has no price to compare (spec §8).
    const auto infeasible = [&](std::string_view mode) -> const SimulatedFacts::Infeasible* {
        if (facts == nullptr) return nullptr;
        const auto it = facts->infeasible.find(std::string(mode));
        return it == facts->infeasible.end() ? nullptr : &it->second;
    };
    const std::string own_mode = arch == Architecture::batch ? "batch" : std::string(simulated_mode(arch));
    for (const std::string& mode : {own_mode, std::string("batch")}) {
        if (const auto* why = infeasible(mode)) {
            return {"cost", mode + " infeasible as configured",
                    capitalised(mode) + " cannot run as configured (" + why->because +
                        "), so no multiplier over batch is stated until that is fixed."};
        }
    }
    if (!batch || *batch <= 0.0) {
        return {"cost", "not simulated",
                "The simulation was not run, so no monthly cost or multiplier over batch is stated for the " +
                    sla + " SLA; run `pipeadvise evaluate` without --no-simulate to get them."};
    }
    if (arch == Architecture::batch) {
        multiplier = 1.0;
        const auto streaming = cost_of(facts, "streaming");
        std::string other;
        if (streaming) {
            other = "; streaming would cost " + util::format_money(*streaming) + " (" +
                    times(*streaming / *batch) + ") for freshness the " + sla + " SLA does not need";
        }
        return {"cost", "1.0× (" + util::format_money(*batch) + "/month, simulated)",
                "Batch is the cheapest mode at " + util::format_money(*batch) + " a month (simulated)" +
                    other + "."};
    }
    const std::string mode(simulated_mode(arch));
    const auto own = cost_of(facts, mode);
    if (!own) {
        return {"cost", "not simulated for " + mode,
                "The simulation did not run the " + mode + " mode, so the multiplier over batch (" +
                    util::format_money(*batch) + " a month) is not stated."};
    }
    multiplier = *own / *batch;
    std::string lag;
    if (facts != nullptr) {
        auto b = facts->lag_p99_seconds.find("batch");
        auto m = facts->lag_p99_seconds.find(mode);
        if (b != facts->lag_p99_seconds.end() && m != facts->lag_p99_seconds.end()) {
            lag = m->second < b->second
                      ? ", cutting the p99 lag from " + format_seconds(b->second) + " to " +
                            format_seconds(m->second)
                      : ", yet its simulated p99 lag of " + format_seconds(m->second) +
                            " is no better than batch's " + format_seconds(b->second) + " (see the findings)";
        }
    }
    return {"cost", times(*multiplier) + " batch (" + util::format_money(*own) + "/month, simulated)",
            capitalised(mode) + " costs " + util::format_money(*own) + " a month against " +
                util::format_money(*batch) + " for batch (simulated), " + times(*multiplier) +
                ": the price of the " + sla + " SLA" + lag + "."};
}

}  // namespace pipeadvise::advisor::answers
