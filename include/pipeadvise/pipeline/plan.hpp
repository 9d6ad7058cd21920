#pragma once

#include <cstdint>
#include <vector>

#include "pipeadvise/des/random.hpp"
#include "pipeadvise/des/time.hpp"
#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/physics/incidents.hpp"
#include "pipeadvise/physics/queueing.hpp"
#include "pipeadvise/pipeline/simulate.hpp"

/// The simulation plan: every figure of a workload the reference pipeline needs, resolved
/// once (defaults applied, units converted to ticks and events/second) and checked
/// against the caps. The physics (capacity, queueing, incident response, restore, the diurnal
/// shape) comes from physics/; the constants below are the simulator's own resolution and
/// caps, each documented in docs/simulation-model.md.
namespace pipeadvise::pipeline {

using des::Ticks;

/// Ticks per second (simulated time is integer nanoseconds).
inline constexpr Ticks k_ticks_per_second = 1'000'000'000;

/// Entities simulated per replication and mode with `granularity: auto` (groups above).
inline constexpr std::int64_t k_entity_budget = 50'000;
/// Cap on entities over all modes and replications (`granularity: event`).
inline constexpr double k_max_total_entities = 2e8;
/// Cap on late events waiting in the log model at once (memory).
inline constexpr double k_max_pending_late = 2e7;
/// Cap on events one batch or micro-batch run holds in memory.
inline constexpr double k_max_run_events = 5e7;
/// Cap on stateful windows open at once (memory).
inline constexpr double k_max_open_windows = 1e6;
/// Cap on trace points per mode (memory).
inline constexpr double k_max_trace_points = 1e6;
/// Cap on simulated time per replication, seconds (10 years).
inline constexpr double k_max_horizon_seconds = 10.0 * 365 * 86400;
/// Lateness samples are capped here (a year), seconds.
inline constexpr double k_max_lateness_seconds = 365.0 * 86400;
/// Event-time sub-bins per stateful window (lag resolution window/16).
inline constexpr int k_window_bins = 16;

// The simulator's code names these analytic constants unqualified.
using physics::k_max_correction_utilisation;
/// Time to notice a failure and to repair it, seconds (physics::incident_response).
using ResponseTimes = physics::IncidentResponse;

// --- Fixed stage latencies and automatic restarts (docs/simulation-model.md, "Stage latencies").

/// Spark Structured Streaming's per-micro-batch planning and commit time, seconds: "end-to-end
/// latencies as low as 100 ms" for the micro-batch engine (Databricks, "Introducing Low-latency
/// Continuous Processing Mode in Structured Streaming in Apache Spark 2.3", 2018-03-20).
inline constexpr double k_spark_batch_seconds = 0.100;
/// Flink's network buffer timeout, seconds: `execution.buffer-timeout` default 100 ms (Apache
/// Flink documentation, "Controlling Latency"; configuration reference).
inline constexpr double k_flink_buffer_timeout_seconds = 0.100;
/// Flink's network buffer size, bytes: `taskmanager.memory.segment-size` default 32 KiB (Apache
/// Flink configuration reference). A buffer leaves when full or at the timeout.
inline constexpr double k_flink_buffer_bytes = 32.0 * 1024;
/// Kafka Streams' commit interval under exactly-once, seconds: `commit.interval.ms` default
/// 100 ms with `processing.guarantee: exactly_once_v2` (Apache Kafka, Kafka Streams configs).
inline constexpr double k_kafka_streams_eos_commit_seconds = 0.100;
/// Write of one result to a key-value database sink, seconds ("single-digit millisecond"
/// latency, Amazon DynamoDB product documentation).
inline constexpr double k_database_write_seconds = 0.005;
/// Write of one result to a cache sink, seconds ("sub-millisecond" latency, Redis / Amazon
/// ElastiCache product documentation).
inline constexpr double k_cache_write_seconds = 0.001;
/// Automatic detection of a lost node, seconds: Flink `heartbeat.timeout` 50 s (Apache Flink
/// configuration reference); Spark `spark.network.timeout` 120 s (Apache Spark configuration);
/// Kafka Streams consumer `session.timeout.ms` 45 s (Apache Kafka 3.0+, KIP-735).
inline constexpr double k_flink_failure_detection_seconds = 50.0;
inline constexpr double k_spark_failure_detection_seconds = 120.0;
inline constexpr double k_kafka_streams_failure_detection_seconds = 45.0;

/// One scripted outage in ticks.
struct DrillPlan {
    Ticks at = 0;
    Ticks outage = 0;
};

/// Everything a replication needs, resolved from the workload.
struct Plan {
    // Time.
    Ticks horizon = 0;
    double horizon_seconds = 0;
    std::uint64_t seed = 1;
    int replications = 1;

    // Source.
    model::ArrivalProcess arrivals = model::ArrivalProcess::poisson;
    double rate = 0;          ///< mean arrival rate, events/s
    double diurnal_base = 1;  ///< f(t) = base + scale * h(t)^power, mean 1, peak = peak_to_mean
    double diurnal_scale = 0;
    double diurnal_power = 1;
    double peak_to_mean = 1;
    /// Diurnal shape sampled at k_shape_points per day (interpolated linearly).
    std::vector<double> shape_table;
    double late_fraction = 0;       ///< share of events that arrive late
    des::LognormalParams lateness;  ///< lateness of late events, seconds
    double late_p99_seconds = 0;

    // Service (streaming).
    model::ServiceDistribution service = model::ServiceDistribution::exponential;
    double node_throughput = 1;  ///< mu, events/s per node
    double service_cv2 = 1;      ///< squared coefficient of variation of one service time
    double arrival_cv2 = 1;      ///< squared CV of inter-arrival times (0 constant, 1 Poisson)
    int nodes = 1;
    double capacity = 1;  ///< nodes * node_throughput, events/s

    // Grouping.
    bool grouped = false;
    Ticks slot = 0;                      ///< group width when grouped
    std::int64_t expected_entities = 0;  ///< per replication and mode

    // Infrastructure.
    Ticks retention = 0;
    Ticks checkpoint_interval = 0;
    Ticks batch_schedule = 0;
    Ticks job_startup = 0;
    Ticks trigger = 0;
    Ticks micro_batch_overhead = 0;
    /// Batch: seconds of already-processed events every run re-reads to recompute a window
    /// longer than its schedule (model::batch_rescan_seconds), read at the mean rate.
    double batch_rescan_seconds = 0;
    double node_memory_bytes = 0;  ///< memory of one node (OOM check)
    bool memory_state_store = false;

    model::BatchSource batch_source = model::BatchSource::lake;

    // Fixed stage latencies (simulation.fixed_latencies).
    bool fixed_latencies = true;
    model::Engine engine = model::Engine::flink;
    des::LognormalParams log_hop;  ///< produce -> visible to a consumer, seconds
    /// Streaming engine floor: Flink's wait for a network buffer to leave (uniform on
    /// [0, flink_flush_seconds]) for keyed (stateful) work; Spark's batch P + U(0, P).
    double flink_flush_seconds = 0;
    /// Results visible only when a transaction commits (checkpoint or EOS commit).
    bool transactional_sink = false;
    double sink_write_seconds = 0;  ///< non-transactional sink write per result
    double event_bytes = 1;         ///< size of one event (network buffers)
    double checkpoint_bytes = 0;    ///< state changed in one checkpoint interval
    Ticks checkpoint_duration = 0;  ///< upload of checkpoint_bytes (with_nodes)
    // Automatic restarts (node failures): detection by the engine, then the restart delay.
    Ticks auto_detect = 0;        ///< streaming engine
    Ticks spark_auto_detect = 0;  ///< batch and micro-batch (Spark)
    Ticks restart_delay = 0;

    // State.
    bool stateful = false;
    /// Stateful output: per window at window end + watermark, or per event once processed.
    model::EmitMode emit = model::EmitMode::window_end;
    Ticks window = 0;
    Ticks watermark = 0;
    double state_bytes = 0;
    Ticks state_horizon = 0;  ///< event time the state covers (rebuild replays this)
    Ticks restore = 0;        ///< state restore time after a failure
    bool oom = false;         ///< in-memory state larger than the cluster's memory
    Ticks oom_first = 0;      ///< first OOM (state fills memory)

    // Failures.
    bool failures = false;
    double node_failure_rate = 0;  ///< cluster-wide node failures per second while up
    double bad_deploy_rate = 0;    ///< bad deploys per second
    double corruption_probability = 0;
    ResponseTimes response;
    bool on_call = true;
    bool runbook = true;
    std::vector<DrillPlan> drills;

    // Reporting.
    double sla_seconds = 0;
    /// Further SLAs whose attainment is counted alongside `sla_seconds`, in the same pass and
    /// the same summation order (set by pipeline::SimulationMemo; empty otherwise).
    std::vector<double> extra_slas;
    bool trace = false;
    Ticks trace_interval = 0;
    bool measure_number_in_system = false;
    /// Analytic mean queueing wait (M/G/c, Allen-Cunneen) by utilisation on a grid of
    /// k_wait_grid points over [0, k_max_correction_utilisation], seconds.
    std::vector<double> wait_by_utilisation;
    /// Probability of waiting at all (Erlang C) on the same grid.
    std::vector<double> wait_probability_by_utilisation;
};

/// Samples of the diurnal shape per day (interpolation error below 1e-6 of the rate).
inline constexpr int k_shape_points = 8192;
/// Points of Plan::wait_by_utilisation.
inline constexpr int k_wait_grid = 512;

/// Converts seconds to ticks (rounded; saturates far beyond any horizon).
Ticks to_ticks(double seconds);
/// Converts ticks to seconds.
inline double to_seconds(Ticks t) {
    return static_cast<double>(t) / static_cast<double>(k_ticks_per_second);
}

/// Stateful streaming whose results wait for their window to close (emit: window_end).
inline bool emits_at_window_end(const Plan& plan) {
    return plan.stateful && plan.emit == model::EmitMode::window_end;
}

/// Resolves and checks a plan; throws util::Error (input) when a cap would be passed.
/// Node-dependent figures are for the workload's stated nodes (or the streaming sizing);
/// `with_nodes` re-resolves them for one mode's cluster.
Plan make_plan(const model::Workload& workload, const model::UseCase& use_case,
               const SimulateOptions& options);
/// Sets the cluster size and every figure that follows from it (capacity, restore time,
/// OOM, node failure rate, analytic wait tables).
void with_nodes(Plan& plan, int nodes, const model::Workload& workload);

/// Diurnal shape value at `t_seconds` (mean 1 over a day); 1 for other arrival processes.
double rate_shape(const Plan& plan, double t_seconds);
/// Arrival rate at `t_seconds`, events/s.
inline double rate_at(const Plan& plan, double t_seconds) {
    return plan.rate * rate_shape(plan, t_seconds);
}
/// Time from a failure at `t` until it is noticed: the maturity's detection time, plus the
/// wait for the morning when nobody is on call at night (physics::unattended_wait_ns).
Ticks detection_delay(const Plan& plan, Ticks t);

}  // namespace pipeadvise::pipeline
