// The key table, what the team proposes: the architecture and the checklist `check` judges,
// and the waivers of accepted findings. Each entry binds a key to the member it fills and
// carries its description and example (see key_sections.hpp).

#include "key_sections.hpp"

namespace pipeadvise::model::loading {

namespace {

const EnumTable<Architecture> k_architectures{{"batch", Architecture::batch},
                                              {"micro_batch", Architecture::micro_batch},
                                              {"simple_streaming", Architecture::simple_streaming},
                                              {"full_streaming", Architecture::full_streaming},
                                              {"hybrid", Architecture::hybrid}};
const EnumTable<CheckpointLocation> k_checkpoint_locations{{"durable", CheckpointLocation::durable},
                                                           {"local", CheckpointLocation::local}};
const EnumTable<Sink> k_sinks{{"delta", Sink::delta},
                              {"warehouse", Sink::warehouse},
                              {"database", Sink::database},
                              {"cache", Sink::cache}};
const EnumTable<Delivery> k_deliveries{{"at_least_once", Delivery::at_least_once},
                                       {"exactly_once", Delivery::exactly_once}};

std::vector<Field> waiver_fields(Reader& r, Waiver& w) {
    return {
        text_field(r, "id", "Id of the finding waived.", "watermark-too-short", w.id, false, true),
        text_field(r, "reason", "Why the finding is accepted.",
                   "late events past the watermark cannot change the decision", w.reason, false, true),
        date_field(r, "expires", "Last day the waiver applies; an expired waiver is itself a warning.",
                   "2027-06-30", w.expires, true),
    };
}

/// Unset stays unset (the checklist can tell), read as at_least_once, the documented default.
Field delivery_field(Reader& r, std::optional<Delivery>& out) {
    Field f = enum_field(r, "delivery",
                         "Sink delivery guarantee: exactly-once results are visible when the checkpoint or "
                         "batch commit completes.",
                         out, k_deliveries);
    f.doc.default_value = "at_least_once";
    return f;
}

}  // namespace

std::vector<Field> proposal_fields(Reader& r, Proposal& p) {
    // Each waiver keeps its path in the file, for messages about it.
    Field waivers = list_field<Waiver>(
        r, "waivers", "Accepted findings, each with a reason and an expiry date.", p.waivers,
        [&r](Waiver& w) { return waiver_fields(r, w); },
        [](Waiver& w, const std::string& path) { w.path = path; });
    waivers.doc.item_description = "Suppresses one finding until a date, with a reason.";
    return {
        enum_field(r, "architecture", "The proposed architecture.", p.architecture, k_architectures),
        optional_duration_field(r, "watermark", "Streaming watermark (allowed lateness).", p.watermark,
                                false),
        enum_field(r, "checkpoint_location", "Where streaming checkpoints are written.",
                   p.checkpoint_location, k_checkpoint_locations),
        bool_field(r, "dead_letter_queue", "Malformed messages go to a dead-letter queue.",
                   p.dead_letter_queue),
        bool_field(r, "consumer_lag_alert", "An alert fires on consumer lag.", p.consumer_lag_alert),
        bool_field(r, "backfill_strategy", "A backfill strategy exists.", p.backfill_strategy),
        enum_field(r, "sink", "Where results are written.", p.sink, k_sinks),
        delivery_field(r, p.delivery),
        bool_field(r, "idempotent_jobs", "Batch jobs can be re-run safely.", p.idempotent_jobs),
        text_field(r, "micro_batch_rejected_because", "Why micro-batch was evaluated and rejected.",
                   "a 30 s trigger leaves no margin within the 30 s SLA", p.micro_batch_rejected_because,
                   false),
        bool_field(r, "partitioned_by_date", "Batch: tables are partitioned by date for backfills.",
                   p.partitioned_by_date),
        bool_field(r, "partition_overwrite",
                   "Batch: replaceWhere-style partition overwrite instead of a full overwrite.",
                   p.partition_overwrite),
        bool_field(r, "sla_monitored", "Batch: the SLA is defined and monitored.", p.sla_monitored),
        bool_field(r, "checkpoint_backup", "Streaming: checkpoints are backed up.", p.checkpoint_backup),
        bool_field(r, "offset_reset_runbook",
                   "Streaming: a runbook exists for offset reset and checkpoint recovery.",
                   p.offset_reset_runbook),
        bool_field(r, "cost_comparison_done", "Before streaming: the costs of the modes were compared.",
                   p.cost_comparison_done),
        bool_field(r, "shared_ingestion", "Hybrid: both layers read the same topics (no duplicate ingest).",
                   p.shared_ingestion),
        bool_field(r, "sla_owned_by_one_layer", "Hybrid: each SLA is owned by exactly one layer.",
                   p.sla_owned_by_one_layer),
        std::move(waivers),
    };
}

}  // namespace pipeadvise::model::loading
