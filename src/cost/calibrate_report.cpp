// One calibration report from every input: runs CSV, Spark event logs and progress, Flink
// checkpoint statistics and Kafka consumer-group lag; and the workload values it yields.

#include <algorithm>
#include <set>

#include "fitting.hpp"
#include "pipeadvise/cost/calibrate.hpp"

namespace pipeadvise::cost {

using namespace detail;

namespace {

void application_warnings(const std::vector<ingest::SparkApplication>& apps,
                          std::vector<std::string>& warnings) {
    for (const auto& app : apps) {
        if (!app.start_ms)
            warnings.push_back(app.file +
                               ": no SparkListenerApplicationStart: start, duration and start-up unknown");
        else if (!app.end_ms)
            warnings.push_back(app.file +
                               ": no SparkListenerApplicationEnd (incomplete application): duration unknown");
        if (app.tasks_without_metrics > 0)
            warnings.push_back(
                app.file + ": " + std::to_string(app.tasks_without_metrics) +
                " task(s) ended without metrics (lost with their executor); their run time and "
                "records are not counted");
    }
}

// The same trigger may come twice (an event log and the query's progress JSON): count each
// (run id, batch id) once.
std::vector<ingest::StreamingBatch> distinct_batches(const std::vector<ingest::StreamingBatch>& all) {
    std::vector<ingest::StreamingBatch> batches;
    std::set<std::pair<std::string, std::int64_t>> seen;
    for (const auto& b : all)
        if (b.run_id.empty() || seen.emplace(b.run_id, b.batch_id).second) batches.push_back(b);
    return batches;
}

FlinkFit fit_flink(const ingest::FlinkCheckpoints& f, std::vector<std::string>& warnings) {
    FlinkFit fit;
    fit.file = f.file;
    fit.completed = f.completed;
    fit.failed = f.failed;
    fit.restored = f.restored;
    std::vector<double> durations, sizes;
    for (const auto& c : f.history) {
        if (c.savepoint) continue;
        durations.push_back(static_cast<double>(c.end_to_end_duration_ms) / 1000.0);
        sizes.push_back(static_cast<double>(c.state_size_bytes));
    }
    fit.duration_seconds = sample_of(durations);
    fit.state_bytes = sample_of(sizes);
    fit.latest_state_bytes = f.latest_state_size_bytes;
    if (durations.empty())
        warnings.push_back(f.file + ": no completed checkpoint in the history: duration and size unknown");
    if (f.failed > 0 && f.completed + f.failed > 0)
        warnings.push_back(f.file + ": " + std::to_string(f.failed) + " of " +
                           std::to_string(f.completed + f.failed) + " checkpoints failed");
    return fit;
}

// Lag summed per (group, topic); a partition without a committed offset has unknown lag, not 0.
void add_partition(const ingest::KafkaConsumerGroups& groups, const ingest::KafkaPartitionLag& p,
                   KafkaFit& k) {
    auto it = std::find_if(k.lags.begin(), k.lags.end(),
                           [&](const KafkaLag& l) { return l.group == p.group && l.topic == p.topic; });
    if (it == k.lags.end()) {
        KafkaLag l;
        l.group = p.group;
        l.topic = p.topic;
        l.active = std::find(groups.groups_without_members.begin(), groups.groups_without_members.end(),
                             p.group) == groups.groups_without_members.end();
        k.lags.push_back(l);
        it = k.lags.end() - 1;
    }
    ++it->partitions;
    if (p.lag) {
        it->lag += *p.lag;
        k.total_lag += *p.lag;
    } else {
        ++it->partitions_unknown;
    }
}

KafkaFit fit_kafka(const CalibrationInput& input, std::vector<std::string>& warnings) {
    KafkaFit k;
    for (const auto& groups : input.kafka)
        for (const auto& p : groups.partitions) add_partition(groups, p, k);
    if (input.volume_per_second && *input.volume_per_second > 0)
        // Lag in time: the events behind over the workload's mean rate.
        k.lag_seconds = static_cast<double>(k.total_lag) / *input.volume_per_second;
    else
        warnings.push_back(
            "Kafka lag in time needs the workload's volume: pass --workload FILE (or --apply)");
    for (const auto& l : k.lags)
        if (l.partitions_unknown > 0)
            warnings.push_back("Kafka group " + l.group + " topic " + l.topic + ": " +
                               std::to_string(l.partitions_unknown) +
                               " partition(s) have no committed offset ('-'): their lag is unknown, not 0");
    return k;
}

// The values for the workload: event logs measure the cluster directly; the runs CSV fills in
// what they do not give.
void choose_values(CalibrationReport& r) {
    if (r.spark.node_throughput) {
        r.node_throughput = r.spark.node_throughput;
        r.r_squared = r.spark.r_squared;
    } else if (r.runs && r.runs->node_throughput) {
        r.node_throughput = r.runs->node_throughput;
        r.r_squared = r.runs->duration.r_squared;
    }
    if (r.spark.first_task_seconds.count > 0)
        r.job_startup_seconds = estimate_of(r.spark.first_task_seconds);
    else if (r.runs && r.runs->job_startup_seconds && r.runs->job_startup_seconds->value >= 0)
        r.job_startup_seconds = r.runs->job_startup_seconds;
    if (r.spark.node_throughput && r.runs && r.runs->node_throughput)
        r.warnings.push_back("node_throughput comes from the event logs; the runs CSV gives " +
                             rate_text(r.runs->node_throughput->value));
    if (r.streaming && r.streaming->overhead_seconds)
        r.micro_batch_overhead_seconds = r.streaming->overhead_seconds;
    if (r.runs && r.runs->node_hour_usd) r.node_hour_usd = r.runs->node_hour_usd;
}

}  // namespace

CalibrationReport calibrate(const CalibrationInput& input) {
    CalibrationReport r;
    r.sources = input.sources;
    r.applications = input.applications;
    r.skipped_events = input.skipped_events;
    if (!input.runs.empty()) {
        r.runs = calibrate(input.runs);
        for (const auto& w : r.runs->warnings) r.warnings.push_back("runs CSV: " + w);
    }
    r.spark = fit_spark(input.applications, r.warnings);
    application_warnings(input.applications, r.warnings);
    if (!input.batches.empty())
        r.streaming = fit_streaming(distinct_batches(input.batches), input.applications, r.warnings);
    for (const auto& f : input.flink) r.flink.push_back(fit_flink(f, r.warnings));
    if (!input.kafka.empty()) r.kafka = fit_kafka(input, r.warnings);
    choose_values(r);
    return r;
}

std::vector<std::pair<std::string, std::string>> infrastructure_values(const CalibrationReport& r) {
    std::vector<std::pair<std::string, std::string>> values;
    if (r.node_throughput && r.node_throughput->value > 0)
        values.emplace_back("node_throughput", rate_text(r.node_throughput->value));
    if (r.node_hour_usd) values.emplace_back("node_hour_usd", significant(r.node_hour_usd->value, 4));
    if (r.job_startup_seconds && r.job_startup_seconds->value >= 0)
        values.emplace_back("job_startup", duration_text(r.job_startup_seconds->value));
    if (r.micro_batch_overhead_seconds && r.micro_batch_overhead_seconds->value >= 0)
        values.emplace_back("micro_batch_overhead", duration_text(r.micro_batch_overhead_seconds->value));
    return values;
}

std::string infrastructure_snippet(const CalibrationReport& report) {
    const auto values = infrastructure_values(report);
    if (values.empty()) return {};
    std::string out = "infrastructure:\n";
    for (const auto& [key, value] : values) out += "  " + key + ": " + value + "\n";
    return out;
}

}  // namespace pipeadvise::cost
