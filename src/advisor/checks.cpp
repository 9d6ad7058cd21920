#include "pipeadvise/advisor/checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/questions.hpp"
#include "pipeadvise/advisor/wording.hpp"
#include "pipeadvise/util/spelling.hpp"

namespace pipeadvise::advisor {

namespace {

using model::Architecture;
using util::format_duration;
using util::format_seconds;

std::string arch_name(Architecture a) {
    return std::string(model::to_string(a));
}

/// Batch and micro-batch both read the log continuously from checkpointed offsets.
bool is_continuous(Architecture a) {
    return a != Architecture::batch;
}

class Checker {
public:
    Checker(const model::Workload& workload, const Advice& advice, const AdviceOptions& options)
        : m_w(workload), m_advice(advice), m_options(options), m_p(workload.proposal) {
        for (const auto& uc : advice.use_cases) {
            const Architecture a = judged_architecture(workload, uc);
            m_streaming = m_streaming || is_streaming(a);
            m_continuous = m_continuous || is_continuous(a);
            m_batch = m_batch || a == Architecture::batch;
        }
    }

    std::vector<Finding> run() {
        check_architecture();
        check_team();
        check_streaming_choice();
        check_hybrid();
        check_continuous_checklist();
        check_batch_checklist();
        check_backfill();
        for (std::size_t i = 0; i < m_w.use_cases.size(); ++i) check_use_case(i);
        check_proposal_present();
        return std::move(m_out);
    }

private:
    const model::Workload& m_w;
    const Advice& m_advice;
    const AdviceOptions& m_options;
    const model::Proposal& m_p;
    bool m_streaming = false;
    bool m_continuous = false;
    bool m_batch = false;
    std::vector<Finding> m_out;

    /// Adds a finding; `cap` lowers the rule's check severity (e.g. judged on a recommendation).
    void add(std::string_view id, std::string path, std::string message, const model::UseCase* uc = nullptr,
             Severity cap = Severity::error) {
        const Rule* rule = find_rule(id);
        Finding f;
        f.id = std::string(id);
        Severity s = rule != nullptr ? rule->check_severity : Severity::warning;
        if (m_options.context == Context::evaluate) s = std::min(s, Severity::warning);
        f.severity = std::min(s, cap);
        f.message = std::move(message);
        f.location = m_w.location_of(path);
        f.path = std::move(path);
        if (uc != nullptr && m_w.has_use_cases) f.use_case = uc->name;
        m_out.push_back(std::move(f));
    }

    /// A checklist item the file does not state (only once a proposal section exists; without
    /// one, check_proposal_present reports the whole checklist at once).
    void not_stated(std::string path, const std::string& what) {
        if (!m_p.present && path.rfind("proposal.", 0) == 0) return;
        add("checklist-not-stated", path, path + " is not stated: " + what + ".");
    }

    /// A boolean checklist item: false is the rule's finding, unstated is an info.
    void checklist(const std::optional<bool>& value, std::string_view id, const std::string& path,
                   const std::string& when_false, const std::string& when_unstated) {
        if (!value) {
            not_stated(path, when_unstated);
        } else if (!*value) {
            add(id, path, when_false);
        }
    }

    std::string sla_text(const model::UseCase& uc) const {
        return "the " + format_duration(uc.latency.sla) + " SLA (" + path_in(uc, "latency.sla") + ")";
    }

    std::string slas_text() const {
        if (m_w.use_cases.size() == 1) return sla_text(m_w.use_cases.front());
        std::vector<std::string> parts;
        for (const auto& uc : m_w.use_cases) parts.push_back(uc.name + " " + format_duration(uc.latency.sla));
        return "the SLAs (" + join_words(parts) + ")";
    }

    /// "calls for" or "call for", agreeing with slas_text().
    std::string calls_for() const { return m_w.use_cases.size() == 1 ? " calls for " : " call for "; }

    void check_architecture() {
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
            // Streaming over batch for all use cases together, when every one was simulated.
            std::string cost;
            double streaming = 0.0, batch = 0.0;
            bool known = m_options.facts.size() >= m_w.use_cases.size();
            for (std::size_t i = 0; known && i < m_w.use_cases.size(); ++i) {
                const auto& costs = m_options.facts[i].monthly_cost_usd;
                const auto s = costs.find("streaming");
                const auto b = costs.find("batch");
                known = s != costs.end() && b != costs.end();
                if (known) {
                    streaming += s->second;
                    batch += b->second;
                }
            }
            if (known && batch > 0.0) cost = times(streaming / batch) + " batch, simulated";
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
            std::string fit;
            if (m_w.use_cases.size() == 1 && proposed == Architecture::micro_batch) {
                const model::UseCase& uc = m_w.use_cases.front();
                const TriggerChoice t = suggest_trigger(uc.latency.sla, uc.data, m_w.infrastructure);
                fit = "; with a " + format_duration(t.trigger) + " trigger its worst-case lag is " +
                      format_seconds(t.worst_lag_seconds) + (t.fits ? ", within the SLA" : ", over the SLA");
            }
            add("architecture-mismatch", path,
                head + ", and the proposal is its fallback for a team not ready for streaming" + fit +
                    "; move to " + arch_name(recommended) +
                    " once the team has Kafka experience, on-call and a "
                    "recovery runbook, or accept the trade-off with a dated waiver.");
            return;
        }
        std::string why;
        if (proposed == Architecture::hybrid) {
            why = "a hybrid needs use cases that land on different sides, and these all land on " +
                  arch_name(recommended);
        } else if (recommended == Architecture::hybrid) {
            std::vector<std::string> missed, overbuilt;
            for (const auto& uc : m_advice.use_cases) {
                const int need = machinery(uc.recommendation.architecture);
                if (need > machinery(proposed)) missed.push_back(uc.name);
                if (need < machinery(proposed)) overbuilt.push_back(uc.name);
            }
            why = "one " + arch_name(proposed) + " platform";
            if (!missed.empty()) why += " misses the SLA of " + join_words(missed);
            if (!missed.empty() && !overbuilt.empty()) why += " and";
            if (!overbuilt.empty()) why += " over-builds " + join_words(overbuilt);
        } else if (proposed == Architecture::simple_streaming &&
                   recommended == Architecture::full_streaming) {
            why =
                "simple_streaming keeps no state, but the computation is stateful (computation.stateful: "
                "true)";
        } else if (machinery(proposed) < machinery(recommended)) {
            why = "it cannot meet the SLA";
        } else {
            why = "it is over-built for the SLA and pays for freshness nobody uses";
        }
        add("architecture-mismatch", path,
            head + ": " + why + "; change the proposal to " + arch_name(recommended) +
                " or correct the workload values that drive the answer.");
    }

    /// The first use case judged as streaming (check_team runs only when there is one).
    std::size_t first_streaming_use_case() const {
        for (std::size_t i = 0; i < m_advice.use_cases.size(); ++i) {
            if (is_streaming(judged_architecture(m_w, m_advice.use_cases[i]))) return i;
        }
        return 0;
    }

    void check_team() {
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
                capitalised(what) + " but the team is not ready for streaming (" + join_words(stated) +
                    "); at " + std::string(model::to_string(m_w.team.maturity)) +
                    " maturity the worst incident takes " + human_seconds(r.total_seconds()) + " (" +
                    describe_recovery(r) + "); run micro_batch as the fallback until these are in place.",
                nullptr, proposed ? Severity::error : Severity::warning);
        }
        for (const auto& u : team_unknowns(m_w.team)) {
            not_stated(u,
                       "say whether the team has it before running streaming (checklist: Kafka experience, "
                       "on-call, recovery runbook)");
        }
    }

    void check_streaming_choice() {
        // Without a proposal nothing was chosen: the checklist summary covers the reason.
        if (!m_streaming || !m_p.present) return;
        if (!m_p.micro_batch_rejected_because || m_p.micro_batch_rejected_because->empty()) {
            add("micro-batch-not-evaluated", "proposal.micro_batch_rejected_because",
                std::string(m_p.architecture ? "Streaming is proposed" : "Streaming is recommended") +
                    " for " + slas_text() +
                    " without saying why micro-batch was rejected; state it in "
                    "proposal.micro_batch_rejected_because (e.g. which trigger misses the SLA).");
        }
        checklist(m_p.cost_comparison_done, "no-cost-comparison", "proposal.cost_comparison_done",
                  "Streaming is chosen without a cost comparison (proposal.cost_comparison_done: false); "
                  "compare the "
                  "monthly cost of each mode with `pipeadvise evaluate` before committing.",
                  "say whether the monthly cost of streaming was compared with batch and micro-batch");
    }

    void check_hybrid() {
        const Architecture platform = m_p.architecture.value_or(m_advice.recommendation.architecture);
        if (platform != Architecture::hybrid) return;
        checklist(
            m_p.shared_ingestion, "hybrid-duplicate-ingestion", "proposal.shared_ingestion",
            "The streaming and batch layers ingest separately (proposal.shared_ingestion: false); have both "
            "read the same topics of one ingestion log so they agree and the source is read once.",
            "say whether both layers read the same topics");
        checklist(
            m_p.sla_owned_by_one_layer, "hybrid-sla-ownership", "proposal.sla_owned_by_one_layer",
            "Each use case's SLA is not owned by exactly one layer (proposal.sla_owned_by_one_layer: false); "
            "assign every SLA to the streaming or the batch layer.",
            "say whether each SLA is owned by one layer");
    }

    void check_continuous_checklist() {
        if (!m_continuous) return;
        const std::string kind = m_streaming ? "streaming" : "micro-batch";
        if (!m_p.checkpoint_location) {
            not_stated("proposal.checkpoint_location",
                       "say where " + kind + " checkpoints live (durable | local)");
        } else if (*m_p.checkpoint_location == model::CheckpointLocation::local) {
            add("checkpoint-local", "proposal.checkpoint_location",
                "Checkpoints of the " + kind +
                    " pipeline are on local disk (proposal.checkpoint_location: local), so losing a node "
                    "loses the "
                    "offsets and state; set it to durable (object storage).");
        }
        checklist(m_p.dead_letter_queue, "no-dead-letter-queue", "proposal.dead_letter_queue",
                  "The " + kind +
                      " pipeline has no dead-letter queue (proposal.dead_letter_queue: false), so one "
                      "malformed message stops it or is silently lost; route failing records to a "
                      "dead-letter queue.",
                  "say whether malformed messages go to a dead-letter queue");
        checklist(m_p.consumer_lag_alert, "no-consumer-lag-alert", "proposal.consumer_lag_alert",
                  "The " + kind +
                      " pipeline has no consumer-lag alert (proposal.consumer_lag_alert: false), so a "
                      "stalled job is noticed by its users; alert when lag approaches the SLA.",
                  "say whether consumer lag is alerted on");
        checklist(m_p.checkpoint_backup, "no-checkpoint-backup", "proposal.checkpoint_backup",
                  "Checkpoints are not backed up (proposal.checkpoint_backup: false), so a corrupted "
                  "checkpoint means "
                  "rebuilding state from the log; back up or version the checkpoint location.",
                  "say whether checkpoints are backed up");
        checklist(
            m_p.offset_reset_runbook, "no-offset-reset-runbook", "proposal.offset_reset_runbook",
            "There is no runbook for offset reset and checkpoint recovery (proposal.offset_reset_runbook: "
            "false); write and rehearse one before the first incident.",
            "say whether a runbook for offset reset and checkpoint recovery exists");
    }

    void check_batch_checklist() {
        bool periodic = m_batch;
        for (const auto& uc : m_advice.use_cases) {
            periodic = periodic || judged_architecture(m_w, uc) == Architecture::micro_batch;
        }
        if (periodic) {
            checklist(
                m_p.idempotent_jobs, "jobs-not-idempotent", "proposal.idempotent_jobs",
                "Jobs are not idempotent (proposal.idempotent_jobs: false), so a re-run after a failure "
                "duplicates data; make each run overwrite its own partition or merge on a key.",
                "say whether re-running a job is safe (idempotent)");
        }
        if (!m_batch) return;
        checklist(m_p.partitioned_by_date, "no-date-partitioning", "proposal.partitioned_by_date",
                  "Outputs are not partitioned by date (proposal.partitioned_by_date: false), so a backfill "
                  "rewrites "
                  "whole tables; partition by event date.",
                  "say whether outputs are partitioned by date");
        checklist(m_p.partition_overwrite, "full-overwrite", "proposal.partition_overwrite",
                  "Runs overwrite whole tables (proposal.partition_overwrite: false); overwrite only the "
                  "partitions a "
                  "run owns (replaceWhere-style) so a bad run cannot erase history.",
                  "say whether runs overwrite only their partitions (replaceWhere-style)");
        checklist(
            m_p.sla_monitored, "sla-not-monitored", "proposal.sla_monitored",
            "The batch SLA is not monitored (proposal.sla_monitored: false); alert when the data has not "
            "landed by the deadline " +
                slas_text() + " sets.",
            "say whether the SLA is defined and monitored");
    }

    void check_backfill() {
        std::string history;
        for (const auto& uc : m_w.use_cases) {
            if (uc.data.history) {
                history = " although " + format_duration(*uc.data.history) +
                          " of history must be backfillable (" + path_in(uc, "data.history") + ")";
                break;
            }
        }
        checklist(
            m_p.backfill_strategy, "no-backfill-strategy", "proposal.backfill_strategy",
            "There is no backfill strategy (proposal.backfill_strategy: false)" + history +
                "; plan how history is reprocessed after a logic change (a batch path over the same code, "
                "date-partitioned outputs).",
            "say how history is reprocessed after a logic change");
    }

    void check_use_case(std::size_t i) {
        const model::UseCase& uc = m_w.use_cases[i];
        const UseCaseAdvice& advice = m_advice.use_cases[i];
        const Architecture a = judged_architecture(m_w, advice);
        const SimulatedFacts* facts = i < m_options.facts.size() ? &m_options.facts[i] : nullptr;
        const model::Infrastructure& infra = m_w.infrastructure;
        const double capacity = capacity_per_second(infra, uc.data);
        const double mean = uc.data.volume_per_second;
        const double peak = peak_rate_per_second(uc.data);
        const std::string cap_text = util::format_rate(capacity) + " (" +
                                     std::to_string(cluster_nodes(infra, uc.data)) + " nodes × " +
                                     util::format_rate(infra.node_throughput) + ")";

        // Latency questions asked of stakeholders.
        if (uc.latency.sla.seconds() < k_verify_sla_below_seconds) {
            if (!uc.latency.verified_with_stakeholders) {
                add("sla-not-verified", path_in(uc, "latency.verified_with_stakeholders"),
                    capitalised(sla_text(uc)) +
                        " is not verified with stakeholders; ask what decision changes with fresher data, "
                        "since "
                        "alerting on the batch pipeline is often the answer.",
                    &uc);
            }
            if (uc.latency.decision.empty()) {
                add("no-decision-stated", path_in(uc, "latency.decision"),
                    capitalised(sla_text(uc)) + " names no decision that fresher data changes; state it in " +
                        path_in(uc, "latency.decision") + " or relax the SLA.",
                    &uc);
            }
        }

        // Capacity (a stated node count; `nodes: auto` is sized for the peak).
        if (infra.nodes && mean > capacity) {
            add("capacity-exceeded", "infrastructure.nodes",
                "Mean arrivals of " + util::format_rate(mean) + " (" + path_in(uc, "data.volume") +
                    ") exceed the capacity of " + cap_text + ": the backlog grows by " +
                    util::format_rate(mean - capacity) +
                    " in every mode; add nodes or raise node_throughput.",
                &uc);
        } else if (infra.nodes && peak > capacity && is_continuous(a)) {
            add("peak-exceeds-capacity", "infrastructure.nodes",
                "At the peak (" + util::format_rate(mean) + " × " + trim_ratio(uc.data.peak_to_mean) + " " +
                    path_in(uc, "data.peak_to_mean") + " = " + util::format_rate(peak) +
                    ") arrivals exceed the capacity of " + cap_text + ", so the " + arch_name(a) +
                    " backlog grows by " + util::format_rate(peak - capacity) +
                    " during every peak; size the cluster for the peak.",
                &uc);
        }

        // Micro-batch trigger.
        if (a == Architecture::micro_batch &&
            advice.recommendation.architecture == Architecture::micro_batch) {
            const TriggerChoice t = suggest_trigger(uc.latency.sla, uc.data, infra);
            if (!t.fits) {
                add("micro-batch-sla-at-risk", path_in(uc, "latency.sla"),
                    "No micro-batch trigger fits " + sla_text(uc) + ": even a " + format_duration(t.trigger) +
                        " trigger needs " + format_seconds(t.processing_seconds) +
                        " to process a peak batch (" + format_seconds(t.worst_lag_seconds) +
                        " worst-case lag); add nodes, relax the SLA or use streaming.",
                    &uc);
            }
        }

        // State store.
        // (`nodes: auto` holds enough nodes for an in-memory state, model/sizing.hpp.)
        if (is_streaming(a) && uc.computation.stateful && infra.state_store == model::StateStore::memory &&
            infra.nodes) {
            const double memory =
                static_cast<double>(*infra.nodes) * static_cast<double>(infra.node_memory_bytes);
            if (static_cast<double>(uc.computation.state_size_bytes) > memory) {
                add("state-store-oom", "infrastructure.state_store",
                    "The in-memory state store must hold " +
                        util::format_size(uc.computation.state_size_bytes) + " of state (" +
                        path_in(uc, "computation.state_size") + ") but the cluster has " +
                        util::format_size(static_cast<std::int64_t>(memory)) + " (" +
                        std::to_string(*infra.nodes) + " × " + util::format_size(infra.node_memory_bytes) +
                        "), so the job fails repeatedly with out-of-memory errors; use state_store: rocksdb, "
                        "or give it the memory: " +
                        std::to_string(static_cast<long long>(
                            std::ceil(static_cast<double>(uc.computation.state_size_bytes) /
                                      static_cast<double>(infra.node_memory_bytes)))) +
                        " nodes of " + util::format_size(infra.node_memory_bytes) + " (or nodes: auto).",
                    &uc);
            }
        }

        // Modes the simulation found unable to run (spec §8): left out of the costs, with the fix.
        if (facts != nullptr) {
            for (const auto& [mode, why] : facts->infeasible) {
                add("mode-infeasible", why.fix_key.empty() ? std::string("infrastructure") : why.fix_key,
                    "The simulated " + mode + " mode of " + uc.name + " cannot run as configured: " +
                        why.because + ". It is left out of the cost multipliers.",
                    &uc);
            }
        }

        // Retention against recovery.
        check_retention(uc, a, facts);

        // State older than the log cannot be rebuilt after checkpoint corruption.
        if (is_streaming(a) && uc.computation.stateful && m_p.checkpoint_backup != true) {
            const double horizon = state_horizon_seconds(uc, m_w.infrastructure);
            const double retention = m_w.infrastructure.retention.seconds();
            if (horizon > retention) {
                add("state-older-than-retention", "infrastructure.retention",
                    "The state covers " + human_seconds(horizon) + " of events (" +
                        (uc.computation.window ? path_in(uc, "computation.window")
                                               : path_in(uc, "data.history") + ", full_history") +
                        ") but the log keeps " + format_duration(m_w.infrastructure.retention) +
                        " (infrastructure.retention): a corrupted checkpoint loses about " +
                        count_text(uc.data.volume_per_second * (horizon - retention)) +
                        " events of state for good; back up checkpoints (proposal.checkpoint_backup) or keep "
                        "the "
                        "history replayable.",
                    &uc);
            }
        }

        // Windowed results against the SLA.
        if (is_streaming(a) && uc.computation.stateful && uc.computation.emit == model::EmitMode::window_end)
            check_window_emission(uc, facts);

        // Watermark against late arrivals.
        if (is_streaming(a) && uc.computation.stateful && uc.data.late_arrivals.fraction > 0.0) {
            const auto& late = uc.data.late_arrivals;
            if (!m_p.watermark) {
                not_stated("proposal.watermark",
                           "with " + percent(late.fraction) + " of events late up to a p99 of " +
                               format_duration(late.p99) + ", say how long windows wait for them");
            } else if (*m_p.watermark < late.p99) {
                const bool simulated = facts != nullptr && facts->watermark_drop_fraction.has_value();
                const double drop = simulated ? *facts->watermark_drop_fraction
                                              : watermark_drop_fraction(late, *m_p.watermark);
                add("watermark-too-short", "proposal.watermark",
                    "watermark " + format_duration(*m_p.watermark) +
                        " is shorter than the late-arrival p99 of " + format_duration(late.p99) + " (" +
                        path_in(uc, "data.late_arrivals.p99") + "): about " + percent(drop) +
                        " of events would be dropped (" +
                        (simulated ? "simulated"
                                   : "lognormal fit to p50 " + format_duration(late.p50) + "/p99") +
                        "); raise it to at least " + format_duration(late.p99) +
                        " or state the drop as accepted.",
                    &uc);
            }
        }

        // Operational database as a sink.
        if (m_p.sink == model::Sink::database && is_continuous(a) && peak > k_database_write_rate_threshold) {
            add("database-sink-high-write-rate", "proposal.sink",
                "The " + arch_name(a) + " pipeline writes up to " + util::format_rate(peak) +
                    " at the peak into an operational database (proposal.sink: database), above the " +
                    util::format_rate(k_database_write_rate_threshold) +
                    " it can absorb beside its application; write to a log, table or cache and serve from "
                    "there.",
                &uc);
        }
    }

    static std::string trim_ratio(double r) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", r);
        return buf;
    }

    /// A running result per key (count, sum, join match, latest value) can be emitted on every
    /// update; a session's final result needs the session to close.
    static bool allows_per_event_results(const model::Computation& c) {
        return c.kind != model::ComputationKind::sessionization;
    }

    /// Stateful streaming with `emit: window_end` emits a window's result at window end +
    /// watermark (spec §5), so the worst-case lag of a windowed result is window + watermark.
    void check_window_emission(const model::UseCase& uc, const SimulatedFacts* facts) {
        const auto& late = uc.data.late_arrivals;
        const double window = uc.computation.window && uc.computation.window->ns > 0
                                  ? uc.computation.window->seconds()
                                  : k_default_state_window_seconds;
        double watermark = 0.0;
        std::string watermark_source;
        if (m_p.watermark) {
            watermark = m_p.watermark->seconds();
            watermark_source = "proposal.watermark";
        } else if (late.fraction > 0.0) {
            watermark = late.p99.seconds();
            watermark_source = "the late-arrival p99, as no watermark is stated";
        }
        const double sla = uc.latency.sla.seconds();
        if (window + watermark <= sla) return;
        std::string simulated;
        if (facts != nullptr) {
            if (auto it = facts->lag_p99_seconds.find("streaming"); it != facts->lag_p99_seconds.end()) {
                simulated = " (simulated streaming p99 lag " + format_seconds(it->second) + ")";
            }
        }
        std::string sum = human_seconds(window) + " window";
        if (watermark > 0.0)
            sum += " + " + human_seconds(watermark) + " watermark (" + watermark_source + ")";
        add("window-emission-exceeds-sla", path_in(uc, "computation.window"),
            "A window's result is emitted at window end + watermark: " + sum + " = " +
                human_seconds(window + watermark) + " after the window opens, above " + sla_text(uc) +
                simulated +
                (allows_per_event_results(uc.computation)
                     ? "; if a result updated per event serves the decision, set " +
                           path_in(uc, "computation.emit") +
                           ": on_update (early firing, update output mode), otherwise shorten the window or "
                           "the watermark, or relax the SLA."
                     : "; a session's final result needs the session to close, so shorten the session gap "
                       "or the watermark, or relax the SLA, or, if the decision reads the session state as "
                       "it "
                       "is updated, set " +
                           path_in(uc, "computation.emit") + ": on_update."),
            &uc);
    }

    /// The in-memory state store cannot hold the state: the simulator's OOM restart loop.
    bool oom_loop(const model::UseCase& uc) const {
        const auto& infra = m_w.infrastructure;
        return uc.computation.stateful && infra.state_store == model::StateStore::memory && infra.nodes &&
               static_cast<double>(uc.computation.state_size_bytes) >
                   static_cast<double>(*infra.nodes) * static_cast<double>(infra.node_memory_bytes);
    }

    void check_retention(const model::UseCase& uc, Architecture a, const SimulatedFacts* facts) {
        const double retention = m_w.infrastructure.retention.seconds();
        const std::string ret = format_duration(m_w.infrastructure.retention);
        if (is_streaming(a) && facts != nullptr && facts->streaming_events_lost &&
            *facts->streaming_events_lost > 0) {
            add("retention-shorter-than-recovery", "infrastructure.retention",
                "The simulated streaming pipeline lost " + count_text(*facts->streaming_events_lost) +
                    " events because the " + ret +
                    " retention (infrastructure.retention) expired before recovery" +
                    (oom_loop(uc)
                         ? " from the out-of-memory restarts (state-store-oom); fix the state store first"
                         : "; raise it above the worst-case detection + recovery time") +
                    ".",
                &uc);
            return;
        }
        if (is_streaming(a) && facts != nullptr && facts->worst_recovery_seconds) {
            if (*facts->worst_recovery_seconds > retention) {
                add("retention-shorter-than-recovery", "infrastructure.retention",
                    "The " + ret +
                        " retention (infrastructure.retention) is shorter than the simulated worst-case "
                        "recovery of " +
                        format_seconds(*facts->worst_recovery_seconds) +
                        ", so events expire before they are processed; raise it above that with a margin.",
                    &uc);
                return;
            }
            // The simulation may not have drawn the rare worst case (a corrupted checkpoint at
            // night), so the analytic worst case below still applies.
        }
        const RecoveryEstimate r = worst_case_recovery(a, uc, m_w.team, m_w.infrastructure);
        if (r.total_seconds() > retention) {
            const std::string parts = describe_recovery(r) + " at " +
                                      std::string(model::to_string(m_w.team.maturity)) + " maturity";
            add("retention-shorter-than-recovery", "infrastructure.retention",
                "The " + ret +
                    " retention (infrastructure.retention) is shorter than the worst-case recovery of " +
                    format_seconds(r.total_seconds()) + " (" + parts +
                    "; analytic), so unprocessed events expire and are lost; raise it above that with a "
                    "margin.",
                &uc);
        }
    }

    void check_proposal_present() {
        if (m_p.present) return;
        std::vector<std::string> items;
        if (m_continuous) {
            items.insert(items.end(), {"checkpoint_location", "dead_letter_queue", "consumer_lag_alert",
                                       "checkpoint_backup", "offset_reset_runbook"});
        }
        if (m_streaming) items.insert(items.end(), {"cost_comparison_done", "micro_batch_rejected_because"});
        if (m_batch)
            items.insert(items.end(),
                         {"idempotent_jobs", "partitioned_by_date", "partition_overwrite", "sla_monitored"});
        items.emplace_back("backfill_strategy");
        add("checklist-not-stated", "proposal",
            "The file has no proposal section, so the production checklist is not stated (" +
                join_words(items) + "); add a proposal: section to have it judged.");
    }
};

}  // namespace

model::Architecture judged_architecture(const model::Workload& workload, const UseCaseAdvice& use_case) {
    const auto& proposed = workload.proposal.architecture;
    if (proposed && *proposed != Architecture::hybrid) return *proposed;
    return use_case.recommendation.architecture;
}

std::vector<Finding> find_issues(const model::Workload& workload, const Advice& advice,
                                 const AdviceOptions& options) {
    return Checker(workload, advice, options).run();
}

void apply_waivers(const model::Workload& workload, const AdviceOptions& options,
                   std::vector<Finding>& findings) {
    std::vector<std::string> ids;
    for (const auto& r : rules()) ids.push_back(r.id);
    std::vector<Finding> added;
    auto make = [&](std::string_view id, std::string path, std::string message) {
        Finding f;
        f.id = std::string(id);
        f.severity = find_rule(id)->check_severity;
        if (options.context == Context::evaluate) f.severity = std::min(f.severity, Severity::warning);
        f.location = workload.location_of(path);
        f.path = std::move(path);
        f.message = std::move(message);
        added.push_back(std::move(f));
    };
    const auto& waivers = workload.proposal.waivers;
    for (std::size_t i = 0; i < waivers.size(); ++i) {
        const model::Waiver& w = waivers[i];
        const std::string base = w.path.empty() ? "proposal.waivers[" + std::to_string(i) + "]" : w.path;
        if (find_rule(w.id) == nullptr) {
            const auto suggestion = util::did_you_mean(w.id, ids);
            make("waiver-unknown-id", base + ".id",
                 "The waiver names '" + w.id + "', which is not a finding id" +
                     (suggestion ? "; did you mean '" + *suggestion + "'?" : "; it waives nothing."));
            continue;
        }
        if (w.expires < options.today) {
            make("waiver-expired", base + ".expires",
                 "The waiver for " + w.id + " expired on " + util::format_date(w.expires) + " (today is " +
                     util::format_date(options.today) +
                     "), so the finding is reported again; fix it or renew the "
                     "waiver with a reason.");
            continue;
        }
        bool used = false;
        for (Finding& f : findings) {
            if (f.id == w.id && !f.suppressed) {
                f.suppressed = true;
                f.suppression_reason = w.reason;
                used = true;
            }
        }
        if (!used) {
            make("waiver-unused", base + ".id",
                 "The waiver for " + w.id + " (until " + util::format_date(w.expires) +
                     ") matches no finding of this workload; remove it so it cannot hide a future "
                     "regression.");
        }
    }
    findings.insert(findings.end(), added.begin(), added.end());
}

void sort_findings(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.location.line, a.location.column, a.id, a.use_case, a.path, a.message) <
               std::tie(b.location.line, b.location.column, b.id, b.use_case, b.path, b.message);
    });
}

}  // namespace pipeadvise::advisor
