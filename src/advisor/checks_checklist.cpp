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

void Checker::check_hybrid() {
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

void Checker::check_continuous_checklist() {
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
    checklist(m_p.offset_reset_runbook, "no-offset-reset-runbook", "proposal.offset_reset_runbook",
              "There is no runbook for offset reset and checkpoint recovery (proposal.offset_reset_runbook: "
              "false); write and rehearse one before the first incident.",
              "say whether a runbook for offset reset and checkpoint recovery exists");
}

void Checker::check_batch_checklist() {
    bool periodic = m_batch;
    for (const auto& uc : m_advice.use_cases) {
        periodic = periodic || judged_architecture(m_w, uc) == Architecture::micro_batch;
    }
    if (periodic) {
        checklist(m_p.idempotent_jobs, "jobs-not-idempotent", "proposal.idempotent_jobs",
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
    checklist(m_p.sla_monitored, "sla-not-monitored", "proposal.sla_monitored",
              "The batch SLA is not monitored (proposal.sla_monitored: false); alert when the data has not "
              "landed by the deadline " +
                  slas_text() + " sets.",
              "say whether the SLA is defined and monitored");
}

void Checker::check_backfill() {
    std::string history;
    for (const auto& uc : m_w.use_cases) {
        if (uc.data.history) {
            history = " although " + format_duration(*uc.data.history) +
                      " of history must be backfillable (" + path_in(uc, "data.history") + ")";
            break;
        }
    }
    checklist(m_p.backfill_strategy, "no-backfill-strategy", "proposal.backfill_strategy",
              "There is no backfill strategy (proposal.backfill_strategy: false)" + history +
                  "; plan how history is reprocessed after a logic change (a batch path over the same code, "
                  "date-partitioned outputs).",
              "say how history is reprocessed after a logic change");
}

void Checker::check_proposal_present() {
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
        "The file has no proposal section, so the production checklist is not stated (" + join_words(items) +
            "); add a proposal: section to have it judged.");
}

}  // namespace pipeadvise::advisor
