#include "pipeadvise/cost/cost.hpp"

#include "pipeadvise/model/sizing.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "pipeadvise/physics/capacity.hpp"

namespace pipeadvise::cost {

namespace {

// Linear interpolation between order statistics (Hyndman–Fan type 7, as numpy's default).
double quantile(std::vector<double> values, double q) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const double position = q * static_cast<double>(values.size() - 1);
    const auto lower = static_cast<std::size_t>(std::floor(position));
    const auto upper = std::min(lower + 1, values.size() - 1);
    const double fraction = position - static_cast<double>(lower);
    return values[lower] + fraction * (values[upper] - values[lower]);
}

double mean(const std::vector<double>& values) {
    if (values.empty()) return 0.0;
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

}  // namespace

double maturity_factor(model::Maturity maturity) {
    switch (maturity) {
        case model::Maturity::low:
            return k_maturity_factor_low;
        case model::Maturity::medium:
            return k_maturity_factor_medium;
        case model::Maturity::high:
            return k_maturity_factor_high;
    }
    return k_maturity_factor_medium;
}

double baseline_engineering_hours(const model::Infrastructure& infrastructure, const model::UseCase& use_case,
                                  pipeline::Mode mode) {
    switch (mode) {
        case pipeline::Mode::batch:
            return infrastructure.engineering_hours_batch;
        case pipeline::Mode::micro_batch:
            return infrastructure.engineering_hours_micro_batch;
        case pipeline::Mode::streaming:
            return use_case.computation.stateful ? infrastructure.engineering_hours_stateful_streaming
                                                 : infrastructure.engineering_hours_streaming;
    }
    return 0.0;
}

bool uses_brokers(pipeline::Mode mode) {
    return mode != pipeline::Mode::batch;
}

double multiplier(const CostBreakdown& mode, const CostBreakdown& batch) {
    if (batch.total <= 0.0) return 1.0;
    return mode.total / batch.total;
}

double log_storage_usd(const model::Infrastructure& infra, double bytes_per_second) {
    // The log keeps `retention` of events on the brokers' disks, once per replica.
    return bytes_per_second * infra.retention.seconds() * model::k_log_replication_factor / k_bytes_per_gb *
           infra.broker_storage_gb_month_usd;
}

double lake_storage_usd(const model::Infrastructure& infra, double bytes_per_second, double kept_seconds) {
    return bytes_per_second * kept_seconds / k_bytes_per_gb * infra.storage_gb_month_usd;
}

double state_storage_usd(const model::Infrastructure& infra, double state_bytes) {
    double usd = state_bytes / k_bytes_per_gb * infra.storage_gb_month_usd;
    if (infra.state_store == model::StateStore::rocksdb)
        usd += state_bytes / k_bytes_per_gb * infra.block_storage_gb_month_usd;
    return usd;
}

double baseline_engineering_usd(const model::Workload& workload, const model::UseCase& use_case,
                                pipeline::Mode mode) {
    const model::Infrastructure& infra = workload.infrastructure;
    return baseline_engineering_hours(infra, use_case, mode) * maturity_factor(workload.team.maturity) *
           infra.engineer_hour_usd;
}

CostBreakdown monthly_cost(const model::Workload& workload, const model::UseCase& use_case,
                           const pipeline::ModeResult& result) {
    const model::Infrastructure& infra = workload.infrastructure;
    const pipeline::UsageFacts& usage = result.usage;
    CostBreakdown cost;

    cost.compute = usage.node_hours_per_month * infra.node_hour_usd;

    const int brokers = result.brokers ? result.brokers->brokers : 0;
    if (uses_brokers(result.mode)) {
        cost.infrastructure = static_cast<double>(brokers) * k_hours_per_month * infra.broker_hour_usd;
    }

    const double bytes_per_second =
        use_case.data.volume_per_second * static_cast<double>(use_case.data.event_size_bytes);
    if (uses_brokers(result.mode)) {
        cost.storage = log_storage_usd(infra, bytes_per_second);
    } else {
        // Batch reads raw events landed in object storage, kept for the replay window or for
        // the whole lookback of a window it recomputes, whichever is longer.
        cost.storage = lake_storage_usd(
            infra, bytes_per_second,
            std::max(infra.retention.seconds(), model::batch_scan_seconds(workload, use_case)));
    }
    cost.storage += state_storage_usd(infra, usage.state_bytes);

    // Incident hours come from the simulator, which already stretches detection and repair
    // for a less mature team; the maturity factor applies to the baseline only.
    const double baseline_usd = baseline_engineering_usd(workload, use_case, result.mode);
    const auto& incident_hours = usage.incident_hours_per_month_by_replication;
    cost.engineering = baseline_usd + mean(incident_hours) * infra.engineer_hour_usd;

    cost.total = cost.compute + cost.infrastructure + cost.storage + cost.engineering;

    // Spread across replications: incidents per replication, widened by the node-hour
    // spread as if both extremes coincided (conservative).
    const double fixed = cost.compute + cost.infrastructure + cost.storage + baseline_usd;
    double low = fixed, high = fixed;
    if (!incident_hours.empty()) {
        low += quantile(incident_hours, 0.05) * infra.engineer_hour_usd;
        high += quantile(incident_hours, 0.95) * infra.engineer_hour_usd;
    }
    const auto& node_spread = usage.node_hours_p5_p95;
    if (node_spread[0] > 0.0 || node_spread[1] > 0.0) {
        low += (node_spread[0] - usage.node_hours_per_month) * infra.node_hour_usd;
        high += (node_spread[1] - usage.node_hours_per_month) * infra.node_hour_usd;
    }
    cost.total_p5_p95 = {low, high};
    return cost;
}

namespace {

/// Cloud list prices (us-east-1, the published page and a dated quotation of it), as the
/// workload's defaults; docs/cost-model.md gives the same sources.
std::vector<PriceDefault> list_prices(const model::Infrastructure& d) {
    return std::vector<PriceDefault>{
        {"infrastructure.node_hour_usd", d.node_hour_usd, "USD/node-hour",
         "one processing node held for an hour (compute)",
         "list price: Amazon EC2 On-Demand m5.xlarge (4 vCPU, 16 GiB), Linux, us-east-1 (N. Virginia), as "
         "published on https://aws.amazon.com/ec2/pricing/on-demand/; quoted at $0.192/h in "
         "https://c3x.dev/blog/m5-vs-m6i-vs-m7i-cost-performance (2026)",
         true},
        {"infrastructure.node_memory", static_cast<double>(d.node_memory_bytes) / (1LL << 30), "GiB",
         "memory of one processing node (in-memory state store check and sizing)",
         "the 16 GiB of the m5.xlarge priced above; https://aws.amazon.com/ec2/instance-types/m5/", true},
        {"infrastructure.broker_hour_usd", d.broker_hour_usd, "USD/broker-hour",
         "one log broker (Kafka), always on",
         "list price: Amazon MSK provisioned, Standard broker kafka.m5.large (2 vCPU, 8 GiB), us-east-1, as "
         "published on https://aws.amazon.com/msk/pricing/; quoted at $0.21/h in "
         "https://airbyte.com/data-engineering-resources/apache-kafka-pricing (2025)",
         true},
        {"infrastructure.broker_storage_gb_month_usd", d.broker_storage_gb_month_usd, "USD/GB-month",
         "broker disk holding the log's retention, once per replica",
         "list price: Amazon MSK provisioned broker storage, us-east-1, as published on "
         "https://aws.amazon.com/msk/pricing/ (the weakest-sourced default: see docs/cost-model.md)",
         true},
        {"infrastructure.storage_gb_month_usd", d.storage_gb_month_usd, "USD/GB-month",
         "object storage: raw events landed for batch, checkpoints",
         "list price: Amazon S3 Standard, first 50 TB/month, us-east-1, as published on "
         "https://aws.amazon.com/s3/pricing/; quoted in https://cloudburn.io/blog/amazon-s3-pricing "
         "(2026-03-13)",
         true},
        {"infrastructure.block_storage_gb_month_usd", d.block_storage_gb_month_usd, "USD/GB-month",
         "block storage under a RocksDB state store (the live state)",
         "list price: Amazon EBS General Purpose SSD (gp3) storage, us-east-1, as published on "
         "https://aws.amazon.com/ebs/pricing/; quoted in "
         "https://www.saisci.com/aws/gp2-vs-gp3-cost-comparison-ebs-volumes/ (2021-02-04)",
         true},
    };
}

/// Engineering time and sizing headroom: judgements, each with its reasoning.
std::vector<PriceDefault> engineering_defaults(const model::Infrastructure& d) {
    return std::vector<PriceDefault>{
        {"infrastructure.engineer_hour_usd", d.engineer_hour_usd, "USD/hour",
         "one hour of a data engineer, operating or repairing the pipeline",
         "judgement: fully loaded cost of a data engineer (salary, benefits, overhead) over about 1,800 "
         "working hours a year; set your own",
         true},
        {"infrastructure.engineering_hours_batch", d.engineering_hours_batch, "hours/month",
         "baseline operating time of scheduled batch jobs",
         "judgement: about 3 h a week to triage failed runs, rerun late partitions, upgrade "
         "dependencies",
         true},
        {"infrastructure.engineering_hours_micro_batch", d.engineering_hours_micro_batch, "hours/month",
         "baseline operating time of an always-on micro-batch job and its log",
         "judgement: batch chores plus broker upgrades, consumer-lag monitoring and restarts "
         "(about 6 h a week)",
         true},
        {"infrastructure.engineering_hours_streaming", d.engineering_hours_streaming, "hours/month",
         "baseline operating time of stateless streaming",
         "judgement: micro-batch chores plus continuous deploys of a long-running job, "
         "partition rebalancing and schema changes in flight (about 7 h a week)",
         true},
        {"infrastructure.engineering_hours_stateful_streaming", d.engineering_hours_stateful_streaming,
         "hours/month", "baseline operating time of stateful streaming",
         "judgement: stateless streaming plus state-store tuning, checkpoint hygiene, savepoints "
         "on upgrades and watermark tuning (about 10 h a week)",
         true},
        {"infrastructure.target_utilisation", d.target_utilisation, "share",
         "share of capacity the peak may use when nodes and brokers are sized",
         "judgement: 30 % headroom for failover, catch-up after an outage and growth; the AWS "
         "right-sizing post for Kafka recommends keeping a margin below the sustained limit",
         true},
    };
}

/// Constants of the model that no workload key sets.
std::vector<PriceDefault> model_constants() {
    return std::vector<PriceDefault>{
        {"min_cluster_nodes", model::k_min_cluster_nodes, "nodes",
         "fewest nodes of a sized streaming or micro-batch cluster",
         "spec: one node failing must not stop it", false},
        {"min_brokers", model::k_min_brokers, "brokers", "fewest brokers of a sized log",
         "one per replica of the replication factor", false},
        {"log_replication_factor", model::k_log_replication_factor, "copies",
         "copies of every log byte (broker disk and broker writes)",
         "Kafka production default for three Availability Zones (Amazon MSK default.replication.factor)",
         false},
        {"broker_write_mb_per_second", model::k_broker_write_mb_per_second, "MB/s",
         "sustained write throughput of one kafka.m5.large broker",
         "baseline EBS bandwidth of m5.large (650 Mbit/s), the storage-network term of Equation 1 in "
         "https://aws.amazon.com/blogs/big-data/best-practices-for-right-sizing-your-apache-kafka-"
         "clusters-to-optimize-performance-and-cost/ (2020)",
         false},
        {"batch_run_share_of_schedule", model::k_batch_run_share_of_schedule, "share",
         "a sized batch run finishes within this share of its schedule",
         "judgement: a failed run can be re-run before the next one starts", false},
        {"hours_per_month", k_hours_per_month, "hours",
         "always-on resources are held for the 30-day month of the simulator",
         "30 days x 24 h (price sheets often use 730 h; 1.4 % apart)", false},
        {"maturity_factor.low", k_maturity_factor_low, "x",
         "factor on baseline hours for a low-maturity team",
         "judgement: more manual work and slower routine operations", false},
        {"maturity_factor.medium", k_maturity_factor_medium, "x",
         "factor on baseline hours for a medium-maturity team", "reference level", false},
        {"maturity_factor.high", k_maturity_factor_high, "x",
         "factor on baseline hours for a high-maturity team",
         "judgement: automation and runbooks remove routine work", false},
    };
}

}  // namespace

const std::vector<PriceDefault>& price_defaults() {
    static const std::vector<PriceDefault> table = [] {
        const model::Infrastructure d;
        std::vector<PriceDefault> all = list_prices(d);
        for (auto& part : {engineering_defaults(d), model_constants()})
            all.insert(all.end(), part.begin(), part.end());
        return all;
    }();
    return table;
}

}  // namespace pipeadvise::cost
