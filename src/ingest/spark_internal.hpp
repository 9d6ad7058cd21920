#pragma once

// What the files of the Spark reader share; not part of the ingest layer's interface.
//   spark_json.cpp         JSON helpers: typed reads, error positions, trimming
//   spark_progress.cpp     StreamingQueryProgress objects and progress JSON files
//   spark_events.cpp       which events are read, and each event's fields
//   spark_application.cpp  the figures summed per application and stage attempt
//   spark.cpp              the reader: lines in, events dispatched, the log out

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "pipeadvise/ingest/spark.hpp"

// Returns the simdjson error from the enclosing function when `expr` fails.
#define PA_TRY(expr)                                   \
    do {                                               \
        if (auto pa_error_ = (expr)) return pa_error_; \
    } while (false)

namespace pipeadvise::ingest {

namespace od = simdjson::ondemand;

namespace spark_detail {

[[noreturn]] void fail(const std::string& file, int line, int column, const std::string& message);

// Where a reader stands, to put a parse error at its line and column.
struct Position {
    const std::string& file;
    int line;
    const char* begin;  // first byte of the line (or of the text, when `line` counts from it)
};

[[noreturn]] void json_error(const Position& at, od::document& doc, simdjson::error_code error,
                             std::string_view what);

// Reads an integer that Spark may write as a JSON number (or, in a few old fields, a string).
simdjson::error_code get_int(od::value value, std::int64_t& out);
// null reads as absent and keeps the default, as in get_int.
simdjson::error_code get_text(od::value value, std::string& out);
std::string_view trim(std::string_view s);

// A StreamingQueryProgress object: the same JSON inside an event log's progress event and in
// the query's own progress output (parse_streaming_progress).
simdjson::error_code read_progress(od::object progress, StreamingBatch& batch);

enum class Event {
    log_start,
    application_start,
    application_end,
    environment_update,
    executor_added,
    job_start,
    stage_submitted,
    task_start,
    task_end,
    query_progress,
    other
};

Event classify(std::string_view name);
// The event name when the line starts as Spark writes every event, `{"Event":"Name"`.
std::string_view leading_event_name(std::string_view line);

// One SparkListenerTaskEnd, as the application and stage totals need it.
struct TaskEnd {
    std::int64_t stage = 0, attempt = 0, launch_ms = 0, run_ms = 0, records = 0, bytes = 0;
    bool failed = false, killed = false;
    bool metrics = false;  // false when the task was lost with its executor
};

}  // namespace spark_detail

struct SparkEventLogReader::State {
    od::parser parser;
    SparkLog log;
    bool have_app = false;
    SparkApplication app;
    std::string pending_version;  // LogStart precedes ApplicationStart
    std::unordered_map<std::string, std::int64_t> executor_cores;
    // Keyed by (stage id, attempt): a retried stage keeps the id, each attempt its own totals.
    std::map<std::pair<int, int>, SparkStage> stages;
    // Every submitted stage attempt, also those without any TaskEnd in the log.
    std::set<std::pair<int, int>> submitted;
    // Earliest task launch: where the application's start-up ends (see fit_spark).
    std::int64_t first_launch = 0;
    bool have_launch = false;

    // The sums (spark_application.cpp).
    void close_app();
    SparkApplication& current(const std::string& file);
    void launch(std::int64_t ms);
    void add_executor(const std::string& id, std::int64_t cores, const std::string& file);
    void submit_stage(std::int64_t id, std::int64_t attempt, const std::string& file);
    void add_task(const spark_detail::TaskEnd& task, const std::string& file);

    // The events (spark_events.cpp).
    simdjson::error_code event(spark_detail::Event kind, od::document& doc, const std::string& file);
    simdjson::error_code on_log_start(od::object object);
    simdjson::error_code on_application_start(od::object object, const std::string& file);
    simdjson::error_code on_application_end(od::object object, const std::string& file);
    simdjson::error_code on_environment_update(od::object object, const std::string& file);
    simdjson::error_code on_executor_added(od::object object, const std::string& file);
    simdjson::error_code on_stage_submitted(od::object object, const std::string& file);
    simdjson::error_code on_task_start(od::object object, const std::string& file);
    simdjson::error_code on_task_end(od::object object, const std::string& file);
    simdjson::error_code on_query_progress(od::object object, const std::string& file);
};

}  // namespace pipeadvise::ingest
