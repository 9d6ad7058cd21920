#include "pipeadvise/pipeline/plan.hpp"

#include "plan_limits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "pipeadvise/des/portable_math.hpp"
#include "pipeadvise/model/sizing.hpp"
#include "pipeadvise/physics/calendar.hpp"
#include "pipeadvise/physics/capacity.hpp"
#include "pipeadvise/physics/diurnal.hpp"
#include "pipeadvise/physics/recovery.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::pipeline {

using namespace plan_limits;

Ticks to_ticks(double seconds) {
    const double limit = 1e18;
    const double ticks = seconds * static_cast<double>(k_ticks_per_second);
    if (!(ticks < limit)) return static_cast<Ticks>(limit);
    if (!(ticks > -limit)) return static_cast<Ticks>(-limit);
    return std::llround(ticks);
}

double rate_shape(const Plan& plan, double t_seconds) {
    if (plan.shape_table.empty()) return 1.0;
    const double day_fraction = t_seconds / physics::k_seconds_per_day;
    const double x = (day_fraction - std::floor(day_fraction)) * k_shape_points;
    const auto i = std::min<std::size_t>(k_shape_points - 1, static_cast<std::size_t>(x));
    const double frac = x - static_cast<double>(i);
    return plan.shape_table[i] * (1.0 - frac) + plan.shape_table[i + 1] * frac;
}

Ticks detection_delay(const Plan& plan, Ticks t) {
    const Ticks delay = to_ticks(plan.response.detect_seconds);
    return plan.on_call ? delay : delay + physics::unattended_wait_ns(t);
}

namespace {

// The run itself: horizon, seed and replications, within their caps.
void plan_run(Plan& p, const model::Workload& workload) {
    const model::Simulation& sim = workload.simulation;
    p.horizon_seconds = sim.horizon.seconds();
    if (!(p.horizon_seconds > 0.0))
        fail_at(workload, {"simulation.horizon"}, "simulation.horizon must be positive");
    if (p.horizon_seconds > k_max_horizon_seconds) {
        fail_at(workload, {"simulation.horizon"},
                "simulation.horizon " + util::format_duration(sim.horizon) +
                    " passes the cap on simulated time (10 years)");
    }
    p.horizon = sim.horizon.ns;
    p.seed = sim.seed;
    if (sim.replications < 1)
        fail_at(workload, {"simulation.replications"}, "simulation.replications must be at least 1");
    p.replications = sim.replications;
}

// Arrivals: the mean rate, the daily shape and late arrivals.
void plan_arrivals(Plan& p, const model::Workload& workload, const model::UseCase& use_case) {
    const model::Data& data = use_case.data;
    const std::string uc = prefix_of(use_case);
    p.arrivals = workload.simulation.arrivals;
    if (!std::isfinite(data.volume_per_second) || data.volume_per_second < 0.0) {
        fail_at(workload, {uc + "data.volume"}, "data.volume must be a finite non-negative rate");
    }
    p.rate = data.volume_per_second;
    p.peak_to_mean = std::max(1.0, std::isfinite(data.peak_to_mean) ? data.peak_to_mean : 1.0);
    if (p.arrivals == model::ArrivalProcess::diurnal && p.peak_to_mean > 1.0) {
        const physics::DiurnalShape shape = physics::fit_diurnal_shape(p.peak_to_mean);
        p.diurnal_base = shape.base;
        p.diurnal_scale = shape.scale;
        p.diurnal_power = shape.power;
    }
    if (p.diurnal_scale != 0.0) {
        const physics::DiurnalShape shape{p.diurnal_base, p.diurnal_scale, p.diurnal_power};
        p.shape_table.resize(k_shape_points + 1);
        for (int i = 0; i <= k_shape_points; ++i) {
            p.shape_table[static_cast<std::size_t>(i)] =
                physics::diurnal_shape_value(shape, physics::k_seconds_per_day * i / k_shape_points);
        }
    }
    p.arrival_cv2 = physics::arrival_cv2(p.arrivals);

    const model::LateArrivals& late = data.late_arrivals;
    if (late.fraction > 0.0 && late.p50.ns > 0 && late.p99.ns >= late.p50.ns) {
        p.late_fraction = std::min(1.0, late.fraction);
        p.lateness = des::fit_lognormal_p50_p99(late.p50.seconds(), late.p99.seconds());
        p.late_p99_seconds = late.p99.seconds();
    }
}

// Processing and the schedules of each mode.
void plan_processing(Plan& p, const model::Workload& workload) {
    const model::Infrastructure& infra = workload.infrastructure;
    p.service = workload.simulation.service;
    if (!(infra.node_throughput > 0.0) || !std::isfinite(infra.node_throughput)) {
        fail_at(workload, {"infrastructure.node_throughput"},
                "infrastructure.node_throughput must be positive");
    }
    p.node_throughput = infra.node_throughput;
    p.service_cv2 = physics::service_cv2(workload.simulation.service);

    p.retention = infra.retention.ns;
    p.checkpoint_interval = std::max<Ticks>(1, infra.checkpoint_interval.ns);
    p.batch_schedule = std::max<Ticks>(1, infra.batch_schedule.ns);
    p.job_startup = std::max<Ticks>(0, infra.job_startup.ns);
    p.trigger = std::max<Ticks>(1, infra.micro_batch_trigger.ns);
    p.micro_batch_overhead = std::max<Ticks>(0, infra.micro_batch_overhead.ns);

    p.batch_source = infra.batch_source;
}

// What the use case computes and the state it keeps.
void plan_computation(Plan& p, const model::Workload& workload, const model::UseCase& use_case) {
    const model::Infrastructure& infra = workload.infrastructure;
    const model::Computation& comp = use_case.computation;
    p.stateful = comp.stateful;
    p.emit = comp.emit;
    p.window = comp.window && comp.window->ns > 0 ? comp.window->ns
                                                  : to_ticks(physics::k_default_state_window_seconds);
    if (workload.proposal.watermark) {
        p.watermark = workload.proposal.watermark->ns;
    } else {
        p.watermark = p.late_fraction > 0.0 ? to_ticks(p.late_p99_seconds) : 0;
    }
    p.state_bytes = p.stateful ? static_cast<double>(comp.state_size_bytes) : 0.0;
    p.state_horizon = physics::state_horizon(use_case, infra).ns;
    p.node_memory_bytes = static_cast<double>(infra.node_memory_bytes);
    p.memory_state_store = infra.state_store == model::StateStore::memory;
    p.batch_rescan_seconds = model::batch_rescan_seconds(workload, use_case);
}

// Fixed stage latencies: the log hop, the sink's commit or write, checkpoints and automatic
// failure detection.
void plan_stages(Plan& p, const model::Workload& workload, const model::Data& data) {
    const model::Infrastructure& infra = workload.infrastructure;
    p.fixed_latencies = workload.simulation.fixed_latencies;
    p.engine = infra.engine;
    if (!(infra.log_hop_p50.ns > 0) || infra.log_hop_p99 < infra.log_hop_p50) {
        fail_at(workload, {"infrastructure.log_hop_p99", "infrastructure.log_hop_p50"},
                "infrastructure.log_hop_p99 must not be less than log_hop_p50, which must be positive");
    }
    p.log_hop = des::fit_lognormal_p50_p99(infra.log_hop_p50.seconds(), infra.log_hop_p99.seconds());
    p.event_bytes = static_cast<double>(std::max<std::int64_t>(1, data.event_size_bytes));
    const model::Delivery delivery = workload.proposal.delivery.value_or(model::Delivery::at_least_once);
    const std::optional<model::Sink> sink = workload.proposal.sink;
    // Table formats and warehouses commit files per checkpoint whatever the delivery mode;
    // other sinks wait for a commit only when exactly-once (two-phase commit) is asked for.
    p.transactional_sink = delivery == model::Delivery::exactly_once ||
                           (sink && (*sink == model::Sink::delta || *sink == model::Sink::warehouse));
    if (!p.transactional_sink && sink) {
        p.sink_write_seconds = *sink == model::Sink::cache ? k_cache_write_seconds : k_database_write_seconds;
    }
    // A checkpoint uploads what changed since the last one (incremental RocksDB) or the whole
    // state (heap snapshot); with_nodes spreads it over the cluster.
    p.checkpoint_bytes = infra.state_store == model::StateStore::rocksdb
                             ? std::min(p.state_bytes, p.rate * static_cast<double>(data.event_size_bytes) *
                                                           to_seconds(p.checkpoint_interval))
                             : p.state_bytes;
    double detect = k_flink_failure_detection_seconds;
    if (p.engine == model::Engine::spark) detect = k_spark_failure_detection_seconds;
    if (p.engine == model::Engine::kafka_streams) detect = k_kafka_streams_failure_detection_seconds;
    p.auto_detect = infra.failure_detection ? infra.failure_detection->ns : to_ticks(detect);
    p.spark_auto_detect =
        infra.failure_detection ? infra.failure_detection->ns : to_ticks(k_spark_failure_detection_seconds);
    p.restart_delay = std::max<Ticks>(0, infra.restart_delay.ns);
}

// Failures, the team that answers them, the SLA and the trace.
void plan_failures(Plan& p, const model::Workload& workload, const model::UseCase& use_case,
                   const SimulateOptions& options) {
    const model::Failures& failures = workload.simulation.failures;
    p.failures = failures.enabled;
    if (p.failures) {
        if (failures.bad_deploy_every.ns > 0) p.bad_deploy_rate = 1.0 / failures.bad_deploy_every.seconds();
        p.corruption_probability = std::clamp(failures.checkpoint_corruption_probability, 0.0, 1.0);
        for (const model::Drill& d : failures.drills) {
            if (d.outage.ns > 0 && d.at.ns >= 0) p.drills.push_back({d.at.ns, d.outage.ns});
        }
    }
    p.response = physics::incident_response(workload.team.maturity);
    p.on_call = workload.team.on_call.value_or(true);
    p.runbook = workload.team.recovery_runbook.value_or(true);

    p.sla_seconds = use_case.latency.sla.seconds();
    p.trace = options.trace;
    p.trace_interval = options.trace_interval_seconds > 0.0 ? to_ticks(options.trace_interval_seconds)
                                                            : std::max<Ticks>(1, p.horizon / 500);
    p.measure_number_in_system = options.measure_number_in_system;
    if (p.trace &&
        static_cast<double>(p.horizon / std::max<Ticks>(1, p.trace_interval)) > k_max_trace_points) {
        fail_at(workload, {"simulation.horizon"},
                "a trace interval of " + number(to_seconds(p.trace_interval)) +
                    " s over the horizon would hold more than " + number(k_max_trace_points) +
                    " points; use a longer interval");
    }
}

}  // namespace

Plan make_plan(const model::Workload& workload, const model::UseCase& use_case,
               const SimulateOptions& options) {
    Plan p;
    const std::string uc = prefix_of(use_case);
    plan_run(p, workload);
    plan_arrivals(p, workload, use_case);
    plan_processing(p, workload);
    plan_computation(p, workload, use_case);
    plan_stages(p, workload, use_case.data);
    plan_failures(p, workload, use_case, options);
    check_runs_per_replication(p, workload, uc, options);
    plan_grouping(p, workload, uc, options);
    check_memory(p, workload, uc, options);
    with_nodes(p, model::streaming_nodes(workload, use_case).nodes, workload);
    return p;
}

void with_nodes(Plan& p, int nodes, const model::Workload& workload) {
    if (nodes < 1) fail_at(workload, {"infrastructure.nodes"}, "infrastructure.nodes must be at least 1");
    p.nodes = nodes;
    p.capacity = nodes * p.node_throughput;
    p.oom = false;
    p.oom_first = 0;
    p.restore = 0;
    if (p.stateful) {
        p.restore = to_ticks(physics::state_restore_seconds(p.state_bytes, p.nodes));
        const double cluster_memory = static_cast<double>(p.nodes) * p.node_memory_bytes;
        if (p.memory_state_store && p.state_bytes > cluster_memory) {
            p.oom = true;
            p.oom_first =
                std::max<Ticks>(1, to_ticks(to_seconds(p.state_horizon) * cluster_memory / p.state_bytes));
        }
    }
    // Each checkpoint uploads its changed bytes at the restore bandwidth of every node.
    p.checkpoint_duration =
        to_ticks(p.checkpoint_bytes / (p.nodes * physics::k_restore_bytes_per_second_per_node));
    {
        // A keyed exchange sends each node's output over `nodes` channels; a buffer leaves
        // when full or at the timeout, whichever comes first.
        const double per_channel = p.rate / (static_cast<double>(p.nodes) * p.nodes);
        const double events_per_buffer = k_flink_buffer_bytes / p.event_bytes;
        const double fill =
            per_channel > 0.0 ? events_per_buffer / per_channel : k_flink_buffer_timeout_seconds;
        p.flink_flush_seconds = std::min(k_flink_buffer_timeout_seconds, fill);
    }
    p.node_failure_rate = 0;
    const model::Failures& failures = workload.simulation.failures;
    if (p.failures && failures.node_mtbf.ns > 0) p.node_failure_rate = p.nodes / failures.node_mtbf.seconds();
    check_failure_count(p, workload);

    p.wait_by_utilisation.resize(k_wait_grid + 1);
    p.wait_probability_by_utilisation.resize(k_wait_grid + 1);
    for (int i = 0; i <= k_wait_grid; ++i) {
        const double rho = k_max_correction_utilisation * i / k_wait_grid;
        p.wait_by_utilisation[static_cast<std::size_t>(i)] =
            physics::mgc_wait_seconds(p.nodes, p.node_throughput, rho, p.arrival_cv2, p.service_cv2);
        p.wait_probability_by_utilisation[static_cast<std::size_t>(i)] = physics::erlang_c(p.nodes, rho);
    }
}

}  // namespace pipeadvise::pipeline
