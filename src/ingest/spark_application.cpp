#include "spark_internal.hpp"

namespace pipeadvise::ingest {

namespace {

// `local`, `local[N]`, `local[N,F]`, `local[*]`: the driver's task slots (0 when unknown).
std::int64_t local_cores(std::string_view master) {
    if (master == "local") return 1;
    if (master.substr(0, 6) != "local[") return 0;
    std::int64_t n = 0;
    // Digits up to the first non-digit: `local[N,F]` gives N, `local[*]` 0 (the machine's
    // cores are not in the log).
    for (std::size_t i = 6; i < master.size() && master[i] >= '0' && master[i] <= '9'; ++i)
        n = n * 10 + (master[i] - '0');
    return n;
}

}  // namespace

void SparkEventLogReader::State::close_app() {
    if (!have_app) return;
    // Executors are counted only here, at the end, so an id added twice counts once.
    for (const auto& [id, cores] : executor_cores) {
        (void)id;
        ++app.executors;
        app.executor_cores += cores;
    }
    if (app.executors == 0 && !app.master.empty() && app.master.substr(0, 5) == "local") {
        // Local mode: no executor is added; the driver runs the tasks.
        app.local_mode = true;
        app.executors = 1;
        app.executor_cores = local_cores(app.master);
    }
    app.stages = static_cast<std::int64_t>(submitted.size());
    for (const auto& [key, stage] : stages) app.stage_totals.push_back(stage);
    if (have_launch) app.first_task_launch_ms = first_launch;
    log.applications.push_back(std::move(app));
    app = SparkApplication{};
    executor_cores.clear();
    stages.clear();
    submitted.clear();
    have_launch = false;
    have_app = false;
}

SparkApplication& SparkEventLogReader::State::current(const std::string& file) {
    // Events may come before ApplicationStart (or it may be missing): the first event of an
    // application opens it.
    if (!have_app) {
        have_app = true;
        app.file = file;
        if (!pending_version.empty()) app.spark_version = pending_version;
    }
    return app;
}

void SparkEventLogReader::State::launch(std::int64_t ms) {
    // 0 is what a missing Launch Time reads as, not a time.
    if (ms <= 0) return;
    if (!have_launch || ms < first_launch) first_launch = ms;
    have_launch = true;
}

void SparkEventLogReader::State::add_executor(const std::string& id, std::int64_t cores,
                                              const std::string& file) {
    current(file);
    // An executor id re-added keeps one entry, as the History Server keys them by id.
    if (id != "driver") executor_cores[id] = cores;
}

void SparkEventLogReader::State::submit_stage(std::int64_t id, std::int64_t attempt,
                                              const std::string& file) {
    current(file);
    // A resubmitted stage has a higher Stage Attempt ID: a stage of its own.
    submitted.emplace(static_cast<int>(id), static_cast<int>(attempt));
}

void SparkEventLogReader::State::add_task(const spark_detail::TaskEnd& task, const std::string& file) {
    SparkApplication& a = current(file);
    ++a.tasks;
    // A failed or killed task's run time and records still add in: its cores were spent.
    if (task.failed || task.killed) ++a.failed_tasks;
    if (!task.metrics) ++a.tasks_without_metrics;
    a.records_read += task.records;
    a.bytes_read += task.bytes;
    a.executor_run_ms += task.run_ms;
    launch(task.launch_ms);
    SparkStage& s = stages[{static_cast<int>(task.stage), static_cast<int>(task.attempt)}];
    s.stage_id = static_cast<int>(task.stage);
    s.attempt = static_cast<int>(task.attempt);
    ++s.tasks;
    s.records_read += task.records;
    s.executor_run_ms += task.run_ms;
}

}  // namespace pipeadvise::ingest
