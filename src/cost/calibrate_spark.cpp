// Calibration from Spark's own records: batch stages' run time against records read, and
// Structured Streaming triggers' time against input rows.

#include <algorithm>
#include <cmath>

#include "fitting.hpp"

namespace pipeadvise::cost::detail {

namespace {

// Stages that read input: run time (core-seconds, summed over tasks) against records.
struct StagePoints {
    std::vector<double> records, tasks, seconds;
};

StagePoints input_stages(const std::vector<ingest::SparkApplication>& apps) {
    StagePoints p;
    for (const auto& app : apps)
        for (const auto& stage : app.stage_totals)
            if (stage.records_read > 0 && stage.executor_run_ms > 0) {
                p.records.push_back(static_cast<double>(stage.records_read));
                p.tasks.push_back(static_cast<double>(stage.tasks));
                p.seconds.push_back(static_cast<double>(stage.executor_run_ms) / 1000.0);
            }
    return p;
}

// Seconds per record through the origin (no records, no time): b = Σxy / Σx², with R² against
// zero (uncentred), as is usual for such fits.
Estimate per_record_through_origin(const StagePoints& p, SparkFit& fit, std::vector<std::string>& warnings) {
    const auto& records = p.records;
    const auto& seconds = p.seconds;
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        sxy += records[i] * seconds[i];
        sxx += records[i] * records[i];
    }
    Estimate per_record{sxy / sxx, std::nullopt};
    double rss = 0, syy = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const double r = seconds[i] - per_record.value * records[i];
        rss += r * r;
        syy += seconds[i] * seconds[i];
    }
    if (records.size() >= 2)
        // One parameter, so n - 1 degrees of freedom: SE(b) = √(σ² / Σx²).
        per_record.standard_error = std::sqrt(rss / static_cast<double>(records.size() - 1) / sxx);
    if (syy > 0 && records.size() >= 2) {
        fit.r_squared = 1.0 - rss / syy;
        if (*fit.r_squared < k_poor_r_squared)
            warnings.push_back(
                "Spark stages: run time follows input records poorly (R² " + significant(*fit.r_squared, 3) +
                "); the stages differ in ways a rate per record ignores (joins, skew, caching)");
    }
    return per_record;
}

// Is there a fixed cost per task besides the per-record time? Only separable when the stages'
// records per task differ; only a per-task cost the data clearly shows (t > 2) changes the estimate.
void separate_per_task_cost(const StagePoints& p, Estimate& per_record, std::vector<std::string>& warnings) {
    Estimate per_task, per_record_two;
    if (fit_two(p.tasks, p.records, p.seconds, per_task, per_record_two)) {
        const bool clear = per_task.standard_error && per_task.value > 2.0 * *per_task.standard_error;
        if (clear && per_task.value > 0 && per_record_two.value > 0) {
            per_record = per_record_two;
            warnings.push_back("Spark stages: a fixed " + significant(per_task.value, 3) +
                               " s per task was separated from the per-record time; node_throughput "
                               "counts only the per-record part");
        }
    } else if (p.records.size() >= 3) {
        warnings.push_back(
            "Spark stages: every stage read about the same records per task, so a fixed cost "
            "per task cannot be separated from the per-record time; node_throughput counts "
            "any per-task overhead as processing (a lower bound on the rate)");
    }
}

// A node is one executor: the rate per core times its cores (the mean over applications whose
// cores are known), taken as exact, so the error scales by the same factor.
void node_throughput_of(const std::vector<ingest::SparkApplication>& apps, SparkFit& fit,
                        std::vector<std::string>& warnings) {
    std::vector<double> per_executor;
    for (const auto& app : apps)
        if (app.executors > 0 && app.executor_cores > 0)
            per_executor.push_back(static_cast<double>(app.executor_cores) /
                                   static_cast<double>(app.executors));
    if (!per_executor.empty()) {
        const Sample s = sample_of(per_executor);
        fit.cores_per_executor = s.mean;
        if (s.max > s.min)
            warnings.push_back("applications ran executors of different sizes (" + significant(s.min, 3) +
                               " to " + significant(s.max, 3) + " cores): node_throughput uses their mean");
    }
    if (!fit.records_per_core_second) return;
    if (!fit.cores_per_executor) {
        warnings.push_back(
            "the executors' cores are unknown (local[*] or no executor events): node_throughput "
            "is not given, only the records per core-second");
        return;
    }
    const double k = *fit.cores_per_executor;
    Estimate t{fit.records_per_core_second->value * k, std::nullopt};
    if (fit.records_per_core_second->standard_error)
        t.standard_error = *fit.records_per_core_second->standard_error * k;
    fit.node_throughput = t;
}

}  // namespace

SparkFit fit_spark(const std::vector<ingest::SparkApplication>& apps, std::vector<std::string>& warnings) {
    SparkFit fit;
    const StagePoints points = input_stages(apps);
    fit.stages = points.records.size();
    const bool any_tasks = std::any_of(apps.begin(), apps.end(), [](const auto& a) { return a.tasks > 0; });
    if (any_tasks && points.records.empty())
        warnings.push_back(
            "no stage of the event logs read input records (tasks read shuffle or cached data "
            "only), so node_throughput cannot be measured from them");
    if (!points.records.empty()) {
        Estimate per_record = per_record_through_origin(points, fit, warnings);
        separate_per_task_cost(points, per_record, warnings);
        if (per_record.value > 0) fit.records_per_core_second = reciprocal(per_record);
    }
    node_throughput_of(apps, fit, warnings);
    // Start-up as the event logs show it: from ApplicationStart to the first task launch.
    std::vector<double> startup;
    for (const auto& app : apps)
        if (app.start_ms && app.first_task_launch_ms)
            startup.push_back(static_cast<double>(*app.first_task_launch_ms - *app.start_ms) / 1000.0);
    fit.first_task_seconds = sample_of(startup);
    return fit;
}

namespace {

struct TriggerPoints {
    std::vector<double> rows, seconds, empty, non_data;
};

TriggerPoints trigger_points(const std::vector<ingest::StreamingBatch>& batches, StreamingFit& fit) {
    TriggerPoints p;
    for (const auto& b : batches) {
        // A trigger without a duration (0: absent) says nothing about time.
        if (b.trigger_execution_ms <= 0) continue;
        p.rows.push_back(static_cast<double>(b.input_rows));
        const double t = static_cast<double>(b.trigger_execution_ms) / 1000.0;
        p.seconds.push_back(t);
        if (b.input_rows == 0) p.empty.push_back(t);
        if (b.add_batch_ms)
            p.non_data.push_back(static_cast<double>(b.trigger_execution_ms - *b.add_batch_ms) / 1000.0);
        if (b.has_state) {
            fit.has_state = true;
            // State is a level, not a flow: the largest seen, not a sum over triggers.
            fit.state_rows = std::max(fit.state_rows, b.state_rows);
            fit.state_bytes = std::max(fit.state_bytes, b.state_bytes);
        }
    }
    return p;
}

// Fallbacks when the regression gives no overhead, most direct first: triggers that read nothing
// are pure overhead; otherwise the time outside addBatch. Without a slope, the rate is all rows
// over all trigger time, which understates it (the overhead is in the time).
void trigger_fallbacks(const TriggerPoints& p, StreamingFit& fit, std::vector<std::string>& warnings) {
    if (!fit.overhead_seconds && fit.empty_batch_seconds) {
        fit.overhead_seconds = estimate_of(*fit.empty_batch_seconds);
        warnings.push_back("micro_batch_overhead is the mean trigger time of the triggers that read no rows");
    } else if (!fit.overhead_seconds && fit.non_data_seconds.count > 0) {
        fit.overhead_seconds = estimate_of(fit.non_data_seconds);
        warnings.push_back(
            "micro_batch_overhead is the mean of triggerExecution - addBatch (planning, offsets, "
            "WAL commit), since the regression could not separate it");
    }
    if (fit.rows_per_second || p.rows.empty()) return;
    double total_rows = 0, total_seconds = 0;
    for (std::size_t i = 0; i < p.rows.size(); ++i) {
        total_rows += p.rows[i];
        total_seconds += p.seconds[i];
    }
    if (total_rows > 0 && total_seconds > 0) {
        fit.rows_per_second = Estimate{total_rows / total_seconds, std::nullopt};
        warnings.push_back("rows per second is the overall rate (rows over trigger time, overhead included)");
    }
}

// The query's cores: the executors of the application whose log held the progress events.
void streaming_cores(const std::vector<ingest::StreamingBatch>& batches,
                     const std::vector<ingest::SparkApplication>& apps, StreamingFit& fit,
                     std::vector<std::string>& warnings) {
    double cores = 0;
    for (const auto& app : apps)
        for (const auto& b : batches)
            if (b.file == app.file) {
                cores += static_cast<double>(app.executor_cores);
                break;
            }
    if (cores > 0) {
        fit.cores = cores;
        if (fit.rows_per_second) fit.rows_per_second_per_core = fit.rows_per_second->value / cores;
    } else if (fit.rows_per_second) {
        warnings.push_back(
            "the streaming query's cores are unknown (progress JSON without its event log): rows per "
            "second per core is not given");
    }
}

}  // namespace

StreamingFit fit_streaming(const std::vector<ingest::StreamingBatch>& batches,
                           const std::vector<ingest::SparkApplication>& apps,
                           std::vector<std::string>& warnings) {
    StreamingFit fit;
    const TriggerPoints p = trigger_points(batches, fit);
    fit.batches = p.rows.size();
    fit.non_data_seconds = sample_of(p.non_data);
    if (!p.empty.empty()) fit.empty_batch_seconds = sample_of(p.empty);
    // triggerExecution = overhead + rows / rate: the intercept is the per-trigger overhead.
    fit.trigger = fit_line(p.rows, p.seconds, warnings,
                           "micro-batch trigger (triggerExecution against input rows)", "input rows");
    if (fit.trigger.identified) {
        // A negative intercept is no overhead; the fallbacks then apply.
        if (fit.trigger.intercept.value >= 0) fit.overhead_seconds = fit.trigger.intercept;
        if (fit.trigger.slope.value > 0) fit.rows_per_second = reciprocal(fit.trigger.slope);
    }
    trigger_fallbacks(p, fit, warnings);
    streaming_cores(batches, apps, fit, warnings);
    return fit;
}

}  // namespace pipeadvise::cost::detail
