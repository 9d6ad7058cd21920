#include "spark_internal.hpp"

namespace pipeadvise::ingest {

namespace spark_detail {

namespace {

// Structured Streaming posts its progress into the event log under the listener event's full
// Java class name, not a short SparkListener name.
constexpr std::string_view k_progress_event =
    "org.apache.spark.sql.streaming.StreamingQueryListener$QueryProgressEvent";

}  // namespace

Event classify(std::string_view name) {
    // Only the events the calibration uses; any other is counted by name as skipped.
    static const std::unordered_map<std::string_view, Event> table = {
        {"SparkListenerLogStart", Event::log_start},
        {"SparkListenerApplicationStart", Event::application_start},
        {"SparkListenerApplicationEnd", Event::application_end},
        {"SparkListenerEnvironmentUpdate", Event::environment_update},
        {"SparkListenerExecutorAdded", Event::executor_added},
        {"SparkListenerJobStart", Event::job_start},
        {"SparkListenerStageSubmitted", Event::stage_submitted},
        {"SparkListenerTaskStart", Event::task_start},
        {"SparkListenerTaskEnd", Event::task_end},
        {k_progress_event, Event::query_progress},
    };
    const auto it = table.find(name);
    return it == table.end() ? Event::other : it->second;
}

std::string_view leading_event_name(std::string_view line) {
    // Reading the name from the raw bytes lets unused events be skipped without parsing them.
    constexpr std::string_view prefix = "{\"Event\":\"";
    if (line.substr(0, prefix.size()) != prefix) return {};
    const auto end = line.find('"', prefix.size());
    if (end == std::string_view::npos) return {};
    return line.substr(prefix.size(), end - prefix.size());
}

namespace {

simdjson::error_code read_task_info(od::value value, std::int64_t* launch_ms, bool* failed, bool* killed) {
    od::object info;
    PA_TRY(value.get_object().get(info));
    for (auto f : info) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key == "Launch Time" && launch_ms) {
            PA_TRY(get_int(f.value(), *launch_ms));
        } else if (key == "Failed" && failed) {
            PA_TRY(f.value().get_bool().get(*failed));
        } else if (key == "Killed" && killed) {
            PA_TRY(f.value().get_bool().get(*killed));
        }
    }
    return simdjson::SUCCESS;
}

// Input Metrics: what the task read from the source; shuffle reads are under other keys and
// not counted.
simdjson::error_code read_input_metrics(od::value value, TaskEnd& task) {
    od::object input;
    PA_TRY(value.get_object().get(input));
    for (auto h : input) {
        od::raw_json_string n;
        PA_TRY(h.key().get(n));
        if (n == "Records Read") {
            PA_TRY(get_int(h.value(), task.records));
        } else if (n == "Bytes Read") {
            PA_TRY(get_int(h.value(), task.bytes));
        }
    }
    return simdjson::SUCCESS;
}

simdjson::error_code read_task_metrics(od::value value, TaskEnd& task) {
    // null when the task was lost with its executor: the task counts, its figures cannot.
    od::json_type type;
    PA_TRY(value.type().get(type));
    if (type == od::json_type::null) return simdjson::SUCCESS;
    od::object m;
    PA_TRY(value.get_object().get(m));
    task.metrics = true;
    for (auto g : m) {
        od::raw_json_string name;
        PA_TRY(g.key().get(name));
        // Executor Run Time: the task's milliseconds on its core.
        if (name == "Executor Run Time") {
            PA_TRY(get_int(g.value(), task.run_ms));
        } else if (name == "Input Metrics") {
            PA_TRY(read_input_metrics(g.value(), task));
        }
    }
    return simdjson::SUCCESS;
}

simdjson::error_code read_executor_cores(od::value value, std::int64_t& cores) {
    od::object info;
    PA_TRY(value.get_object().get(info));
    for (auto i : info) {
        od::raw_json_string name;
        PA_TRY(i.key().get(name));
        // Total Cores: the executor's task slots.
        if (name == "Total Cores") PA_TRY(get_int(i.value(), cores));
    }
    return simdjson::SUCCESS;
}

}  // namespace

}  // namespace spark_detail

using namespace spark_detail;

simdjson::error_code SparkEventLogReader::State::event(Event kind, od::document& doc,
                                                       const std::string& file) {
    od::object object;
    PA_TRY(doc.get_object().get(object));
    switch (kind) {
        case Event::log_start:
            return on_log_start(object);
        case Event::application_start:
            return on_application_start(object, file);
        case Event::application_end:
            return on_application_end(object, file);
        case Event::environment_update:
            return on_environment_update(object, file);
        case Event::executor_added:
            return on_executor_added(object, file);
        case Event::job_start:
            ++current(file).jobs;
            return simdjson::SUCCESS;
        case Event::stage_submitted:
            return on_stage_submitted(object, file);
        case Event::task_start:
            return on_task_start(object, file);
        case Event::task_end:
            return on_task_end(object, file);
        case Event::query_progress:
            return on_query_progress(object, file);
        case Event::other:
            return simdjson::SUCCESS;
    }
    return simdjson::SUCCESS;
}

simdjson::error_code SparkEventLogReader::State::on_log_start(od::object object) {
    for (auto f : object) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key == "Spark Version") PA_TRY(get_text(f.value(), pending_version));
    }
    if (have_app) app.spark_version = pending_version;
    return simdjson::SUCCESS;
}

simdjson::error_code SparkEventLogReader::State::on_application_start(od::object object,
                                                                      const std::string& file) {
    // A second ApplicationStart begins the next application: one reader may read several logs.
    if (have_app && app.start_ms) close_app();
    SparkApplication& a = current(file);
    for (auto f : object) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key == "App Name") {
            PA_TRY(get_text(f.value(), a.name));
        } else if (key == "App ID") {
            PA_TRY(get_text(f.value(), a.id));
        } else if (key == "App Attempt ID") {
            PA_TRY(get_text(f.value(), a.attempt_id));
        } else if (key == "Timestamp") {
            std::int64_t t = 0;
            PA_TRY(get_int(f.value(), t));
            a.start_ms = t;
        }
    }
    return simdjson::SUCCESS;
}

simdjson::error_code SparkEventLogReader::State::on_application_end(od::object object,
                                                                    const std::string& file) {
    for (auto f : object) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key != "Timestamp") continue;
        std::int64_t t = 0;
        PA_TRY(get_int(f.value(), t));
        current(file).end_ms = t;
    }
    return simdjson::SUCCESS;
}

simdjson::error_code SparkEventLogReader::State::on_environment_update(od::object object,
                                                                       const std::string& file) {
    for (auto f : object) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key != "Spark Properties") continue;
        od::object props;
        PA_TRY(f.value().get_object().get(props));
        for (auto p : props) {
            od::raw_json_string name;
            PA_TRY(p.key().get(name));
            // spark.master tells local mode (no ExecutorAdded) from a cluster; see close_app.
            if (name == "spark.master") PA_TRY(get_text(p.value(), current(file).master));
        }
    }
    return simdjson::SUCCESS;
}

simdjson::error_code SparkEventLogReader::State::on_executor_added(od::object object,
                                                                   const std::string& file) {
    std::string id;
    std::int64_t cores = 0;
    for (auto f : object) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key == "Executor ID") {
            PA_TRY(get_text(f.value(), id));
        } else if (key == "Executor Info") {
            PA_TRY(read_executor_cores(f.value(), cores));
        }
    }
    add_executor(id, cores, file);
    return simdjson::SUCCESS;
}

simdjson::error_code SparkEventLogReader::State::on_stage_submitted(od::object object,
                                                                    const std::string& file) {
    for (auto f : object) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key != "Stage Info") continue;
        od::object info;
        PA_TRY(f.value().get_object().get(info));
        std::int64_t id = 0, attempt = 0;
        for (auto i : info) {
            od::raw_json_string name;
            PA_TRY(i.key().get(name));
            if (name == "Stage ID") {
                PA_TRY(get_int(i.value(), id));
            } else if (name == "Stage Attempt ID") {
                PA_TRY(get_int(i.value(), attempt));
            }
        }
        submit_stage(id, attempt, file);
    }
    return simdjson::SUCCESS;
}

simdjson::error_code SparkEventLogReader::State::on_task_start(od::object object, const std::string& file) {
    for (auto f : object) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key != "Task Info") continue;
        std::int64_t launch_ms = 0;
        // Launch times from TaskStart too: the earliest task may lack a TaskEnd.
        PA_TRY(read_task_info(f.value(), &launch_ms, nullptr, nullptr));
        current(file);
        launch(launch_ms);
    }
    return simdjson::SUCCESS;
}

simdjson::error_code SparkEventLogReader::State::on_task_end(od::object object, const std::string& file) {
    TaskEnd task;
    for (auto f : object) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key == "Stage ID") {
            PA_TRY(get_int(f.value(), task.stage));
        } else if (key == "Stage Attempt ID") {
            PA_TRY(get_int(f.value(), task.attempt));
        } else if (key == "Task Info") {
            PA_TRY(read_task_info(f.value(), &task.launch_ms, &task.failed, &task.killed));
        } else if (key == "Task Metrics") {
            PA_TRY(read_task_metrics(f.value(), task));
        }
    }
    add_task(task, file);
    return simdjson::SUCCESS;
}

simdjson::error_code SparkEventLogReader::State::on_query_progress(od::object object,
                                                                   const std::string& file) {
    for (auto f : object) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key != "progress") continue;
        od::object progress;
        PA_TRY(f.value().get_object().get(progress));
        StreamingBatch batch;
        PA_TRY(read_progress(progress, batch));
        batch.file = file;
        log.batches.push_back(std::move(batch));
    }
    return simdjson::SUCCESS;
}

}  // namespace pipeadvise::ingest
