#pragma once

#include "pipeadvise/model/workload.hpp"

/// Right-sized clusters (spec §8): how many processing nodes each mode holds and how many log
/// brokers the log needs, from the workload's own load. A count the file states stays fixed.
/// docs/cost-model.md documents each rule and constant below.
namespace pipeadvise::model {

/// Fewest nodes an always-on cluster (streaming, micro-batch) holds when sized: one node
/// failing must not stop processing (spec §8).
inline constexpr int k_min_cluster_nodes = 2;
/// Fewest brokers of a sized log: one per replica of the replication factor (spec §8).
inline constexpr int k_min_brokers = 3;
/// Replication factor of the log's topics: Kafka's production default for three-AZ clusters
/// (Amazon MSK's `default.replication.factor` is 3 for clusters in three Availability Zones).
inline constexpr double k_log_replication_factor = 3.0;
/// Sustained write throughput of one broker, MB/s (decimal): the baseline EBS bandwidth of the
/// m5.large class behind kafka.m5.large (650 Mbit/s = 81.25 MB/s, Amazon EC2 "EBS-optimized
/// instances" table), the storage-network term of Equation 1 in the AWS Big Data Blog post
/// "Best practices for right-sizing your Apache Kafka clusters to optimize performance and
/// cost" (2020): cluster throughput <= per-broker throughput x brokers / replication factor.
inline constexpr double k_broker_write_mb_per_second = 81.25;
/// A sized batch run must finish within this share of its schedule, so that a failed run can
/// be re-run before the next one starts (judgement; docs/cost-model.md).
inline constexpr double k_batch_run_share_of_schedule = 0.5;
/// Upper bound on any sized count (the loader's own cap on a stated `nodes`).
inline constexpr int k_max_sized_nodes = 100'000;

/// What bound a node count.
enum class NodeRule {
    stated,        ///< the file states `infrastructure.nodes`
    peak_rate,     ///< peak rate <= target_utilisation x capacity
    state_memory,  ///< an in-memory state store must fit in the cluster's memory
    batch_run,     ///< a batch run finishes within k_batch_run_share_of_schedule of its schedule
    minimum        ///< the floor (k_min_cluster_nodes, or 1 for batch)
};

/// A node count with the figures that produced it (for the explanation of the cost).
struct NodeSizing {
    int nodes = 1;
    NodeRule rule = NodeRule::minimum;
    double peak_rate = 0;           ///< events/s the cluster must sustain at peak
    double per_node_rate = 0;       ///< events/s one node sustains in this mode
    double target_utilisation = 0;  ///< share of capacity the peak may use
    double state_bytes = 0;         ///< in-memory state held (state_memory)
    double node_memory_bytes = 0;   ///< memory of one node (state_memory)
    double events_per_run = 0;      ///< batch: events one run reads (new + lookback)
    double run_budget_seconds = 0;  ///< batch: time a run may take, startup included
};

/// A broker count with the figures that produced it.
struct BrokerSizing {
    int brokers = k_min_brokers;
    bool stated = false;
    double peak_mb_per_second = 0;        ///< produced MB/s at peak (before replication)
    double per_broker_mb_per_second = 0;  ///< usable write MB/s of one broker at the target
};

/// Peak-to-mean of the arrival process as the simulator draws it (1 unless diurnal).
double arrival_peak_to_mean(const Workload& workload, const UseCase& use_case);
/// Mean rate over the busiest `window_seconds` of a day, over the daily mean (1 for a day or
/// more; the peak-to-mean for an instant). Exact for the raised-cosine day of peak_to_mean
/// <= 2: 1 + (p - 1) sin(pi x) / (pi x), x = window / day.
double busiest_window_factor(double peak_to_mean, double window_seconds);
/// Seconds of events a batch run reads: its schedule, or the window it recomputes when the
/// use case keeps a stateful window longer than the schedule (spec §7: batch recomputes a
/// window over its whole lookback).
double batch_scan_seconds(const Workload& workload, const UseCase& use_case);
/// Seconds of already-processed events each batch run re-reads (scan − schedule, >= 0).
double batch_rescan_seconds(const Workload& workload, const UseCase& use_case);

/// Nodes an always-on cluster holds under `nodes: auto` so that `peak_rate` (events/s) stays
/// under target_utilisation x `per_node_rate` x nodes, at least k_min_cluster_nodes.
int cluster_nodes_for_peak(const Infrastructure& infrastructure, double peak_rate, double per_node_rate);

/// Nodes of an always-on streaming cluster.
NodeSizing streaming_nodes(const Workload& workload, const UseCase& use_case);
/// Nodes of a held micro-batch cluster (capacity net of the per-trigger overhead).
NodeSizing micro_batch_nodes(const Workload& workload, const UseCase& use_case);
/// Nodes of a batch run.
NodeSizing batch_nodes(const Workload& workload, const UseCase& use_case);
/// Brokers of the ingestion log for `peak_events_per_second` events of `event_bytes`.
BrokerSizing log_brokers(const Infrastructure& infrastructure, double peak_events_per_second,
                         double event_bytes);
/// Brokers of the log one use case reads.
BrokerSizing log_brokers(const Workload& workload, const UseCase& use_case);

}  // namespace pipeadvise::model
