#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/ingest/stream.hpp"

/// Apache Spark's event log (JSON lines, one SparkListenerEvent per line, as the History
/// Server replays it) and Structured Streaming progress records, turned into plain structs.
namespace pipeadvise::ingest {

/// One stage attempt's totals over its TaskEnd events.
struct SparkStage {
    int stage_id = 0;
    int attempt = 0;
    std::int64_t tasks = 0;
    std::int64_t records_read = 0;
    std::int64_t executor_run_ms = 0;
};

/// One application, with the figures the History Server shows for it.
struct SparkApplication {
    std::string id;             ///< "App ID" (empty in logs older than Spark 1.2)
    std::string attempt_id;     ///< "App Attempt ID" (cluster mode on YARN), else empty
    std::string name;           ///< "App Name"
    std::string spark_version;  ///< SparkListenerLogStart "Spark Version" ("" before Spark 1.3)
    std::string master;         ///< "spark.master" from the environment update, if logged
    std::optional<std::int64_t> start_ms, end_ms;  ///< ApplicationStart / ApplicationEnd timestamps
    /// Executors added (SparkListenerExecutorAdded, by id). In local mode none is added and
    /// the driver runs the tasks: it is then counted as the one executor, with the N of
    /// `local[N]` as its cores.
    std::int64_t executors = 0;
    std::int64_t executor_cores = 0;  ///< sum of "Total Cores" of the executors counted
    bool local_mode = false;
    std::int64_t jobs = 0;    ///< SparkListenerJobStart events
    std::int64_t stages = 0;  ///< stage attempts submitted
    std::int64_t tasks = 0;   ///< every SparkListenerTaskEnd, failed and killed ones included
    std::int64_t failed_tasks = 0;
    std::int64_t tasks_without_metrics = 0;            ///< lost with their executor: no "Task Metrics"
    std::int64_t records_read = 0;                     ///< sum of the tasks' "Input Metrics" "Records Read"
    std::int64_t bytes_read = 0;                       ///< sum of the tasks' "Input Metrics" "Bytes Read"
    std::int64_t executor_run_ms = 0;                  ///< sum of the tasks' "Executor Run Time"
    std::optional<std::int64_t> first_task_launch_ms;  ///< earliest task "Launch Time"
    std::vector<SparkStage> stage_totals;              ///< per stage attempt that ran tasks
    std::string file;                                  ///< where it was read
};

/// One Structured Streaming trigger (a StreamingQueryProgress).
struct StreamingBatch {
    std::string query_id, run_id, name, timestamp;
    std::int64_t batch_id = 0;
    std::int64_t input_rows = 0;               ///< numInputRows
    std::int64_t trigger_execution_ms = 0;     ///< durationMs.triggerExecution
    std::optional<std::int64_t> add_batch_ms;  ///< durationMs.addBatch (the data work)
    std::int64_t state_rows = 0;               ///< sum of stateOperators[].numRowsTotal
    std::int64_t state_bytes = 0;              ///< sum of stateOperators[].memoryUsedBytes
    bool has_state = false;
    std::string file;
    int line = 0;
};

/// What a Spark event log (or a rolling log's parts, fed in order) held.
struct SparkLog {
    std::vector<SparkApplication> applications;
    std::vector<StreamingBatch> batches;
    std::map<std::string, std::int64_t> skipped_events;  ///< unknown or unused event types, by name
    std::int64_t lines = 0;
    std::uint64_t bytes = 0;
};

/// Streams event-log lines into a SparkLog. Lines of unknown event types are skipped, as
/// the History Server skips them; a malformed or truncated line is an error
/// `FILE:LINE:COL: error: ...` (util::Error, input).
class SparkEventLogReader {
public:
    SparkEventLogReader();
    ~SparkEventLogReader();
    SparkEventLogReader(const SparkEventLogReader&) = delete;
    SparkEventLogReader& operator=(const SparkEventLogReader&) = delete;

    /// Reads every line of `lines` (one file, or one part of a rolling log).
    void read(LineReader& lines);
    /// Reads one line; k_line_padding bytes after it must be readable.
    void read_line(std::string_view line, const std::string& file, int line_number);
    /// The applications and batches read so far (an application without an end event is
    /// kept with end_ms unset, as the History Server lists it as incomplete).
    SparkLog finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// Reads StreamingQueryProgress JSON as Spark prints it (`query.lastProgress`,
/// `recentProgress`): one object, an array of objects, or several objects one after the
/// other. Throws util::Error (input) naming the line of a malformed document.
std::vector<StreamingBatch> parse_streaming_progress(std::string_view text, const std::string& file);

}  // namespace pipeadvise::ingest
