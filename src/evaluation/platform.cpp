#include "pipeadvise/evaluation/platform.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "pipeadvise/evaluation/diff.hpp"
#include "pipeadvise/evaluation/evaluation.hpp"

namespace pipeadvise::evaluation {

namespace {

/// A stream of events the log carries. Use cases with the same volume, event size and peak
/// are taken to be consumers of the same topic (the framework's hybrid: several consumers of
/// one ingestion log); different figures are different topics.
using Stream = std::tuple<double, std::int64_t, double>;

Stream stream_of(const model::UseCase& uc) {
    return {uc.data.volume_per_second, uc.data.event_size_bytes, uc.data.peak_to_mean};
}

double bytes_per_second(const Stream& s) {
    return std::get<0>(s) * static_cast<double>(std::get<1>(s));
}

void add_total(cost::CostBreakdown& c) {
    c.total = c.compute + c.infrastructure + c.storage + c.engineering;
    c.total_p5_p95 = {c.total, c.total};
}

/// What the use cases add up to, over the loop that prices each in the platform and in an
/// all-batch one.
struct Tally {
    // Streams the platform ingests; the lake keeps each for the replay window or the longest
    // lookback a batch use case recomputes over it.
    std::map<Stream, double> lake_seconds_platform, lake_seconds_all_batch;
    double continuous_peak = 0, memory_state = 0, baseline_continuous = 0, incidents_platform = 0,
           incidents_all_batch = 0;
    std::set<Stream> log_streams;
};

/// Use case `i` in the all-batch platform: its batch compute and incidents.
void add_all_batch(const model::Workload& workload, const model::UseCase& uc, const UseCaseEvaluation& ev,
                   PlatformCost& p, Tally& t) {
    const pipeline::ModeResult& batch = ev.simulation->modes.at(pipeline::Mode::batch);
    const cost::CostBreakdown& batch_cost = ev.costs.at(pipeline::Mode::batch).monthly_usd;
    p.all_batch_monthly_usd.compute += batch_cost.compute;
    t.incidents_all_batch +=
        batch_cost.engineering - cost::baseline_engineering_usd(workload, uc, pipeline::Mode::batch);
    if (!batch.feasible && p.all_batch_monthly_usd.total >= 0.0) {
        p.multiplier_vs_all_batch.reset();
        p.all_batch_monthly_usd.total = -1;  // marks the all-batch platform infeasible
    }
}

/// A use case in the mode it lands in: the batch layer's compute, or its share of the
/// always-on layer's peak, state and baseline engineering.
void add_own_mode(const model::Workload& workload, const model::UseCase& uc, pipeline::Mode mode,
                  const pipeline::ModeResult& r, const cost::CostBreakdown& c, const Stream& stream,
                  double scan, PlatformCost& p, Tally& t) {
    const model::Infrastructure& infra = workload.infrastructure;
    if (!r.feasible && p.feasible) {
        p.feasible = false;
        p.infeasible_because = uc.name + " (" + std::string(pipeline::to_string(mode)) +
                               ") cannot run as configured: " + r.infeasible_because;
    }
    t.incidents_platform += c.engineering - cost::baseline_engineering_usd(workload, uc, mode);
    if (mode == pipeline::Mode::batch) {
        p.periodic.push_back(uc.name);
        p.monthly_usd.compute += c.compute;
        p.batch_node_hours_per_month += r.usage.node_hours_per_month;
        t.lake_seconds_platform[stream] = std::max(t.lake_seconds_platform[stream], scan);
        return;
    }
    p.continuous.push_back(uc.name);
    if (!p.continuous_mode || mode == pipeline::Mode::streaming) p.continuous_mode = mode;
    t.continuous_peak += uc.data.volume_per_second * model::arrival_peak_to_mean(workload, uc);
    if (uc.computation.stateful && infra.state_store == model::StateStore::memory &&
        mode == pipeline::Mode::streaming)
        t.memory_state += static_cast<double>(uc.computation.state_size_bytes);
    p.monthly_usd.storage += cost::state_storage_usd(infra, r.usage.state_bytes);
    t.baseline_continuous =
        std::max(t.baseline_continuous, cost::baseline_engineering_usd(workload, uc, mode));
}

/// Adds use case `i` to both platforms; false when its own mode was not simulated.
bool add_use_case(const model::Workload& workload, const advisor::Advice& advice,
                  const std::vector<UseCaseEvaluation>& use_cases, std::size_t i, PlatformCost& p, Tally& t) {
    const model::UseCase& uc = workload.use_cases[i];
    const UseCaseEvaluation& ev = use_cases[i];
    const model::Architecture a = advice.use_cases[i].recommendation.architecture;
    const std::optional<pipeline::Mode> own = mode_of(a);
    const pipeline::Mode mode = own.value_or(pipeline::Mode::batch);
    const Stream stream = stream_of(uc);
    const double scan =
        std::max(workload.infrastructure.retention.seconds(), model::batch_scan_seconds(workload, uc));
    t.lake_seconds_all_batch[stream] = std::max(t.lake_seconds_all_batch[stream], scan);
    t.log_streams.insert(stream);
    add_all_batch(workload, uc, ev, p, t);

    const auto result = ev.simulation->modes.find(mode);
    if (result == ev.simulation->modes.end()) return false;
    add_own_mode(workload, uc, mode, result->second, ev.costs.at(mode).monthly_usd, stream, scan, p, t);
    return true;
}

/// The always-on layer's cluster: sized for the continuous use cases' summed peak (and
/// in-memory state), or the stated count.
model::NodeSizing continuous_nodes(const model::Infrastructure& infra, pipeline::Mode continuous_mode,
                                   const Tally& t) {
    double per_node = infra.node_throughput;
    if (continuous_mode == pipeline::Mode::micro_batch) {
        const double trigger = infra.micro_batch_trigger.seconds();
        if (trigger > 0.0) per_node *= std::max(0.0, 1.0 - infra.micro_batch_overhead.seconds() / trigger);
    }
    model::NodeSizing n;
    n.per_node_rate = per_node;
    n.peak_rate = t.continuous_peak;
    n.target_utilisation = infra.target_utilisation;
    if (infra.nodes) {
        n.nodes = *infra.nodes;
        n.rule = model::NodeRule::stated;
        return n;
    }
    n.nodes = model::cluster_nodes_for_peak(infra, t.continuous_peak, per_node);
    n.rule = t.continuous_peak > infra.target_utilisation * per_node * model::k_min_cluster_nodes
                 ? model::NodeRule::peak_rate
                 : model::NodeRule::minimum;
    if (t.memory_state > 0.0 && infra.node_memory_bytes > 0) {
        const int for_state =
            static_cast<int>(std::ceil(t.memory_state / static_cast<double>(infra.node_memory_bytes)));
        if (for_state > n.nodes) {
            n.nodes = for_state;
            n.rule = model::NodeRule::state_memory;
            n.state_bytes = t.memory_state;
            n.node_memory_bytes = static_cast<double>(infra.node_memory_bytes);
        }
    }
    return n;
}

/// The always-on layer: one cluster for every continuous use case and one ingestion log for
/// every stream, retention counted once.
void price_continuous_layer(const model::Infrastructure& infra, const Tally& t, PlatformCost& p) {
    p.continuous_nodes = continuous_nodes(infra, *p.continuous_mode, t);
    p.monthly_usd.compute += p.continuous_nodes.nodes * cost::k_hours_per_month * infra.node_hour_usd;

    double log_bytes = 0, peak_bytes = 0;
    for (const Stream& s : t.log_streams) {
        log_bytes += bytes_per_second(s);
        peak_bytes += bytes_per_second(s) * std::max(1.0, std::get<2>(s));
    }
    // log_brokers takes events/s and bytes per event: here, bytes/s of one byte each.
    p.log = model::log_brokers(infra, peak_bytes, 1.0);
    p.log_streams = static_cast<int>(t.log_streams.size());
    p.monthly_usd.infrastructure = p.log.brokers * cost::k_hours_per_month * infra.broker_hour_usd;
    p.monthly_usd.storage += cost::log_storage_usd(infra, log_bytes);
}

}  // namespace

std::optional<PlatformCost> platform_cost(const model::Workload& workload, const advisor::Advice& advice,
                                          const std::vector<UseCaseEvaluation>& use_cases) {
    if (!workload.has_use_cases || use_cases.size() != workload.use_cases.size() ||
        advice.use_cases.size() != workload.use_cases.size()) {
        return std::nullopt;
    }
    for (const auto& uc : use_cases) {
        if (!uc.simulation || !uc.simulation->modes.count(pipeline::Mode::batch)) return std::nullopt;
    }
    const model::Infrastructure& infra = workload.infrastructure;
    PlatformCost p;
    Tally t;
    for (std::size_t i = 0; i < workload.use_cases.size(); ++i) {
        if (!add_use_case(workload, advice, use_cases, i, p, t)) return std::nullopt;
    }
    if (p.continuous_mode) price_continuous_layer(infra, t, p);
    for (const auto& [stream, seconds] : t.lake_seconds_platform)
        p.monthly_usd.storage += cost::lake_storage_usd(infra, bytes_per_second(stream), seconds);

    const double batch_baseline =
        cost::baseline_engineering_usd(workload, workload.use_cases.front(), pipeline::Mode::batch);
    p.monthly_usd.engineering =
        t.baseline_continuous + (p.periodic.empty() ? 0.0 : batch_baseline) + t.incidents_platform;
    add_total(p.monthly_usd);

    const bool all_batch_feasible = p.all_batch_monthly_usd.total >= 0.0;
    for (const auto& [stream, seconds] : t.lake_seconds_all_batch)
        p.all_batch_monthly_usd.storage += cost::lake_storage_usd(infra, bytes_per_second(stream), seconds);
    p.all_batch_monthly_usd.engineering = batch_baseline + t.incidents_all_batch;
    add_total(p.all_batch_monthly_usd);
    if (p.feasible && all_batch_feasible && p.all_batch_monthly_usd.total > 0.0)
        p.multiplier_vs_all_batch = p.monthly_usd.total / p.all_batch_monthly_usd.total;
    return p;
}

}  // namespace pipeadvise::evaluation
