// The key table of the workload format: every key once, bound to the member it fills and
// described (type, unit, bounds, default, enum values, one line). The loader reads files
// with these fields, `--set` resolves paths against them, and workload_keys() hands the
// same description to the schema generator, the man page test and the template test.
// Adding a key is one entry here (plus its member in workload.hpp); see ARCHITECTURE.md.

#include <limits>

#include "fields.hpp"

namespace pipeadvise::model {

namespace loading {

namespace {

// Upper bounds on values: none is a physical limit, each keeps a typo (an extra zero, a
// unit slip) from becoming an hour-long simulation or an overflow downstream.
/// Longest simulated horizon (10 years of 365 days): the simulator's cap on simulated time.
constexpr std::int64_t k_max_horizon_ns = 10LL * 365 * 86400 * util::k_ns_per_second;
constexpr int k_max_nodes = 100'000;
constexpr int k_max_brokers = 10'000;
constexpr int k_max_replications = 1000;
constexpr double k_max_peak_to_mean = 1000.0;
/// Engineering hours a month per mode: more than a hundred full-time engineers is a typo.
constexpr double k_max_engineering_hours = 20'000.0;

// The words a file may write for each enumeration, as the schema and the man page list them.
const EnumTable<ComputationKind> k_kinds{{"stateless", ComputationKind::stateless},
                                         {"enrichment", ComputationKind::enrichment},
                                         {"windowed_aggregation", ComputationKind::windowed_aggregation},
                                         {"sessionization", ComputationKind::sessionization},
                                         {"stream_join", ComputationKind::stream_join},
                                         {"full_history", ComputationKind::full_history}};
const EnumTable<EmitMode> k_emit_modes{{"window_end", EmitMode::window_end},
                                       {"on_update", EmitMode::on_update}};
const EnumTable<Maturity> k_maturities{
    {"low", Maturity::low}, {"medium", Maturity::medium}, {"high", Maturity::high}};
const EnumTable<StateStore> k_state_stores{{"memory", StateStore::memory}, {"rocksdb", StateStore::rocksdb}};
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
const EnumTable<ArrivalProcess> k_arrivals{{"constant", ArrivalProcess::constant},
                                           {"poisson", ArrivalProcess::poisson},
                                           {"diurnal", ArrivalProcess::diurnal}};
const EnumTable<ServiceDistribution> k_services{{"deterministic", ServiceDistribution::deterministic},
                                                {"exponential", ServiceDistribution::exponential},
                                                {"lognormal", ServiceDistribution::lognormal}};
// `auto` is a C++ keyword, hence the enumerator's longer name.
const EnumTable<Granularity> k_granularities{{"auto", Granularity::automatic}, {"event", Granularity::event}};
const EnumTable<Engine> k_engines{
    {"flink", Engine::flink}, {"spark", Engine::spark}, {"kafka_streams", Engine::kafka_streams}};
const EnumTable<Delivery> k_deliveries{{"at_least_once", Delivery::at_least_once},
                                       {"exactly_once", Delivery::exactly_once}};
const EnumTable<BatchSource> k_batch_sources{{"lake", BatchSource::lake}, {"log", BatchSource::log}};
// A switch spelled as words: `default` keeps the fixed latencies, `none` turns them off.
const EnumTable<bool> k_fixed_latencies{{"default", true}, {"none", false}};

/// A share above 0 (checked across keys, so the message can explain the share) and at most 1.
Field attainment_target_field(Reader& r, double& out) {
    Field f =
        number_field(r, "attainment_target",
                     "Share of events that must meet the SLA; the configuration search picks the cheapest "
                     "configuration that reaches it.",
                     out, 0.0, 1.0, "share");
    f.doc.exclusive_minimum = true;
    return f;
}

std::vector<Field> latency_fields(Reader& r, Latency& l) {
    return {
        duration_field(r, "sla", "From the event occurring to the result being usable downstream.", l.sla,
                       true, true),
        bool_field(r, "verified_with_stakeholders", "The SLA was checked with the people who use the result.",
                   l.verified_with_stakeholders),
        text_field(r, "decision", "The decision fresher data changes; empty means not stated.", l.decision,
                   true),
        attainment_target_field(r, l.attainment_target),
    };
}

std::vector<Field> computation_fields(Reader& r, Computation& c) {
    return {
        bool_field(r, "stateful", "The computation keeps state across events (windows, joins, sessions).",
                   c.stateful, true),
        enum_field(r, "kind", "The shape of the computation.", c.kind, k_kinds),
        size_field(r, "state_size", "State held across events (default 0).", c.state_size_bytes, false),
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
        number_field(r, "fraction", "Share of events that arrive late.", l.fraction, 0.0, 1.0, "share", true),
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
        rate_field(r, "volume", "Mean events per unit of time, e.g. `10M/day`.", d.volume_per_second, true),
        size_field(r, "event_size", "Size of one event (default 1KiB).", d.event_size_bytes, true),
        number_field(r, "peak_to_mean", "Diurnal peak over mean (default 2).", d.peak_to_mean, 1.0,
                     k_max_peak_to_mean, "ratio"),
        std::move(late),
        optional_duration_field(r, "history", "How much history must be backfilled.", d.history, true),
    };
}

std::vector<Field> team_fields(Reader& r, Team& t) {
    return {
        enum_field(r, "maturity", "Operational maturity of the team.", t.maturity, k_maturities, true),
        bool_field(r, "kafka_experience", "The team has run Kafka (or a similar log) in production.",
                   t.kafka_experience),
        bool_field(r, "on_call", "Someone is on call for the pipeline.", t.on_call),
        bool_field(r, "recovery_runbook", "A runbook exists for checkpoint corruption and recovery.",
                   t.recovery_runbook),
    };
}

std::vector<Field> infrastructure_fields(Reader& r, Infrastructure& i) {
    // The four engineering_hours keys share one unit and one bound.
    const auto hours = [&r](std::string key, std::string description, double& out) {
        return number_field(r, std::move(key), std::move(description), out, 0.0, k_max_engineering_hours,
                            "hours/month");
    };
    Field log_hop_p50 = duration_field(r, "log_hop_p50", "Median log hop, produce to visible to a consumer.",
                                       i.log_hop_p50, false);
    // The rule spans both log hop keys; it is documented once, on the first.
    log_hop_p50.doc.rules = {
        "log_hop_p50 must be greater than zero and log_hop_p99 not less than it, when "
        "either is stated"};
    return {
        count_or_auto_field(r, "nodes",
                            "Processing nodes, or auto: each mode sized from its load (peak under "
                            "target_utilisation of capacity, at least 2 for always-on clusters; a batch run "
                            "within half its schedule).",
                            i.nodes, 1, k_max_nodes),
        rate_field(r, "node_throughput", "Events per second one node sustains.", i.node_throughput),
        size_field(r, "node_memory", "Memory of one node (the m5.xlarge priced by default).",
                   i.node_memory_bytes, true),
        // The floor of 0.05 caps auto sizing at twenty times the peak load.
        number_field(r, "target_utilisation",
                     "Share of capacity the peak may use when nodes and brokers are sized (auto).",
                     i.target_utilisation, 0.05, 1.0, "share"),
        money_field(r, "node_hour_usd", "USD per node-hour (AWS EC2 m5.xlarge on-demand, us-east-1).",
                    i.node_hour_usd),
        count_or_auto_field(r, "brokers",
                            "Log brokers (streaming and micro-batch), or auto: sized from the peak MB/s with "
                            "replication 3, at least 3.",
                            i.brokers, 1, k_max_brokers),
        money_field(r, "broker_hour_usd", "USD per broker-hour (Amazon MSK kafka.m5.large, us-east-1).",
                    i.broker_hour_usd),
        money_field(r, "broker_storage_gb_month_usd",
                    "USD per GB-month of broker storage (Amazon MSK, us-east-1).",
                    i.broker_storage_gb_month_usd),
        money_field(r, "storage_gb_month_usd",
                    "USD per GB-month of object storage (Amazon S3 Standard, us-east-1).",
                    i.storage_gb_month_usd),
        money_field(
            r, "block_storage_gb_month_usd",
            "USD per GB-month of block storage under a RocksDB state store (Amazon EBS gp3, us-east-1).",
            i.block_storage_gb_month_usd),
        money_field(r, "engineer_hour_usd", "USD per engineering hour.", i.engineer_hour_usd),
        duration_field(r, "retention", "Log retention.", i.retention, true),
        duration_field(r, "checkpoint_interval", "Streaming checkpoint period.", i.checkpoint_interval, true),
        enum_field(r, "state_store", "Where streaming state lives.", i.state_store, k_state_stores),
        auto_duration_field(r, "batch_schedule",
                            "Batch: a run every this long; `auto` (the default): the configuration search "
                            "picks it from 5m, 10m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 24h.",
                            i.batch_schedule, i.batch_schedule_auto),
        duration_field(r, "job_startup",
                       "Batch: fixed overhead of every run. Micro-batch: paid once per (re)start of the held "
                       "cluster.",
                       i.job_startup, false),
        auto_duration_field(
            r, "micro_batch_trigger",
            "Micro-batch trigger interval; `auto` (the default): the configuration search picks "
            "it from 30s, 1m, 2m, 5m.",
            i.micro_batch_trigger, i.micro_batch_trigger_auto),
        duration_field(
            r, "micro_batch_overhead",
            "Micro-batch: fixed overhead per trigger of the held cluster (planning, offset commit).",
            i.micro_batch_overhead, false),
        enum_field(r, "engine",
                   "Streaming engine: its latency floor and how it detects a lost node "
                   "(docs/simulation-model.md).",
                   i.engine, k_engines),
        enum_field(r, "batch_source",
                   "Where batch runs read raw events: the lake (retention loses nothing) or the log (subject "
                   "to retention).",
                   i.batch_source, k_batch_sources),
        log_hop_p50,
        duration_field(r, "log_hop_p99", "99th percentile of the log hop.", i.log_hop_p99, false),
        duration_field(r, "restart_delay",
                       "Pause of the automatic restart strategy before a failed job restarts.",
                       i.restart_delay, false),
        optional_duration_field(r, "failure_detection",
                                "Time until the engine notices a lost node by itself (default: the engine's "
                                "heartbeat timeout).",
                                i.failure_detection, false),
        hours("engineering_hours_batch",
              "Baseline operating hours per month for batch, before the team-maturity factor.",
              i.engineering_hours_batch),
        hours("engineering_hours_micro_batch", "Baseline operating hours per month for micro-batch.",
              i.engineering_hours_micro_batch),
        hours("engineering_hours_streaming", "Baseline operating hours per month for stateless streaming.",
              i.engineering_hours_streaming),
        hours("engineering_hours_stateful_streaming",
              "Baseline operating hours per month for stateful streaming.",
              i.engineering_hours_stateful_streaming),
    };
}

std::vector<Field> waiver_fields(Reader& r, Waiver& w) {
    return {
        text_field(r, "id", "Id of the finding waived.", w.id, false, true),
        text_field(r, "reason", "Why the finding is accepted.", w.reason, false, true),
        date_field(r, "expires", "Last day the waiver applies; an expired waiver is itself a warning.",
                   w.expires, true),
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
                   p.micro_batch_rejected_because, false),
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

std::vector<Field> drill_fields(Reader& r, Drill& d) {
    return {
        duration_field(r, "at", "Simulated time the outage starts (before the horizon).", d.at, false, true),
        duration_field(r, "outage", "Processing is stopped for this long; it must end within the horizon.",
                       d.outage, true, true),
    };
}

std::vector<Field> failure_fields(Reader& r, Failures& f) {
    Field drills = list_field<Drill>(r, "drills", "Scripted outages on top of random failures.", f.drills,
                                     [&r](Drill& d) { return drill_fields(r, d); });
    drills.doc.item_description = "A scripted outage inside the simulated horizon.";
    drills.doc.rules = {"each drill starts before simulation.horizon and ends within it"};
    return {
        duration_field(r, "node_mtbf", "Mean time between failures of one node.", f.node_mtbf, true),
        duration_field(r, "bad_deploy_every", "Mean time between bad deploys.", f.bad_deploy_every, true),
        number_field(r, "checkpoint_corruption_probability",
                     "Probability that a failure corrupts the checkpoint.",
                     f.checkpoint_corruption_probability, 0.0, 1.0, "probability"),
        std::move(drills),
    };
}

Field failures_field(Reader& r, Simulation& s) {
    Field failures = section(r, "failures", "Failure injection, or `none` to switch it off.", false,
                             [&r, &s] { return failure_fields(r, s.failures); });
    failures.doc.type = KeyType::failures;
    // `failures: none` is a scalar where a mapping is expected, so the section's reader is
    // wrapped: `none` switches failures off, a mapping goes to the usual reader.
    auto as_mapping = failures.read;
    failures.read = [&r, &s, as_mapping](const YamlNode& value, const YamlNode& key,
                                         const std::string& path) {
        // Only a plain none: a quoted 'none' is text, not the keyword.
        if (value.kind == Kind::scalar && value.plain && value.value == "none") {
            s.failures.enabled = false;
            return;
        }
        if (value.kind != Kind::mapping) {
            r.error(value, path, path + ": expected a mapping or 'none', got " + Reader::describe(value));
            return;
        }
        as_mapping(value, key, path);
    };
    return failures;
}

std::vector<Field> simulation_fields(Reader& r, Simulation& s) {
    return {
        duration_field(r, "horizon", "Simulated time per replication, at most 10 years.", s.horizon, true,
                       false, k_max_horizon_ns),
        int_field(r, "replications", "Independent replications.", s.replications, 1, k_max_replications),
        seed_field(r, "seed", "Seed of the portable random source.", s.seed),
        enum_field(r, "arrivals", "Arrival process.", s.arrivals, k_arrivals),
        enum_field(r, "service", "Service-time distribution.", s.service, k_services),
        enum_field(r, "granularity", "`event` simulates every event; `auto` groups events at high volume.",
                   s.granularity, k_granularities),
        enum_field(r, "fixed_latencies",
                   "`none` switches every fixed stage latency (log hop, engine floor, sink visibility) off.",
                   s.fixed_latencies, k_fixed_latencies),
        failures_field(r, s),
    };
}

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

/// A use case's own `infrastructure:` (spec §9: it may override the shared schedule and trigger).
std::vector<Field> use_case_infrastructure_fields(Reader& r, UseCase& u) {
    return {
        optional_duration_field(r, "batch_schedule", "Batch: a run every this long, for this use case.",
                                u.batch_schedule, true),
        optional_duration_field(r, "micro_batch_trigger", "Micro-batch trigger interval, for this use case.",
                                u.micro_batch_trigger, true),
    };
}

std::vector<Field> use_case_fields(Reader& r, UseCase& u) {
    std::vector<Field> fields{text_field(r, "name", "Unique name of the use case.", u.name, false, true)};
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

Field version_field(Reader& r, int& out) {
    Field f = scalar_field("version", "Format version; only 1 exists.", KeyType::version, out,
                           [&r](const YamlNode& n, const std::string& p) -> std::optional<int> {
                               auto v = r.integer(n, p, std::numeric_limits<int>::min(),
                                                  std::numeric_limits<int>::max());
                               if (!v) return std::nullopt;
                               if (*v != 1) {
                                   r.error(n, p,
                                           "version: unsupported version " + Reader::value_of(n) +
                                               " (this format is version 1; write version: 1)");
                                   return std::nullopt;
                               }
                               return 1;
                           });
    set_default(f, "1");
    return f;
}

}  // namespace

std::vector<Field> workload_fields(Reader& r, Workload& w, UseCase& top) {
    Field use_cases = list_field<UseCase>(
        r, "use_cases",
        "Several use cases sharing team, infrastructure, proposal and simulation; excludes top-level "
        "latency, "
        "computation and data.",
        w.use_cases, [&r](UseCase& u) { return use_case_fields(r, u); },
        [](UseCase& u, const std::string& path) { u.path = path; });
    use_cases.doc.minimum = 1;  // items
    use_cases.doc.item_description = "One use case: its own latency, computation and data.";
    use_cases.doc.rules = {"use case names are unique",
                           "a file with use_cases has no top-level latency, computation or data, and a file "
                           "without it has all three"};
    std::vector<Field> fields{
        version_field(r, w.version),
        text_field(r, "name", "Name of the workload.", w.name, false, true),
        text_field(r, "description", "What the workload is for.", w.description, true),
        std::move(use_cases),
        section(
            r, "team",
            "Who runs the pipeline at 2 a.m.; unstated booleans are checklist items reported as not stated.",
            true, [&r, &w] { return team_fields(r, w.team); }),
        section(r, "infrastructure", "All optional, with documented defaults (prices in USD).", false,
                [&r, &w] { return infrastructure_fields(r, w.infrastructure); }),
        section(
            r, "proposal",
            "What the team proposes, judged by `check`. Unstated checklist items are reported as not stated.",
            false, [&r, &w] { return proposal_fields(r, w.proposal); }),
        section(r, "simulation", "How the reference pipeline is simulated.", false,
                [&r, &w] { return simulation_fields(r, w.simulation); }),
    };
    // Optional here: whether the top-level latency, computation and data are required depends
    // on use_cases, a rule across keys.
    for (auto& f : use_case_body_fields(r, top, false)) fields.push_back(std::move(f));
    return fields;
}

}  // namespace loading

namespace {

KeyDoc describe(const loading::Field& field) {
    KeyDoc doc = field.doc;
    if (field.children) {
        // A section builds its child fields only when asked; documenting it builds the whole tree.
        for (const auto& child : field.children()) doc.children.push_back(describe(child));
    }
    return doc;
}

}  // namespace

std::string_view to_string(KeyType type) {
    switch (type) {
        case KeyType::boolean:
            return "boolean";
        case KeyType::text:
            return "text";
        case KeyType::duration:
            return "duration";
        case KeyType::size:
            return "size";
        case KeyType::rate:
            return "rate";
        case KeyType::money:
            return "money";
        case KeyType::number:
            return "number";
        case KeyType::integer:
            return "integer";
        case KeyType::seed:
            return "seed";
        case KeyType::enumeration:
            return "enumeration";
        case KeyType::date:
            return "date";
        case KeyType::version:
            return "version";
        case KeyType::mapping:
            return "mapping";
        case KeyType::list:
            return "list";
        case KeyType::failures:
            return "failures";
    }
    // Only reached with a value outside the enumeration.
    return "text";
}

KeyDoc workload_keys() {
    // Bound to a fresh workload, so every default is the one a file that omits the key gets.
    Workload w;
    UseCase top;
    loading::Reader r("");
    KeyDoc root;
    root.type = KeyType::mapping;
    root.description =
        "One workload per file (version 1): the use case(s) to decide batch, micro-batch or streaming for, "
        "the "
        "team, the infrastructure, an optional proposal and the simulation settings.";
    // Checked by the YAML reader before any key is read, so stated at the root.
    root.rules = {
        "duplicate keys, a second document, aliases that cycle or expand past a node budget, nesting "
        "deeper than 32 levels, YAML 1.1 booleans and octal look-alikes, files over 1 MiB, NUL bytes and "
        "invalid UTF-8 are rejected before any key is read"};
    for (const auto& f : loading::workload_fields(r, w, top)) root.children.push_back(describe(f));
    return root;
}

}  // namespace pipeadvise::model
