#include <algorithm>
#include <iterator>

#include "pipeadvise/advisor/finding.hpp"

namespace pipeadvise::advisor {

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::info:
            return "info";
        case Severity::warning:
            return "warning";
        case Severity::error:
            return "error";
    }
    return "info";
}

namespace {

/// The decision itself: the architecture, the team and whether a mode can run.
std::vector<Rule> decision_rules() {
    return {
        {"architecture-mismatch", Severity::error,
         "The proposed architecture differs from the recommendation",
         "proposal.architecture does not match what the workload's own SLA, state and boundedness call for: "
         "either "
         "it cannot meet the SLA (under-built) or it pays for freshness nobody uses (over-built). Change the "
         "proposal, or change the workload values that drive the recommendation (latency.sla, "
         "computation.stateful, "
         "data.bounded) if they are wrong."},
        {"streaming-where-batch-suffices", Severity::error, "Streaming proposed where the SLA allows batch",
         "The SLA tolerates a scheduled batch or a micro-batch, yet the proposal is streaming: an always-on "
         "cluster, "
         "brokers and a heavier on-call load (typically 3-5x the batch cost) for freshness the use case does "
         "not "
         "need. Propose batch or micro-batch, or tighten latency.sla if the decision really needs it."},
        {"team-not-ready-for-streaming", Severity::error,
         "Streaming for a team without Kafka experience, on-call or a recovery runbook",
         "Streaming failures happen at 2 a.m. and need someone who knows offsets, consumer groups and "
         "checkpoint "
         "recovery. Run micro-batch (the fallback) until the team has Kafka experience, an on-call rotation "
         "and a "
         "written recovery runbook, then set team.kafka_experience, team.on_call and team.recovery_runbook."},
        {"state-store-oom", Severity::error, "In-memory state store larger than the cluster's memory",
         "A stateful stream keeps its state in the state store; with state_store: memory, state larger than "
         "the "
         "nodes' memory makes the job fail repeatedly with out-of-memory errors. Use state_store: rocksdb "
         "(state "
         "spills to local disk and is checkpointed incrementally) or add memory."},
        {"mode-infeasible", Severity::warning, "A simulated mode cannot run as configured",
         "The simulation found a mode that cannot run as configured: an in-memory state store that runs "
         "out of memory on every restart, arrivals above what its cluster sustains (the backlog never "
         "catches up), or no run completing within the horizon. Such a mode is left out of the cost "
         "multipliers; the message names the key and the value that fix it."},
    };
}

/// Recovery, capacity, watermarks and windows of the mode that runs.
std::vector<Rule> runtime_rules() {
    return {
        {"retention-shorter-than-recovery", Severity::error,
         "Log retention shorter than the worst-case detection + recovery",
         "Events that are not processed before the log's retention expires are lost for good. Keep "
         "infrastructure.retention above the worst-case time to detect, repair and catch up (including a "
         "state "
         "rebuild after checkpoint corruption), with a margin for weekends."},
        {"state-older-than-retention", Severity::warning, "State covers more history than the log keeps",
         "After a checkpoint corruption the state is rebuilt by replaying the log, which only holds the "
         "retention; state built from older events is lost for good. Back up checkpoints, keep the history "
         "replayable from storage, or raise the retention."},
        {"checkpoint-local", Severity::error, "Checkpoints on local disk",
         "A checkpoint on a node's local disk disappears with the node, so the job restarts without its "
         "offsets "
         "and state (duplicates, loss or a full rebuild). Put checkpoints on durable storage (object store, "
         "HDFS): "
         "proposal.checkpoint_location: durable."},
        {"capacity-exceeded", Severity::error, "Mean arrival rate above the cluster's capacity",
         "More events arrive on average than nodes x node_throughput can process, so the backlog grows "
         "without "
         "bound in every mode. Add nodes or raise the per-node throughput."},
        {"peak-exceeds-capacity", Severity::warning,
         "Peak arrival rate above a continuous pipeline's capacity",
         "At the diurnal peak more events arrive than the cluster processes, so a continuously running "
         "pipeline "
         "builds a backlog and its lag grows during every peak. The finding states the backlog a peak "
         "builds and the time it takes to drain (a fluid estimate over the daily shape, the same as the "
         "simulation's peak_backlog_events and peak_drain_seconds). Size the cluster for the peak "
         "(volume x peak_to_mean) or accept the peak lag."},
        {"watermark-too-short", Severity::warning, "Watermark shorter than the late-arrival p99",
         "Events later than the watermark are dropped from their window. Raise proposal.watermark to at "
         "least "
         "data.late_arrivals.p99, or state the drop fraction as accepted (waive this finding with the "
         "reason)."},
        {"watermark-drops-events", Severity::error, "The watermark drops more than 1 % of the events",
         "Events later than the watermark are dropped from their window; past 1 % of all events the "
         "results are wrong rather than slightly incomplete (spec §9). Raise proposal.watermark to at least "
         "data.late_arrivals.p99, or compute the late events' windows in a batch correction."},
        {"window-emission-exceeds-sla", Severity::warning, "Windowed results arrive after the SLA",
         "Stateful streaming with computation.emit: window_end (the default) emits a window's result when "
         "the window ends and the watermark has passed, so the worst-case lag of a result is window + "
         "watermark. When that exceeds the SLA, set computation.emit: on_update if a result updated per "
         "event serves the decision (early-firing triggers, update output mode), otherwise shorten the "
         "window or the watermark, or relax the SLA."},
    };
}

/// The production checklist and the pitfalls of a use case.
std::vector<Rule> checklist_rules() {
    return {
        {"micro-batch-not-evaluated", Severity::warning,
         "Streaming chosen without saying why micro-batch was rejected",
         "Micro-batch meets most minute-level SLAs at a fraction of the operational cost. State in "
         "proposal.micro_batch_rejected_because why it does not fit."},
        {"micro-batch-sla-at-risk", Severity::warning, "No micro-batch trigger fits the SLA",
         "Even the shortest suggested trigger (30 s) plus the processing time of a peak batch exceeds the "
         "SLA, or "
         "the batch takes longer than its trigger. Add capacity, relax the SLA, or use streaming."},
        {"no-dead-letter-queue", Severity::warning, "No dead-letter queue for malformed messages",
         "One malformed message either stops a continuous pipeline or is silently skipped. Route records "
         "that fail "
         "to parse or validate to a dead-letter queue and alert on it."},
        {"no-consumer-lag-alert", Severity::warning, "No consumer-lag alert",
         "Consumer lag is the freshness of a continuous pipeline; without an alert on it, a stalled job is "
         "found "
         "by the users. Alert when lag approaches the SLA."},
        {"no-checkpoint-backup", Severity::warning, "Checkpoints are not backed up",
         "A corrupted checkpoint without a backup means rebuilding all state from the log, which takes hours "
         "and "
         "loses whatever the log no longer holds. Back up (or version) the checkpoint location."},
        {"no-offset-reset-runbook", Severity::warning, "No runbook for offset reset and checkpoint recovery",
         "Resetting consumer offsets or recovering a checkpoint under pressure goes wrong without a written "
         "procedure. Write and rehearse a runbook for both."},
        {"no-cost-comparison", Severity::warning, "Streaming chosen without a cost comparison",
         "Streaming typically costs 3-5x a batch pipeline for the same throughput. Compare the monthly cost "
         "of each "
         "mode (pipeadvise evaluate) before committing to streaming."},
        {"sla-not-verified", Severity::warning, "Sub-5-minute SLA not verified with stakeholders",
         "Requests for \"real-time\" often turn out to be hourly decisions. Ask the stakeholders what "
         "decision "
         "changes with fresher data; alerting on the batch pipeline is often the answer. Then set "
         "latency.verified_with_stakeholders."},
        {"no-decision-stated", Severity::warning, "No decision stated for a sub-5-minute SLA",
         "A sub-5-minute SLA is expensive; latency.decision should say which decision fresher data changes, "
         "so the "
         "SLA can be challenged and verified."},
        {"database-sink-high-write-rate", Severity::warning,
         "High-frequency writes into an operational database",
         "Writing every event into an operational (OLTP) database competes with the application for the "
         "primary "
         "and fails under the peak. Write to a log, lakehouse table or cache and serve from there, or batch "
         "the "
         "writes."},
        {"no-backfill-strategy", Severity::warning, "No backfill strategy",
         "Logic changes and bugs require reprocessing history; without a backfill strategy (a batch path "
         "over the "
         "same code, date-partitioned outputs) a fix means weeks of manual work. Plan the backfill path."},
        {"jobs-not-idempotent", Severity::warning, "Jobs are not idempotent",
         "A re-run after a failure duplicates or corrupts data unless jobs are idempotent. Make every run "
         "overwrite exactly its own partition or merge on a key."},
        {"no-date-partitioning", Severity::warning, "Outputs not partitioned by date",
         "Without date partitions a backfill or a re-run rewrites the whole table. Partition outputs by "
         "event "
         "date."},
        {"full-overwrite", Severity::warning, "Full table overwrite instead of partition overwrite",
         "Overwriting a whole table on each run loses history on a bad run and makes runs slower as data "
         "grows. "
         "Overwrite only the partitions a run owns (replaceWhere-style)."},
        {"sla-not-monitored", Severity::warning, "Batch SLA not monitored",
         "A batch pipeline that is late fails silently. Define the SLA as a deadline and alert when the data "
         "has not landed by then."},
        {"hybrid-duplicate-ingestion", Severity::warning, "Hybrid layers ingest separately",
         "When the streaming and batch layers ingest the source separately, they disagree and the source "
         "pays "
         "twice. Have both layers read the same topics of one ingestion log."},
        {"hybrid-sla-ownership", Severity::warning, "Hybrid SLAs not owned by one layer",
         "When both layers can answer the same question, nobody owns its SLA. Assign each use case's SLA to "
         "exactly one layer."},
    };
}

/// What the simulation shows (spec §9), the unstated checklist and waivers.
std::vector<Rule> simulated_rules() {
    return {
        {"sla-not-met", Severity::error, "The stated configuration misses the SLA in simulation",
         "The batch schedule or micro-batch trigger the file states was simulated as stated and fewer "
         "events than latency.attainment_target meet the SLA. Set the key to the value the message names "
         "(the longest that meets the target in simulation), or write auto to let the search choose."},
        {"request-path-serving", Severity::warning, "An SLA under 1 s is request-path serving",
         "Under a second, the log hop, the commit and the checkpoint of any pipeline already take the "
         "budget: the answer is an online service in the request path reading a low-latency store that a "
         "pipeline keeps fresh at a looser SLA."},
        {"micro-batch-worst-case-exceeds-sla", Severity::warning,
         "Micro-batch for a low-maturity team whose worst incident exceeds the SLA",
         "Micro-batch is an always-on job: when it fails, data waits until someone notices and repairs it. "
         "For a low-maturity team (and without on-call, overnight) that worst case is many times the SLA. "
         "Add on-call and a recovery runbook, or accept that the SLA holds only while nothing breaks."},
        {"replay-exceeds-retention", Severity::error, "A replay needs more history than the log keeps",
         "data.history must be reprocessed, but the log keeps only infrastructure.retention, so a replay "
         "from the log cannot reach the older events. Backfill from the raw events in object storage or "
         "extend the retention. An error for a bounded workload (the backfill is the job); a warning "
         "otherwise."},
        {"checklist-not-stated", Severity::info, "A production checklist item is not stated",
         "The file does not say whether a checklist item is in place, so the advisor cannot judge it. State "
         "it "
         "(true or false) in the file."},
        {"waiver-expired", Severity::warning, "Expired waiver",
         "A waiver whose expires date has passed no longer suppresses its finding. Fix the finding, or renew "
         "the "
         "waiver with a new date and a reason."},
        {"waiver-unknown-id", Severity::warning, "Waiver for an unknown finding id",
         "The waiver names no rule of the catalogue, so it waives nothing; it is probably a typo. Use one of "
         "the "
         "ids listed by the rules (SARIF rules, README)."},
        {"waiver-unused", Severity::info, "Waiver matches no finding",
         "The waived finding does not occur in this workload any more. Remove the waiver so it cannot hide a "
         "future regression."},
    };
}

}  // namespace

const std::vector<Rule>& rules() {
    static const std::vector<Rule> k_rules = [] {
        std::vector<Rule> all;
        for (std::vector<Rule> (*part)() :
             {decision_rules, runtime_rules, checklist_rules, simulated_rules}) {
            std::vector<Rule> group = part();
            all.insert(all.end(), std::make_move_iterator(group.begin()),
                       std::make_move_iterator(group.end()));
        }
        return all;
    }();
    return k_rules;
}

const Rule* find_rule(std::string_view id) {
    const auto& all = rules();
    auto it = std::find_if(all.begin(), all.end(), [&](const Rule& r) { return r.id == id; });
    return it == all.end() ? nullptr : &*it;
}

}  // namespace pipeadvise::advisor
