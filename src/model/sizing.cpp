#include "pipeadvise/model/sizing.hpp"

#include <algorithm>
#include <cmath>

namespace pipeadvise::model {

namespace {

constexpr double k_seconds_per_day = 86400.0;
constexpr double k_pi = 3.14159265358979323846;
constexpr double k_bytes_per_mb = 1e6;

int clamp_count(double wanted, int floor) {
    if (!(wanted < static_cast<double>(k_max_sized_nodes))) return k_max_sized_nodes;
    return std::max(floor, static_cast<int>(std::ceil(wanted - 1e-9)));
}

NodeSizing stated(const Infrastructure& infra, int nodes) {
    NodeSizing s;
    s.nodes = nodes;
    s.rule = NodeRule::stated;
    s.per_node_rate = infra.node_throughput;
    s.target_utilisation = infra.target_utilisation;
    return s;
}

// Nodes so that `peak` stays under target x per-node rate x nodes, at least `floor`.
NodeSizing by_peak_rate(const Infrastructure& infra, double peak, double per_node, int floor) {
    NodeSizing s;
    s.peak_rate = peak;
    s.per_node_rate = per_node;
    s.target_utilisation = infra.target_utilisation;
    const double usable = infra.target_utilisation * per_node;
    const double wanted = usable > 0.0 ? peak / usable : static_cast<double>(k_max_sized_nodes);
    s.nodes = clamp_count(wanted, floor);
    s.rule = s.nodes > floor || wanted > floor ? NodeRule::peak_rate : NodeRule::minimum;
    return s;
}

double mean_rate(const UseCase& use_case) {
    return std::isfinite(use_case.data.volume_per_second) ? std::max(0.0, use_case.data.volume_per_second)
                                                          : 0.0;
}

}  // namespace

double arrival_peak_to_mean(const Workload& workload, const UseCase& use_case) {
    if (workload.simulation.arrivals != ArrivalProcess::diurnal) return 1.0;
    const double p = use_case.data.peak_to_mean;
    return std::isfinite(p) ? std::max(1.0, p) : 1.0;
}

double busiest_window_factor(double peak_to_mean, double window_seconds) {
    const double p = std::max(1.0, peak_to_mean);
    const double x = window_seconds / k_seconds_per_day;
    if (!(x > 0.0)) return p;
    if (x >= 1.0) return 1.0;
    return 1.0 + (p - 1.0) * std::sin(k_pi * x) / (k_pi * x);
}

double batch_scan_seconds(const Workload& workload, const UseCase& use_case) {
    const double schedule = workload.infrastructure.batch_schedule.seconds();
    const Computation& c = use_case.computation;
    if (c.stateful && c.window && c.window->ns > 0) return std::max(schedule, c.window->seconds());
    return schedule;
}

double batch_rescan_seconds(const Workload& workload, const UseCase& use_case) {
    return std::max(
        0.0, batch_scan_seconds(workload, use_case) - workload.infrastructure.batch_schedule.seconds());
}

int cluster_nodes_for_peak(const Infrastructure& infra, double peak_rate, double per_node_rate) {
    return by_peak_rate(infra, peak_rate, per_node_rate, k_min_cluster_nodes).nodes;
}

NodeSizing streaming_nodes(const Workload& workload, const UseCase& use_case) {
    const Infrastructure& infra = workload.infrastructure;
    if (infra.nodes) return stated(infra, *infra.nodes);
    const double peak = mean_rate(use_case) * arrival_peak_to_mean(workload, use_case);
    NodeSizing s = by_peak_rate(infra, peak, infra.node_throughput, k_min_cluster_nodes);
    // An in-memory state store holds the whole state in the cluster's memory: the state is
    // paid for in nodes (a RocksDB store keeps it on disk and is paid for in storage).
    const Computation& c = use_case.computation;
    if (c.stateful && infra.state_store == StateStore::memory && infra.node_memory_bytes > 0) {
        const double state = static_cast<double>(c.state_size_bytes);
        const double memory = static_cast<double>(infra.node_memory_bytes);
        const int for_state = clamp_count(state / memory, k_min_cluster_nodes);
        if (for_state > s.nodes) {
            s.nodes = for_state;
            s.rule = NodeRule::state_memory;
            s.state_bytes = state;
            s.node_memory_bytes = memory;
        }
    }
    return s;
}

NodeSizing micro_batch_nodes(const Workload& workload, const UseCase& use_case) {
    const Infrastructure& infra = workload.infrastructure;
    if (infra.nodes) return stated(infra, *infra.nodes);
    const double peak = mean_rate(use_case) * arrival_peak_to_mean(workload, use_case);
    // Each trigger pays its fixed overhead, so a node processes events for the rest of it.
    const double trigger = infra.micro_batch_trigger.seconds();
    const double busy =
        trigger > 0.0 ? std::max(0.0, 1.0 - infra.micro_batch_overhead.seconds() / trigger) : 1.0;
    return by_peak_rate(infra, peak, infra.node_throughput * busy, k_min_cluster_nodes);
}

NodeSizing batch_nodes(const Workload& workload, const UseCase& use_case) {
    const Infrastructure& infra = workload.infrastructure;
    if (infra.nodes) return stated(infra, *infra.nodes);
    NodeSizing s;
    s.per_node_rate = infra.node_throughput;
    s.target_utilisation = infra.target_utilisation;
    const double schedule = infra.batch_schedule.seconds();
    const double rate = mean_rate(use_case);
    // New events of the busiest schedule of the day, plus the lookback re-read at the mean.
    s.events_per_run =
        rate * (busiest_window_factor(arrival_peak_to_mean(workload, use_case), schedule) * schedule +
                batch_rescan_seconds(workload, use_case));
    const double startup = infra.job_startup.seconds();
    double budget = k_batch_run_share_of_schedule * schedule;
    // A start-up longer than half the schedule leaves the whole schedule as the budget; if
    // even that is gone no node count helps, and the simulation reports the backlog.
    if (budget <= startup) budget = schedule;
    s.run_budget_seconds = budget;
    const double work_seconds = budget - startup;
    if (work_seconds <= 0.0 || !(infra.node_throughput > 0.0)) {
        s.nodes = 1;
        s.rule = NodeRule::minimum;
        return s;
    }
    const double wanted = s.events_per_run / (infra.node_throughput * work_seconds);
    s.nodes = clamp_count(wanted, 1);
    s.rule = wanted > 1.0 ? NodeRule::batch_run : NodeRule::minimum;
    return s;
}

BrokerSizing log_brokers(const Infrastructure& infra, double peak_events_per_second, double event_bytes) {
    BrokerSizing b;
    b.peak_mb_per_second = peak_events_per_second * event_bytes / k_bytes_per_mb;
    b.per_broker_mb_per_second = infra.target_utilisation * k_broker_write_mb_per_second;
    if (infra.brokers) {
        b.brokers = *infra.brokers;
        b.stated = true;
        return b;
    }
    // Every produced byte is written once per replica.
    const double written = b.peak_mb_per_second * k_log_replication_factor;
    b.brokers = clamp_count(written / b.per_broker_mb_per_second, k_min_brokers);
    return b;
}

BrokerSizing log_brokers(const Workload& workload, const UseCase& use_case) {
    const double peak = mean_rate(use_case) * arrival_peak_to_mean(workload, use_case);
    return log_brokers(workload.infrastructure, peak, static_cast<double>(use_case.data.event_size_bytes));
}

}  // namespace pipeadvise::model
