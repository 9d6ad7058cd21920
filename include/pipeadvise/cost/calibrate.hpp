#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    std::vector<std::string> warnings;  ///< why some parameter cannot be trusted or identified
};

/// Fits the duration model (and the cost line when costs are present).
Calibration calibrate(const std::vector<RunObservation>& runs);

/// The `infrastructure:` YAML snippet to paste (only identified, positive parameters).
std::string infrastructure_snippet(const Calibration& calibration);

}  // namespace pipeadvise::cost
