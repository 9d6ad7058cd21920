#include <cstdio>

#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render {

namespace detail {

namespace {

std::string g(double v, int digits = 4) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

std::string estimate(const cost::Estimate& e, const std::string& unit) {
    std::string out = g(e.value, 6) + unit;
    if (e.standard_error) out += "  ± " + g(*e.standard_error, 3) + unit + " (1 s.e.)";
    return out;
}

std::string sample(const cost::Sample& s, const std::string& unit) {
    std::string out = "mean " + g(s.mean, 4) + unit;
    if (s.standard_error) out += " ± " + g(*s.standard_error, 3) + unit + " (1 s.e.)";
    out += ", range " + g(s.min, 4) + "–" + g(s.max, 4) + unit + ", n=" + std::to_string(s.count);
    return out;
}

std::string quality(const cost::LineFit& f, const std::string& unit) {
    std::string out = "  fit:             R² " + (f.r_squared ? g(*f.r_squared, 5) : std::string("n/a"));
    out += ", residuals max " + g(f.residual_max, 4) + unit + ", RMS " + g(f.residual_rms, 4) + unit + "\n";
    return out;
}

std::string bytes(double b) {
    return util::format_size(static_cast<std::int64_t>(b));
}

std::string runs_section(const cost::Calibration& c) {
    std::string out = "\nruns CSV: " + std::to_string(c.duration.rows) + " run(s)\n";
    out += "duration = job_startup + (events / nodes) / node_throughput\n";
    if (c.job_startup_seconds) out += "  job_startup:     " + estimate(*c.job_startup_seconds, " s") + "\n";
    if (c.node_throughput) out += "  node_throughput: " + estimate(*c.node_throughput, "/s") + " per node\n";
    if (!c.duration.identified) out += "  not identified (see warnings)\n";
    if (c.duration.identified) out += quality(c.duration, " s");
    if (c.cost) {
        out += "cost = fixed per run + per event × events (" + std::to_string(c.cost->rows) +
               " run(s) with cost_usd)\n";
        if (c.cost->identified) {
            out += "  fixed per run:   " + estimate(c.cost->intercept, " USD") + "\n";
            out += "  per event:       " + estimate(c.cost->slope, " USD") + "\n";
            out += "  per million:     " + g(c.cost->slope.value * 1e6, 6) + " USD\n";
            out += quality(*c.cost, " USD");
        } else {
            out += "  not identified (see warnings)\n";
        }
    }
    if (c.node_hours_cost && c.node_hours_cost->identified) {
        out += "cost = fixed per run + node_hour_usd × nodes × hours\n";
        out += "  node_hour_usd:   " + estimate(c.node_hours_cost->slope, " USD") + "\n";
        out += quality(*c.node_hours_cost, " USD");
    }
    return out;
}

std::string sources_section(const cost::CalibrationReport& r) {
    std::string out = "calibrate: " + std::to_string(r.sources.size()) + " input(s)\n";
    for (const auto& s : r.sources) {
        out += "  " + escape_terminal(s.file) + ": " + s.kind;
        if (s.codec != "plain") out += " (" + s.codec + ")";
        out += ", " + std::to_string(s.lines) + " lines, " + bytes(static_cast<double>(s.bytes)) + "\n";
    }
    if (!r.skipped_events.empty()) {
        std::int64_t n = 0;
        for (const auto& [name, count] : r.skipped_events) n += count;
        out += "  (" + std::to_string(n) + " events of " + std::to_string(r.skipped_events.size()) +
               " types not used for calibration were skipped)\n";
    }
    return out;
}

/// One Spark application as the History Server computes it.
std::string application_text(const ingest::SparkApplication& a) {
    std::string out =
        "  " + escape_terminal(a.id.empty() ? std::string("(no id)") : a.id) + " \"" +
        escape_terminal(a.name) + "\" Spark " +
        (a.spark_version.empty() ? std::string("(unknown)") : escape_terminal(a.spark_version)) + "\n";
    out += "    duration ";
    out += a.start_ms && a.end_ms ? g(static_cast<double>(*a.end_ms - *a.start_ms) / 1000.0, 6) + " s"
                                  : std::string("unknown (incomplete)");
    out += ", first task after ";
    out += a.start_ms && a.first_task_launch_ms
               ? g(static_cast<double>(*a.first_task_launch_ms - *a.start_ms) / 1000.0, 6) + " s"
               : std::string("n/a");
    out += "\n    " + std::to_string(a.executors) + " executor(s), " + std::to_string(a.executor_cores) +
           " core(s)" + (a.local_mode ? " (local mode: the driver runs the tasks)" : "") + "; " +
           std::to_string(a.jobs) + " jobs, " + std::to_string(a.stages) + " stages, " +
           std::to_string(a.tasks) + " tasks (" + std::to_string(a.failed_tasks) + " failed)\n";
    out += "    " + std::to_string(a.records_read) + " input records, executor run time " +
           g(static_cast<double>(a.executor_run_ms) / 1000.0, 6) + " s\n";
    return out;
}

std::string spark_section(const cost::CalibrationReport& r) {
    if (r.applications.empty()) return "";
    std::string out = "\nSpark applications (as the History Server computes them):\n";
    for (const auto& a : r.applications) out += application_text(a);
    const auto& s = r.spark;
    out += "\nnode throughput (executor run time against input records, " + std::to_string(s.stages) +
           " stage(s) that read input):\n";
    if (s.records_per_core_second)
        out += "  per core:        " + estimate(*s.records_per_core_second, "/s") + "\n";
    if (s.cores_per_executor)
        out += "  cores per node:  " + g(*s.cores_per_executor, 4) + " (one executor = one node)\n";
    if (s.node_throughput) out += "  node_throughput: " + estimate(*s.node_throughput, "/s") + " per node\n";
    if (s.r_squared) out += "  fit:             R² " + g(*s.r_squared, 5) + "\n";
    if (s.first_task_seconds.count > 0)
        out += "job_startup (application start → first task): " + sample(s.first_task_seconds, " s") + "\n";
    return out;
}

std::string streaming_section(const cost::StreamingFit& s) {
    std::string out = "\nstructured streaming: " + std::to_string(s.batches) + " trigger(s)\n";
    out += "triggerExecution = micro_batch_overhead + rows / rate\n";
    if (s.overhead_seconds)
        out += "  overhead:        " + estimate(*s.overhead_seconds, " s") + " per trigger\n";
    if (s.rows_per_second) out += "  rows/s:          " + estimate(*s.rows_per_second, "/s") + "\n";
    if (s.rows_per_second_per_core)
        out +=
            "  rows/s per core: " + g(*s.rows_per_second_per_core, 5) + " (" + g(*s.cores, 4) + " cores)\n";
    if (s.trigger.identified) out += quality(s.trigger, " s");
    if (s.empty_batch_seconds) out += "  empty triggers:  " + sample(*s.empty_batch_seconds, " s") + "\n";
    if (s.non_data_seconds.count > 0)
        out += "  non-data part:   " + sample(s.non_data_seconds, " s") + " (triggerExecution - addBatch)\n";
    if (s.has_state)
        out += "  state:           " + std::to_string(s.state_rows) + " rows, " +
               bytes(static_cast<double>(s.state_bytes)) + " in memory (largest over the triggers)\n";
    return out;
}

std::string flink_section(const cost::CalibrationReport& r) {
    std::string out;
    for (const auto& f : r.flink) {
        out += "\nFlink checkpoints (" + escape_terminal(f.file) + "): " + std::to_string(f.completed) +
               " completed, " + std::to_string(f.failed) + " failed, " + std::to_string(f.restored) +
               " restored\n";
        if (f.duration_seconds.count > 0) {
            out += "  duration:        " + sample(f.duration_seconds, " s") + "\n";
            out += "  state size:      mean " + bytes(f.state_bytes.mean) + ", largest " +
                   bytes(f.state_bytes.max) + "\n";
        }
        if (f.latest_state_bytes)
            out += "  restore reads:   " + bytes(static_cast<double>(*f.latest_state_bytes)) +
                   " (latest completed checkpoint; computation.state_size)\n";
    }
    return out;
}

std::string kafka_section(const cost::CalibrationReport& r) {
    if (!r.kafka) return "";
    std::string out = "\nKafka consumer lag:\n";
    for (const auto& l : r.kafka->lags) {
        out += "  " + escape_terminal(l.group.empty() ? std::string("(group)") : l.group) + " / " +
               escape_terminal(l.topic) + ": " + std::to_string(l.lag) + " events over " +
               std::to_string(l.partitions) + " partition(s)";
        if (l.partitions_unknown > 0) out += ", " + std::to_string(l.partitions_unknown) + " unknown ('-')";
        if (!l.active) out += " (no active members)";
        out += "\n";
    }
    out += "  total:           " + std::to_string(r.kafka->total_lag) + " events";
    if (r.kafka->lag_seconds) out += " = " + g(*r.kafka->lag_seconds, 4) + " s at the workload's volume";
    out += "\n";
    return out;
}

}  // namespace

std::string calibration_text(const cost::CalibrationReport& r) {
    std::string out = sources_section(r);
    out += spark_section(r);
    if (r.runs) out += runs_section(*r.runs);
    if (r.streaming) out += streaming_section(*r.streaming);
    out += flink_section(r);
    out += kafka_section(r);
    if (!r.warnings.empty()) {
        out += "\nwarnings:\n";
        for (const auto& w : r.warnings) out += "  - " + escape_terminal(w) + "\n";
    }
    const std::string snippet = cost::infrastructure_snippet(r);
    if (!snippet.empty()) out += "\nPaste into the workload file:\n\n" + snippet;
    return out;
}

}  // namespace detail

}  // namespace pipeadvise::render
