// The key table, the shared parts a pipeline runs on: the team and the infrastructure (sizes,
// prices, schedules, engine latencies, operating hours). Each entry binds a key to the
// member it fills and carries its description, bounds and example (see key_sections.hpp).

#include "key_sections.hpp"

namespace pipeadvise::model::loading {

namespace {

// Upper bounds on counts and hours: none is a physical limit, each keeps a typo (an extra
// zero) from becoming an hour-long simulation.
constexpr int k_max_nodes = 100'000;
constexpr int k_max_brokers = 10'000;
/// Engineering hours a month per mode: more than a hundred full-time engineers is a typo.
constexpr double k_max_engineering_hours = 20'000.0;
/// A node's memory: below 1 MiB no engine starts.
constexpr Bounds k_node_memory_bounds{double(1LL << 20), double(util::k_max_size_bytes), "64GiB"};
constexpr Bounds k_node_throughput_bounds{0, 1e12, "5k/s"};
/// A checkpoint more often than every 10 ms would drive the simulation once per checkpoint.
constexpr Bounds k_checkpoint_interval_bounds{10 * k_ms, 10 * k_year, "1m"};
/// Log hops are milliseconds (a produce acknowledged, then fetched); the examples keep p99
/// above p50 against either default.
constexpr Bounds k_log_hop_p50_bounds{1, 10 * k_year, "5ms"};
constexpr Bounds k_log_hop_p99_bounds{1, 10 * k_year, "20ms"};

const EnumTable<Maturity> k_maturities{
    {"low", Maturity::low}, {"medium", Maturity::medium}, {"high", Maturity::high}};
const EnumTable<StateStore> k_state_stores{{"memory", StateStore::memory}, {"rocksdb", StateStore::rocksdb}};
const EnumTable<Engine> k_engines{
    {"flink", Engine::flink}, {"spark", Engine::spark}, {"kafka_streams", Engine::kafka_streams}};
const EnumTable<BatchSource> k_batch_sources{{"lake", BatchSource::lake}, {"log", BatchSource::log}};

/// Nodes and brokers, and what they cost (the first keys of `infrastructure:`, in order).
std::vector<Field> capacity_and_price_fields(Reader& r, Infrastructure& i) {
    return {
        count_or_auto_field(r, "nodes",
                            "Processing nodes, or auto: each mode sized from its load (peak under "
                            "target_utilisation of capacity, at least 2 for always-on clusters; a batch run "
                            "within half its schedule).",
                            "10", i.nodes, 1, k_max_nodes),
        rate_field(r, "node_throughput", "Events per second one node sustains.", i.node_throughput, false,
                   k_node_throughput_bounds),
        size_field(r, "node_memory", "Memory of one node (the m5.xlarge priced by default).",
                   i.node_memory_bytes, true, k_node_memory_bounds),
        // The floor of 0.05 caps auto sizing at twenty times the peak load.
        number_field(r, "target_utilisation",
                     "Share of capacity the peak may use when nodes and brokers are sized (auto).", "0.7",
                     i.target_utilisation, 0.05, 1.0, "share"),
        money_field(r, "node_hour_usd", "USD per node-hour (AWS EC2 m5.xlarge on-demand, us-east-1).",
                    i.node_hour_usd),
        count_or_auto_field(r, "brokers",
                            "Log brokers (streaming and micro-batch), or auto: sized from the peak MB/s with "
                            "replication 3, at least 3.",
                            "3", i.brokers, 1, k_max_brokers),
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
    };
}

/// Retention, checkpoints, schedules and the engine's latencies (in the table's order).
std::vector<Field> timing_fields(Reader& r, Infrastructure& i) {
    Field log_hop_p50 = duration_field(r, "log_hop_p50", "Median log hop, produce to visible to a consumer.",
                                       i.log_hop_p50, false, false, k_log_hop_p50_bounds);
    // The rule spans both log hop keys; it is documented once, on the first.
    log_hop_p50.doc.rules = {
        "log_hop_p50 must be greater than zero and log_hop_p99 not less than it, when "
        "either is stated"};
    return {
        duration_field(r, "retention", "Log retention.", i.retention, true),
        duration_field(r, "checkpoint_interval", "Streaming checkpoint period.", i.checkpoint_interval, true,
                       false, k_checkpoint_interval_bounds),
        enum_field(r, "state_store", "Where streaming state lives.", i.state_store, k_state_stores),
        auto_duration_field(r, "batch_schedule",
                            "Batch: a run every this long; `auto` (the default): the configuration search "
                            "picks it from 5m, 10m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 24h.",
                            i.batch_schedule, i.batch_schedule_auto, k_batch_schedule_bounds),
        duration_field(r, "job_startup",
                       "Batch: fixed overhead of every run. Micro-batch: paid once per (re)start of the held "
                       "cluster.",
                       i.job_startup, false),
        auto_duration_field(r, "micro_batch_trigger",
                            "Micro-batch trigger interval; `auto` (the default): the configuration search "
                            "picks it from 30s, 1m, 2m, 5m.",
                            i.micro_batch_trigger, i.micro_batch_trigger_auto, k_micro_batch_trigger_bounds),
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
        std::move(log_hop_p50),
        duration_field(r, "log_hop_p99", "99th percentile of the log hop.", i.log_hop_p99, false, false,
                       k_log_hop_p99_bounds),
        duration_field(r, "restart_delay",
                       "Pause of the automatic restart strategy before a failed job restarts.",
                       i.restart_delay, false),
        optional_duration_field(r, "failure_detection",
                                "Time until the engine notices a lost node by itself (default: the engine's "
                                "heartbeat timeout).",
                                i.failure_detection, false),
    };
}

/// Baseline operating hours a month per mode; the four keys share one unit and one bound.
std::vector<Field> engineering_hours_fields(Reader& r, Infrastructure& i) {
    const auto hours = [&r](std::string key, std::string description, std::string_view example, double& out) {
        return number_field(r, std::move(key), std::move(description), example, out, 0.0,
                            k_max_engineering_hours, "hours/month");
    };
    return {
        hours("engineering_hours_batch",
              "Baseline operating hours per month for batch, before the team-maturity factor.", "12",
              i.engineering_hours_batch),
        hours("engineering_hours_micro_batch", "Baseline operating hours per month for micro-batch.", "24",
              i.engineering_hours_micro_batch),
        hours("engineering_hours_streaming", "Baseline operating hours per month for stateless streaming.",
              "30", i.engineering_hours_streaming),
        hours("engineering_hours_stateful_streaming",
              "Baseline operating hours per month for stateful streaming.", "45",
              i.engineering_hours_stateful_streaming),
    };
}

}  // namespace

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
    std::vector<Field> fields = capacity_and_price_fields(r, i);
    for (auto* part : {&timing_fields, &engineering_hours_fields})
        for (auto& f : (*part)(r, i)) fields.push_back(std::move(f));
    return fields;
}

}  // namespace pipeadvise::model::loading
