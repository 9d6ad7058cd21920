#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/ingest/flink.hpp"
#include "pipeadvise/ingest/kafka.hpp"
#include "pipeadvise/ingest/spark.hpp"

/// `pipeadvise calibrate`: fits `node_throughput` and `job_startup` (and optionally a cost
/// line) to observed job runs by linear least squares.
namespace pipeadvise::cost {

/// One observed run (a row of RUNS.csv).
struct RunObservation {
    double events = 0;               ///< events the run processed
    double nodes = 0;                ///< nodes it ran on
    double duration_seconds = 0;     ///< wall-clock run time, seconds
    std::optional<double> cost_usd;  ///< what the run cost, USD (optional column)
    int line = 0;                    ///< 1-based line in the CSV
};

/// Columns of RUNS.csv: a header line is required; `events`, `nodes` and
/// `duration_seconds` are required, `cost_usd` optional (cells may be empty); any order.
/// Lines starting with '#' and blank lines are skipped.
inline constexpr std::string_view k_runs_required_columns[] = {"events", "nodes", "duration_seconds"};
inline constexpr std::string_view k_runs_optional_columns[] = {"cost_usd"};

/// Parses RUNS.csv text. Throws util::Error (kind input) listing every problem as
/// FILE:LINE:COL diagnostics.
std::vector<RunObservation> parse_runs_csv(std::string_view text, std::string_view file_name);

/// A fitted parameter; standard error absent when there are no residual degrees of freedom.
struct Estimate {
    double value = 0;
    std::optional<double> standard_error;
};

/// A straight-line fit `y = intercept + slope * x` and its quality.
struct LineFit {
    std::size_t rows = 0;
    bool identified = false;  ///< false: x does not vary, intercept and slope not separable
    Estimate intercept, slope;
    std::optional<double> r_squared;  ///< absent when y does not vary
    double residual_max = 0;          ///< largest |residual|, in y units
    double residual_rms = 0;          ///< root mean square residual, in y units
    std::vector<double> residuals;    ///< per row, observed minus fitted, in row order
};

/// Outcome of a calibration.
struct Calibration {
    /// duration_seconds = job_startup + (events / nodes) / node_throughput.
    LineFit duration;
    std::optional<Estimate> job_startup_seconds;  ///< seconds (the intercept)
    std::optional<Estimate> node_throughput;      ///< events/s per node (1/slope; delta-method SE)
    /// cost_usd = fixed + per_event * events, fitted on the rows that have a cost.
    std::optional<LineFit> cost;
    /// cost_usd = fixed + node_hour_usd * nodes * duration_hours, on the rows with a cost.
    std::optional<LineFit> node_hours_cost;
    std::optional<Estimate> node_hour_usd;  ///< the slope of node_hours_cost, when positive
    std::vector<std::string> warnings;      ///< why some parameter cannot be trusted or identified
};

/// Fits the duration model (and the cost line when costs are present).
Calibration calibrate(const std::vector<RunObservation>& runs);

/// The `infrastructure:` YAML snippet to paste (only identified, positive parameters).
std::string infrastructure_snippet(const Calibration& calibration);

/// A mean with its standard error (absent with fewer than 2 values) and range.
struct Sample {
    std::size_t count = 0;
    double mean = 0, min = 0, max = 0;
    std::optional<double> standard_error;
};

/// One input read, as `calibrate` reports it.
struct Source {
    std::string file;
    std::string kind;   ///< ingest::to_string(InputKind)
    std::string codec;  ///< "plain", "lz4", "snappy", "zstd"
    std::int64_t lines = 0;
    std::uint64_t bytes = 0;  ///< decoded bytes read
};

/// Everything the readers produced, handed to the fits (no JSON, no text).
struct CalibrationInput {
    std::vector<Source> sources;
    std::vector<RunObservation> runs;
    std::vector<ingest::SparkApplication> applications;
    std::vector<ingest::StreamingBatch> batches;
    std::vector<ingest::FlinkCheckpoints> flink;
    std::vector<ingest::KafkaConsumerGroups> kafka;
    std::map<std::string, std::int64_t> skipped_events;
    /// The workload's mean event rate (events/s), to turn Kafka lag into time.
    std::optional<double> volume_per_second;
};

/// node_throughput from Spark: the executor run time of stages that read input against
/// their input records, a line through the origin (run_ms = records / rate per core).
struct SparkFit {
    std::size_t stages = 0;  ///< stage attempts with input records used
    std::optional<Estimate> records_per_core_second;
    std::optional<double> cores_per_executor;  ///< mean over applications with known cores
    std::optional<Estimate> node_throughput;   ///< per executor (one executor = one node)
    std::optional<double> r_squared;
    Sample first_task_seconds;  ///< application start -> first task launch
};

/// Structured Streaming: triggerExecution = overhead + rows / rate (least squares).
struct StreamingFit {
    std::size_t batches = 0;
    LineFit trigger;                                 ///< seconds against input rows
    std::optional<Estimate> overhead_seconds;        ///< the intercept
    std::optional<Estimate> rows_per_second;         ///< 1 / slope (delta-method s.e.)
    std::optional<double> rows_per_second_per_core;  ///< when the query's cores are known
    std::optional<double> cores;
    std::optional<Sample> empty_batch_seconds;     ///< triggers that read no rows
    Sample non_data_seconds;                       ///< triggerExecution - addBatch, per trigger
    std::int64_t state_rows = 0, state_bytes = 0;  ///< largest over the triggers
    bool has_state = false;
};

/// Flink checkpoints: duration and size of the completed ones in the history.
struct FlinkFit {
    std::string file;
    std::int64_t completed = 0, failed = 0, restored = 0;
    Sample duration_seconds;
    Sample state_bytes;
    std::optional<std::int64_t> latest_state_bytes;
};

/// Kafka lag per group and topic (partitions with "-" lag are counted, not summed).
struct KafkaLag {
    std::string group, topic;
    std::int64_t partitions = 0, partitions_unknown = 0, lag = 0;
    bool active = true;  ///< false: the group has no active members
};

struct KafkaFit {
    std::vector<KafkaLag> lags;
    std::int64_t total_lag = 0;
    std::optional<double> lag_seconds;  ///< total_lag / volume_per_second
};

/// The outcome of `calibrate` over every input.
struct CalibrationReport {
    std::vector<Source> sources;
    std::vector<ingest::SparkApplication> applications;
    std::map<std::string, std::int64_t> skipped_events;
    std::optional<Calibration> runs;  ///< the CSV fit, when a runs CSV was given
    SparkFit spark;
    std::optional<StreamingFit> streaming;
    std::vector<FlinkFit> flink;
    std::optional<KafkaFit> kafka;
    /// The values chosen for the workload (event logs first, then the runs CSV).
    std::optional<Estimate> node_throughput, job_startup_seconds, micro_batch_overhead_seconds, node_hour_usd;
    std::optional<double> r_squared;  ///< of the fit node_throughput came from
    std::vector<std::string> warnings;
};

CalibrationReport calibrate(const CalibrationInput& input);

/// The `infrastructure:` values to paste, as YAML scalars by key, in key order.
std::vector<std::pair<std::string, std::string>> infrastructure_values(const CalibrationReport& report);
/// The paste-ready block ("" when nothing was fitted).
std::string infrastructure_snippet(const CalibrationReport& report);

/// `--apply`: the workload text with `values` written under `infrastructure:` (existing keys
/// changed in place, keeping their comments; missing ones added after the section's last
/// key; the section appended when absent), and a unified diff of the change.
struct AppliedEdit {
    std::string text;
    std::string diff;
};
AppliedEdit apply_infrastructure(std::string_view workload_text, std::string_view file_name,
                                 const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace pipeadvise::cost
