#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/util/date.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/units.hpp"

/// The workload file (spec §2) as plain typed structs. Every default lives here, next to the
/// field it applies to, and is documented in the README and the man page.
namespace pipeadvise::model {

using util::Duration;

/// Days/hours as durations, for readable defaults.
inline constexpr Duration minutes(std::int64_t m) {
    return Duration::from_seconds_int(m * 60);
}
inline constexpr Duration hours(std::int64_t h) {
    return Duration::from_seconds_int(h * 3600);
}
inline constexpr Duration days(std::int64_t d) {
    return Duration::from_seconds_int(d * 86400);
}

enum class Architecture { batch, micro_batch, simple_streaming, full_streaming, hybrid };
enum class ComputationKind {
    stateless,
    enrichment,
    windowed_aggregation,
    sessionization,
    stream_join,
    full_history
};
/// When stateful streaming makes a result usable: once per window at window end + watermark
/// (`window_end`, the default) or on every state update as events are processed (`on_update`).
enum class EmitMode { window_end, on_update };
enum class Maturity { low, medium, high };
enum class StateStore { memory, rocksdb };
enum class CheckpointLocation { durable, local };
enum class Sink { delta, warehouse, database, cache };
enum class ArrivalProcess { constant, poisson, diurnal };
enum class ServiceDistribution { deterministic, exponential, lognormal };
enum class Granularity { automatic, event };
/// Stream-processing engine of the streaming mode (its latency floor and restart figures).
enum class Engine { flink, spark, kafka_streams };
/// Sink delivery guarantee: exactly-once sinks make results visible when a transaction commits.
enum class Delivery { at_least_once, exactly_once };
/// Where batch runs read raw events: the lake (object storage) or the log (retention applies).
enum class BatchSource { lake, log };

/// Spellings exactly as in the workload file and the JSON output.
std::string_view to_string(Architecture v);
std::string_view to_string(ComputationKind v);
std::string_view to_string(EmitMode v);
std::string_view to_string(Maturity v);
std::string_view to_string(StateStore v);
std::string_view to_string(CheckpointLocation v);
std::string_view to_string(Sink v);
std::string_view to_string(ArrivalProcess v);
std::string_view to_string(ServiceDistribution v);
std::string_view to_string(Granularity v);  // "auto" | "event"
std::string_view to_string(Engine v);
std::string_view to_string(Delivery v);
std::string_view to_string(BatchSource v);

/// `latency:` — freshness the use case needs.
struct Latency {
    Duration sla;                             ///< required: event occurrence -> usable downstream
    bool verified_with_stakeholders = false;  ///< default false
    std::string decision;                     ///< what fresher data changes; empty = not stated
    /// Share of events that must meet the SLA (spec §9), 0 < target <= 1; default 0.99.
    double attainment_target = 0.99;
};

/// `computation:` — what is computed and whether it keeps state across events.
struct Computation {
    bool stateful = false;                ///< required
    std::optional<ComputationKind> kind;  ///< optional
    std::int64_t state_size_bytes = 0;    ///< default 0
    std::optional<Duration> window;       ///< window length for windowed work
    /// Stateful streaming: results usable at window end + watermark (default) or per update.
    EmitMode emit = EmitMode::window_end;
};

/// `data.late_arrivals:` — event-time lateness at ingestion (lognormal fitted to p50/p99).
struct LateArrivals {
    double fraction = 0.0;  ///< share of events that arrive late, 0..1
    Duration p50;           ///< median lateness of late events
    Duration p99;           ///< 99th percentile lateness of late events
};

/// `data:` — the stream itself.
struct Data {
    bool bounded = false;                  ///< required
    double volume_per_second = 0.0;        ///< required (events/s, mean)
    std::int64_t event_size_bytes = 1024;  ///< default 1KiB
    double peak_to_mean = 2.0;             ///< diurnal peak over mean, default 2 (>= 1)
    LateArrivals late_arrivals;            ///< default: none late
    std::optional<Duration> history;       ///< how much must be backfilled
};

/// `team:` — who will run it at 2 a.m.; unstated booleans stay nullopt (checklist: info).
struct Team {
    Maturity maturity = Maturity::medium;  ///< required
    std::optional<bool> kafka_experience;
    std::optional<bool> on_call;
    std::optional<bool> recovery_runbook;
};

/// `infrastructure:` — all optional, with documented defaults (prices in USD).
struct Infrastructure {
    /// Processing nodes; nullopt = `auto` (the default): each mode is sized from its load
    /// (model/sizing.hpp). A stated count stays fixed in every mode.
    std::optional<int> nodes;
    double node_throughput = 5000.0;              ///< events/s one node sustains
    std::int64_t node_memory_bytes = 16LL << 30;  ///< 16GiB: the memory of the priced m5.xlarge
    /// Share of a cluster's capacity the peak may use when nodes and brokers are sized (0..1].
    double target_utilisation = 0.7;
    /// USD per node-hour: AWS EC2 m5.xlarge on-demand, us-east-1 (docs/cost-model.md).
    double node_hour_usd = 0.192;
    /// Log brokers (streaming, micro-batch); nullopt = `auto` (the default): sized from the
    /// peak MB/s with replication, at least 3.
    std::optional<int> brokers;
    /// USD per broker-hour: Amazon MSK kafka.m5.large, us-east-1 (docs/cost-model.md).
    double broker_hour_usd = 0.21;
    /// USD per GB-month of broker storage (the log's replicated retention): Amazon MSK.
    double broker_storage_gb_month_usd = 0.10;
    /// USD per GB-month of object storage (the lake, checkpoints): S3 Standard.
    double storage_gb_month_usd = 0.023;
    /// USD per GB-month of block storage (a RocksDB state store's local volume): EBS gp3.
    double block_storage_gb_month_usd = 0.08;
    double engineer_hour_usd = 100.0;              ///< USD per engineering hour
    Duration retention = days(7);                  ///< log retention
    Duration checkpoint_interval = minutes(1);     ///< streaming checkpoint period
    StateStore state_store = StateStore::rocksdb;  ///< memory | rocksdb
    Duration batch_schedule = hours(12);           ///< batch: run every
    /// Batch: fixed overhead of every run (cluster start, planning). Micro-batch: paid once
    /// per (re)start of its held cluster, not per trigger.
    Duration job_startup = minutes(3);
    Duration micro_batch_trigger = minutes(2);  ///< micro-batch trigger interval
    /// `batch_schedule: auto` (the default when unstated): the configuration search picks the
    /// schedule (spec §9); batch_schedule then holds the pre-search default.
    bool batch_schedule_auto = true;
    /// `micro_batch_trigger: auto` (the default when unstated): the search picks the trigger.
    bool micro_batch_trigger_auto = true;
    /// Baseline operating hours per month by mode, before the team-maturity factor
    /// (cost model, docs/cost-model.md): routine monitoring, upgrades, reruns, on-call load.
    double engineering_hours_batch = 12.0;               ///< batch (scheduled jobs)
    double engineering_hours_micro_batch = 24.0;         ///< micro-batch (always-on job + log)
    double engineering_hours_streaming = 30.0;           ///< stateless streaming
    double engineering_hours_stateful_streaming = 45.0;  ///< stateful streaming (state, watermarks)
    /// Micro-batch: fixed overhead per trigger of the held cluster (planning, offset commit).
    Duration micro_batch_overhead = Duration::from_seconds_int(5);
    /// Streaming engine (latency floor, failure detection); docs/simulation-model.md.
    Engine engine = Engine::flink;
    /// Batch input: the lake (default; retention loses nothing) or the log.
    BatchSource batch_source = BatchSource::lake;
    /// Log hop (produce -> visible to a consumer), lognormal fitted to p50/p99.
    Duration log_hop_p50 = Duration{2'000'000};
    Duration log_hop_p99 = Duration{5'000'000};
    /// Pause of the automatic restart strategy before a failed job restarts.
    Duration restart_delay = Duration::from_seconds_int(1);
    /// Time until the engine notices a lost node by itself; unset = the engine's default.
    std::optional<Duration> failure_detection;
    /// Keys the file stated explicitly (dotted, e.g. "infrastructure.nodes"), so reports can
    /// say "default" for the others.
    std::vector<std::string> stated;
};

/// One entry of `proposal.waivers`.
struct Waiver {
    std::string id;      ///< finding id it waives
    std::string reason;  ///< required
    util::Date expires;  ///< required; an expired waiver no longer applies
    std::string path;    ///< dotted path of this waiver, e.g. "proposal.waivers[0]"
};

/// `proposal:` — what the team proposes (judged by `check`). Unstated items stay nullopt.
struct Proposal {
    bool present = false;  ///< the file has a `proposal:` section
    std::optional<Architecture> architecture;
    std::optional<Duration> watermark;
    std::optional<CheckpointLocation> checkpoint_location;
    std::optional<bool> dead_letter_queue;
    std::optional<bool> consumer_lag_alert;
    std::optional<bool> backfill_strategy;
    std::optional<Sink> sink;
    std::optional<Delivery> delivery;  ///< default at_least_once
    std::optional<bool> idempotent_jobs;
    std::optional<std::string> micro_batch_rejected_because;
    // Checklist items beyond the spec's example (additive extension):
    std::optional<bool> partitioned_by_date;     ///< batch: tables partitioned by date
    std::optional<bool> partition_overwrite;     ///< batch: replaceWhere-style overwrite
    std::optional<bool> sla_monitored;           ///< batch: SLA defined and monitored
    std::optional<bool> checkpoint_backup;       ///< streaming: checkpoints backed up
    std::optional<bool> offset_reset_runbook;    ///< streaming: runbook for offset reset
    std::optional<bool> cost_comparison_done;    ///< before streaming: costs compared
    std::optional<bool> shared_ingestion;        ///< hybrid: both layers read the same topics
    std::optional<bool> sla_owned_by_one_layer;  ///< hybrid: each SLA owned by one layer
    std::vector<Waiver> waivers;
};

/// One scripted outage.
struct Drill {
    Duration at;      ///< simulated time of the outage
    Duration outage;  ///< processing stopped for this long
};

/// `simulation.failures:` (or `failures: none`).
struct Failures {
    bool enabled = true;                              ///< false for `failures: none`
    Duration node_mtbf = days(30);                    ///< per node
    Duration bad_deploy_every = days(30);             ///< mean time between bad deploys
    double checkpoint_corruption_probability = 0.01;  ///< per failure, 0..1
    std::vector<Drill> drills;                        ///< scripted outages on top of random failures
};

/// `simulation:` — how the reference pipeline is simulated.
struct Simulation {
    Duration horizon = days(7);  ///< simulated time per replication (<= 10 years)
    int replications = 10;       ///< independent replications (1..1000)
    std::uint64_t seed = 1;
    ArrivalProcess arrivals = ArrivalProcess::diurnal;
    ServiceDistribution service = ServiceDistribution::lognormal;
    Granularity granularity = Granularity::automatic;
    /// Fixed stage latencies (log hop, engine floor, sink visibility); `none` switches them off.
    bool fixed_latencies = true;
    Failures failures;
};

/// One use case: the unit the five questions are asked of. A file without `use_cases`
/// yields exactly one, named after the workload, with an empty `path`.
struct UseCase {
    std::string name;
    std::string path;  ///< dotted prefix in the file: "" or "use_cases[2]"
    Latency latency;
    Computation computation;
    Data data;
    /// Per-use-case overrides (spec §9) of infrastructure.batch_schedule,
    /// infrastructure.micro_batch_trigger and proposal.watermark, stated in the entry's own
    /// `infrastructure:` and `proposal:` sections; unset = the shared value.
    std::optional<Duration> batch_schedule;
    std::optional<Duration> micro_batch_trigger;
    std::optional<Duration> watermark;
};

/// A whole workload file.
struct Workload {
    std::string file;  ///< path as given on the command line
    int version = 1;
    std::string name;  ///< required
    std::string description;
    bool has_use_cases = false;      ///< the file used `use_cases:` (hybrid candidate)
    std::vector<UseCase> use_cases;  ///< always at least one
    Team team;
    Infrastructure infrastructure;
    Proposal proposal;
    Simulation simulation;
    /// Source location of every key and list item present in the file, by dotted path
    /// ("latency.sla", "use_cases[1].data.volume", "proposal.waivers[0].expires").
    std::map<std::string, util::Location> locations;
    /// The command-line argument that gave a value instead of the file (`--set
    /// data.volume=1M/day`, `--horizon 30d`), by dotted path of the key it set.
    std::map<std::string, std::string> origins;

    /// Location of `path`, or of its nearest present parent (the file start if none).
    util::Location location_of(std::string_view path) const;
    /// True when the file states `path` explicitly.
    bool states(std::string_view path) const;
    /// An input error about the value at `path`: at its key (or nearest present parent) in
    /// the file, or, when the value came from the command line, at the file without a line
    /// and with the message led by the argument (`--set KEY=VALUE: ...`).
    util::Diagnostic diagnostic_at(std::string_view path, std::string message) const;
};

/// The workload one use case runs on: the shared sections with the use case's own
/// batch_schedule, micro_batch_trigger and watermark applied (a stated override is no longer
/// `auto`). The simulator and the advisor judge a use case on this.
Workload with_overrides(const Workload& workload, const UseCase& use_case);

}  // namespace pipeadvise::model
