#include "pipeadvise/cost/cost.hpp"

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

CostBreakdown monthly_cost(const model::Workload& workload, const model::UseCase& use_case,
                           const pipeline::ModeResult& result) {
    const model::Infrastructure& infra = workload.infrastructure;
    const pipeline::UsageFacts& usage = result.usage;
    CostBreakdown cost;

    cost.compute = usage.node_hours_per_month * infra.node_hour_usd;

    if (uses_brokers(result.mode)) {
        cost.infrastructure = static_cast<double>(infra.brokers) * k_hours_per_month * infra.broker_hour_usd;
    }

    // Every mode keeps the raw events for `retention`: the log for micro-batch and streaming,
    // the landing zone of files for batch, so each can replay the same window.
    const double retained_bytes = physics::retained_bytes(use_case.data, infra.retention.seconds());
    const double state_bytes = usage.state_bytes * k_state_copies;
    cost.storage = (retained_bytes + state_bytes) / k_bytes_per_gb * infra.storage_gb_month_usd;

    // Incident hours come from the simulator, which already stretches detection and repair
    // for a less mature team; the maturity factor applies to the baseline only.
    const double baseline_usd = baseline_engineering_hours(infra, use_case, result.mode) *
                                maturity_factor(workload.team.maturity) * infra.engineer_hour_usd;
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

const std::vector<PriceDefault>& price_defaults() {
    static const std::vector<PriceDefault> table = [] {
        const model::Infrastructure d;
        return std::vector<PriceDefault>{
            {"infrastructure.node_hour_usd", d.node_hour_usd, "USD/node-hour",
             "one processing node held for an hour (compute)",
             "ballpark of public on-demand list prices for a general-purpose 8 vCPU / 32 GiB VM "
             "(roughly $0.35-0.45/h in US regions) plus a margin for a managed runtime",
             true},
            {"infrastructure.broker_hour_usd", d.broker_hour_usd, "USD/broker-hour",
             "one log broker (Kafka-like) with its disks, always on",
             "ballpark of public list prices of managed Kafka brokers of mid size (about $0.2-0.8/h) "
             "plus attached broker storage",
             true},
            {"infrastructure.storage_gb_month_usd", d.storage_gb_month_usd, "USD/GB-month",
             "raw events kept for the retention window, and state/checkpoints",
             "public list price of standard object storage in a US region (about $0.023/GB-month)", true},
            {"infrastructure.engineer_hour_usd", d.engineer_hour_usd, "USD/hour",
             "one hour of a data engineer, operating or repairing the pipeline",
             "fully loaded cost of a data engineer (salary, benefits, overhead) over about 1,800 "
             "working hours a year; a ballpark, set your own",
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
            {"hours_per_month", k_hours_per_month, "hours",
             "always-on resources are held for the 30-day month of the simulator",
             "30 days x 24 h (price sheets often use 730 h; 1.4 % apart)", false},
            {"state_copies", k_state_copies, "copies",
             "state bytes stored: live state store and last checkpoint", "modelling assumption", false},
            {"maturity_factor.low", k_maturity_factor_low, "x",
             "factor on baseline hours for a low-maturity team",
             "judgement: more manual work and slower routine operations", false},
            {"maturity_factor.medium", k_maturity_factor_medium, "x",
             "factor on baseline hours for a medium-maturity team", "reference level", false},
            {"maturity_factor.high", k_maturity_factor_high, "x",
             "factor on baseline hours for a high-maturity team",
             "judgement: automation and runbooks remove routine work", false},
        };
    }();
    return table;
}

}  // namespace pipeadvise::cost
