#include "pipeadvise/advisor/questions.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/wording.hpp"

namespace pipeadvise::advisor {

namespace {

using model::Architecture;
using util::format_duration;
using util::format_seconds;

std::string arch_name(Architecture a) {
    return std::string(model::to_string(a));
}

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
                   ": relax the SLA or the target, or add capacity";
        }
        out += ".";
    }
    return out;
}

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
        // The latency answer names the mode the SLA points to; say why the answer is another.
        const auto& why = facts->infeasible.at(rec.moved_from_infeasible);
        const ConfigurationFacts& c = facts->configurations.at(std::string(simulated_mode(rec.architecture)));
        Question& q = out.questions.back();
        q.answer +=
            " → " + arch_name(rec.architecture) + " (" + arch_name(questioned) + " cannot run as configured)";
        q.reason += " But the simulated " + rec.moved_from_infeasible + " mode cannot run as configured (" +
                    why.because + "), and " + arch_name(rec.architecture) + " meets the " +
                    attainment_text(c.target) + " target in simulation (" +
                    attainment_text(c.sla_attainment) + " within " + format_duration(use_case.latency.sla) +
                    "), so the answer moves to it until " + why.fix_key + " is fixed.";
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

void roll_up(const model::Workload& workload, const std::vector<SimulatedFacts>& facts, Advice& advice,
             const std::optional<AdviceOptions::PlatformFacts>& platform) {
    if (advice.use_cases.size() == 1) {
        advice.recommendation = advice.use_cases.front().recommendation;
        advice.questions = advice.use_cases.front().questions;
        return;
    }
    std::vector<std::string> continuous, periodic;
    Architecture strongest = Architecture::batch;
    bool any_fallback = false;
    for (const auto& uc : advice.use_cases) {
        const Architecture a = uc.recommendation.architecture;
        (a == Architecture::batch ? periodic : continuous).push_back(uc.name);
        if (machinery(a) > machinery(strongest)) strongest = a;
        any_fallback = any_fallback || uc.recommendation.fallback.has_value();
    }
    Recommendation& rec = advice.recommendation;
    rec.architecture = (!continuous.empty() && !periodic.empty()) ? Architecture::hybrid : strongest;
    if (any_fallback) rec.fallback = Architecture::micro_batch;
    if (rec.architecture == Architecture::micro_batch) {
        // One trigger for the platform: the shortest any use case needs.
        for (const auto& uc : advice.use_cases) {
            if (uc.recommendation.suggested_trigger &&
                (!rec.suggested_trigger || *uc.recommendation.suggested_trigger < *rec.suggested_trigger)) {
                rec.suggested_trigger = uc.recommendation.suggested_trigger;
            }
        }
    }

    // Platform cost: each use case in its own mode over all use cases in batch, when every
    // use case was simulated. Each use case is simulated on its own, so a shared log is
    // counted once per use case: an upper bound.
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
    if (known && batch > 0.0) rec.cost_multiplier_vs_batch = own / batch;
    // The shared platform (one log, one always-on cluster, one batch cluster) replaces that
    // upper bound when evaluation priced it (spec §8).
    if (platform) rec.cost_multiplier_vs_batch = platform->multiplier_vs_all_batch;

    // Roll-up questions: one sentence each, citing the use cases.
    std::vector<std::string> lat_parts, stateful, stateless, bounded, fallback_names;
    for (std::size_t i = 0; i < advice.use_cases.size(); ++i) {
        const auto& uc = advice.use_cases[i];
        const auto& src = workload.use_cases[i];
        lat_parts.push_back(uc.name + " " + format_duration(src.latency.sla) + " → " +
                            arch_name(uc.recommendation.architecture));
        (src.computation.stateful ? stateful : stateless).push_back(uc.name);
        if (src.data.bounded) bounded.push_back(uc.name);
        if (uc.recommendation.fallback) fallback_names.push_back(uc.name);
    }
    std::vector<Question>& qs = advice.questions;
    qs.clear();
    {
        std::string answer = arch_name(rec.architecture);
        std::string reason;
        if (rec.architecture == Architecture::hybrid) {
            reason = "The use cases need different freshness (" + join_words(lat_parts) + "), so " +
                     join_words(continuous) + (continuous.size() == 1 ? " runs" : " run") +
                     " continuously for operational signals and " + join_words(periodic) +
                     (periodic.size() == 1 ? " runs" : " run") +
                     " as batch for analytical correctness, both reading one ingestion log.";
        } else {
            reason = "All use cases land on the same side (" + join_words(lat_parts) + "), so one " + answer +
                     " platform serves them.";
        }
        qs.push_back({"latency", answer, reason});
    }
    {
        std::string answer = stateful.empty()    ? "all stateless"
                             : stateless.empty() ? "all stateful"
                                                 : "mixed";
        std::string reason =
            "Stateful: " + (stateful.empty() ? std::string("none") : join_words(stateful)) +
            "; stateless: " + (stateless.empty() ? std::string("none") : join_words(stateless)) +
            " (computation.stateful per use case).";
        qs.push_back({"state", answer, reason});
    }
    {
        std::string answer = bounded.empty() ? "all unbounded" : "bounded: " + join_words(bounded);
        std::string reason =
            bounded.empty() ? std::string(
                                  "Every use case reads an unbounded stream (data.bounded: false), so the "
                                  "latency answers stand.")
                            : "The bounded use cases (" + join_words(bounded) +
                                  ", data.bounded: true) run as batch whatever their SLA.";
        qs.push_back({"boundedness", answer, reason});
    }
    {
        std::string answer = fallback_names.empty() ? "no fallback needed" : "fallback micro_batch";
        std::string reason;
        if (!fallback_names.empty()) {
            std::vector<std::string> words;
            for (const auto& g : team_gaps(workload.team)) words.push_back(team_item_words(g));
            reason = "The team lacks " + join_words(words) + ", so " + join_words(fallback_names) +
                     " fall back to micro_batch until it is ready, while the batch layer is unaffected.";
        } else {
            reason = "The team (" + std::string(model::to_string(workload.team.maturity)) +
                     " maturity) does not change the answers; each use case's failure answer gives its "
                     "recovery time.";
        }
        qs.push_back({"failure", answer, reason});
    }
    {
        std::vector<std::string> parts;
        for (const auto& uc : advice.use_cases) {
            if (uc.recommendation.cost_multiplier_vs_batch) {
                parts.push_back(uc.name + " " + times(*uc.recommendation.cost_multiplier_vs_batch));
            }
        }
        std::string answer = rec.cost_multiplier_vs_batch
                                 ? times(*rec.cost_multiplier_vs_batch) + " an all-batch platform"
                                 : (parts.empty() ? "not simulated" : "per use case");
        std::string reason =
            parts.empty() ? std::string(
                                "The simulation was not run, so no monthly cost or multiplier over batch "
                                "is stated for the platform.")
                          : "Each use case's mode over batch: " + join_words(parts) + " (simulated).";
        qs.push_back({"cost", answer, reason});
    }

    std::string summary;
    if (rec.architecture == Architecture::hybrid) {
        summary = "Recommended: hybrid, because " + join_words(continuous) +
                  (continuous.size() == 1 ? " needs" : " need") +
                  " continuous processing for operational signals while " + join_words(periodic) +
                  (periodic.size() == 1 ? " tolerates" : " tolerate") +
                  " batch for analytical correctness; both layers read one ingestion log.";
    } else {
        summary = "Recommended: " + arch_name(rec.architecture) + " for all " +
                  std::to_string(advice.use_cases.size()) + " use cases (" + join_words(lat_parts) +
                  "), on one platform.";
    }
    if (rec.fallback) {
        std::vector<std::string> words;
        for (const auto& g : team_gaps(workload.team)) words.push_back(team_item_words(g));
        summary += " Fallback: micro_batch for " + join_words(fallback_names) + " until the team has " +
                   join_words(words) + ".";
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
    rec.summary = summary;
}

}  // namespace pipeadvise::advisor
