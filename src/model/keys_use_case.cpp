// The key table, the keys of one use case: its latency, computation and data, and what a
// `use_cases` entry may override. Each entry binds a key to the member it fills and carries
// its description, bounds and example (see key_sections.hpp).

#include "key_sections.hpp"

namespace pipeadvise::model::loading {

namespace {

/// The SLA: a millisecond floor (below it no pipeline stage has a meaning).
constexpr Bounds k_sla_bounds{1 * k_ms, 10 * k_year, "30s"};
/// One event over 1 GiB is no event stream.
constexpr Bounds k_event_size_bounds{1, double(1LL << 30), "1KiB"};
constexpr Bounds k_state_size_bounds{1, double(util::k_max_size_bytes), "20GiB"};
constexpr Bounds k_volume_bounds{0, 1e12, "10M/day"};
/// A peak a thousand times the mean is a typo, not a diurnal curve.
constexpr double k_max_peak_to_mean = 1000.0;

// The words a file may write for each enumeration, as the schema and the man page list them.
const EnumTable<ComputationKind> k_kinds{{"stateless", ComputationKind::stateless},
                                         {"enrichment", ComputationKind::enrichment},
                                         {"windowed_aggregation", ComputationKind::windowed_aggregation},
                                         {"sessionization", ComputationKind::sessionization},
                                         {"stream_join", ComputationKind::stream_join},
                                         {"full_history", ComputationKind::full_history}};
const EnumTable<EmitMode> k_emit_modes{{"window_end", EmitMode::window_end},
                                       {"on_update", EmitMode::on_update}};

/// A share above 0 (checked across keys, so the message can explain the share) and at most 1.
Field attainment_target_field(Reader& r, double& out) {
    Field f =
        number_field(r, "attainment_target",
                     "Share of events that must meet the SLA; the configuration search picks the cheapest "
                     "configuration that reaches it.",
                     "0.99", out, 0.0, 1.0, "share");
    f.doc.exclusive_minimum = true;
    return f;
}

std::vector<Field> latency_fields(Reader& r, Latency& l) {
    return {
        duration_field(r, "sla", "From the event occurring to the result being usable downstream.", l.sla,
                       true, true, k_sla_bounds),
        bool_field(r, "verified_with_stakeholders", "The SLA was checked with the people who use the result.",
                   l.verified_with_stakeholders),
        text_field(r, "decision", "The decision fresher data changes; empty means not stated.",
                   "block the card before the next authorisation", l.decision, true),
        attainment_target_field(r, l.attainment_target),
    };
}

std::vector<Field> computation_fields(Reader& r, Computation& c) {
    Field kind = enum_field(r, "kind", "The shape of the computation.", c.kind, k_kinds);
    // The most common stateful shape; the table's first word (stateless) contradicts
    // `stateful: true`, a rule across keys an example should not trip.
    kind.doc.example = "windowed_aggregation";
    return {
        bool_field(r, "stateful", "The computation keeps state across events (windows, joins, sessions).",
                   c.stateful, true),
        std::move(kind),
        size_field(r, "state_size", "State held across events (default 0).", c.state_size_bytes, false,
                   k_state_size_bounds),
        optional_duration_field(r, "window", "Window length for windowed work (1 min when unset).", c.window,
                                true),
        enum_field(r, "emit",
                   "Stateful streaming: when a result becomes usable. window_end (default): once per window, "
                   "at window end + "
                   "watermark. on_update: on every state update, as soon as the event is processed "
                   "(early/per-element firing); events later than the watermark are still dropped.",
                   c.emit, k_emit_modes),
    };
}

std::vector<Field> late_arrival_fields(Reader& r, LateArrivals& l) {
    Field p50 = duration_field(
        r, "p50", "Median lateness of late events (required when fraction is above 0).", l.p50, false);
    Field p99 = duration_field(
        r, "p99",
        "99th-percentile lateness of late events, not below p50 (required when fraction is above 0).", l.p99,
        false);
    // Required whenever they matter (fraction above 0), so no default is documented.
    p50.doc.default_value.clear();
    p99.doc.default_value.clear();
    return {
        number_field(r, "fraction", "Share of events that arrive late.", "0.02", l.fraction, 0.0, 1.0,
                     "share", true),
        std::move(p50),
        std::move(p99),
    };
}

std::vector<Field> data_fields(Reader& r, Data& d) {
    Field late =
        section(r, "late_arrivals", "Event-time lateness at ingestion: a lognormal fitted to p50 and p99.",
                false, [&r, &d] { return late_arrival_fields(r, d.late_arrivals); });
    // Rules across keys, which a per-key type and bound cannot express, for the documentation.
    late.doc.rules = {"p50 and p99 are required when fraction is above 0, p50 is then above 0",
                      "p99 must not be less than p50"};
    return {
        bool_field(r, "bounded", "The data is bounded (e.g. a backfill), which is always batch.", d.bounded,
                   true),
        rate_field(r, "volume", "Mean events per unit of time, e.g. `10M/day`.", d.volume_per_second, true,
                   k_volume_bounds),
        size_field(r, "event_size", "Size of one event (default 1KiB).", d.event_size_bytes, true,
                   k_event_size_bounds),
        number_field(r, "peak_to_mean", "Diurnal peak over mean (default 2).", "3", d.peak_to_mean, 1.0,
                     k_max_peak_to_mean, "ratio"),
        std::move(late),
        optional_duration_field(r, "history", "How much history must be backfilled.", d.history, true),
    };
}

/// A use case's own `infrastructure:` (spec §9: it may override the shared schedule and trigger).
std::vector<Field> use_case_infrastructure_fields(Reader& r, UseCase& u) {
    return {
        optional_duration_field(r, "batch_schedule", "Batch: a run every this long, for this use case.",
                                u.batch_schedule, true, k_batch_schedule_bounds),
        optional_duration_field(r, "micro_batch_trigger", "Micro-batch trigger interval, for this use case.",
                                u.micro_batch_trigger, true, k_micro_batch_trigger_bounds),
    };
}

}  // namespace

/// The parts of one use case that may sit at the top level or in a `use_cases` entry.
std::vector<Field> use_case_body_fields(Reader& r, UseCase& u, bool required) {
    return {
        section(r, "latency", "Freshness the use case needs.", required,
                [&r, &u] { return latency_fields(r, u.latency); }),
        section(r, "computation", "What is computed and whether it keeps state across events.", required,
                [&r, &u] { return computation_fields(r, u.computation); }),
        section(r, "data", "The stream itself.", required, [&r, &u] { return data_fields(r, u.data); }),
    };
}

std::vector<Field> use_case_fields(Reader& r, UseCase& u) {
    std::vector<Field> fields{
        text_field(r, "name", "Unique name of the use case.", "card-fraud-velocity", u.name, false, true)};
    for (auto& f : use_case_body_fields(r, u, true)) fields.push_back(std::move(f));
    fields.push_back(
        section(r, "infrastructure",
                "This use case's own batch schedule and micro-batch trigger, overriding the shared "
                "ones.",
                false, [&r, &u] { return use_case_infrastructure_fields(r, u); }));
    // A use case's own proposal holds only the watermark; the rest of the proposal is shared.
    fields.push_back(section(
        r, "proposal", "This use case's own watermark, overriding proposal.watermark.", false, [&r, &u] {
            return std::vector<Field>{optional_duration_field(
                r, "watermark", "Streaming watermark (allowed lateness), for this use case.", u.watermark,
                false)};
        }));
    return fields;
}

}  // namespace pipeadvise::model::loading
