#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/model/loader.hpp"

namespace pipeadvise::evaluation {

/// One `--set KEY=V1,V2,...` dimension of a sweep.
struct SweepDimension {
    std::string key;
    std::vector<std::string> values;
};

/// One grid point: the values set (one per dimension, in dimension order).
struct GridPoint {
    std::size_t index = 0;  ///< position in the full grid (row-major, last dimension fastest)
    std::vector<model::Override> settings;
};

/// All combinations of the dimensions, in a stable row-major order.
std::vector<GridPoint> expand_grid(const std::vector<SweepDimension>& dimensions);
/// The `shard`-th (1-based) of `shards` slices of a grid; the slices partition the grid.
std::vector<GridPoint> shard_grid(const std::vector<GridPoint>& grid, std::size_t shard, std::size_t shards);

/// The outcome at one grid point (nothing run-specific: no timings, no shard index).
struct WhatifRow {
    std::vector<model::Override> settings;
    model::Architecture recommendation = model::Architecture::batch;
    std::map<pipeline::Mode, double> lag_p95_seconds;
    std::map<pipeline::Mode, double> sla_attainment;
    std::map<pipeline::Mode, double> monthly_cost_usd;
};

/// Evaluates each grid point of a workload text over `jobs` threads (results in grid order,
/// independent of `jobs`). `progress(done, total)` is called from the calling thread only.
/// Every point is loaded before any is simulated, so a bad key or value fails fast (util::Error
/// with the loader's diagnostics). With several use cases a row holds, per mode, the summed
/// monthly cost, the worst lag p95 and the lowest SLA attainment over the use cases.
/// `base_overrides` (e.g. `--seed`) apply to every point before its own settings and are not
/// reported in the rows. `jobs` 0 = all cores.
std::vector<WhatifRow> run_whatif(std::string_view workload_text, std::string_view file_name,
                                  const std::vector<GridPoint>& points, const EvaluateOptions& options,
                                  unsigned jobs,
                                  const std::function<void(std::size_t, std::size_t)>& progress = {},
                                  const std::vector<model::Override>& base_overrides = {});

/// The grid row of one evaluation (the aggregation rules of run_whatif).
WhatifRow whatif_row(const Evaluation& evaluation, const std::vector<model::Override>& settings);

/// Parses `--shard I/N` (1 <= I <= N); throws a usage error otherwise.
std::pair<std::size_t, std::size_t> parse_shard(std::string_view text);

/// Parses `--set KEY=V1,V2,...` into a dimension; throws a usage error when malformed.
SweepDimension parse_dimension(std::string_view text);

/// Parses every `--set` of a command line; a key given twice is a usage error.
std::vector<SweepDimension> parse_dimensions(const std::vector<std::string>& texts);

/// Where, along one swept dimension with the others held fixed, something changes between
/// two consecutive values.
struct BreakEven {
    enum class Kind { recommendation, cost };
    Kind kind = Kind::recommendation;
    std::string dimension;               ///< the swept key
    std::vector<model::Override> fixed;  ///< the other dimensions' values
    std::string from_value, to_value;    ///< consecutive values bracketing the change
    /// Recommendation flips: before -> after.
    model::Architecture before = model::Architecture::batch, after = model::Architecture::batch;
    /// Cost crossings: `first` was cheaper than `second` at from_value, dearer at to_value.
    pipeline::Mode first = pipeline::Mode::batch, second = pipeline::Mode::batch;
    /// Linear interpolation of the crossing, formatted like the values (numeric values only).
    std::optional<std::string> estimate;
};

/// Break-even points of a sweep: recommendation flips and cost crossings between modes,
/// per swept dimension with the others fixed. Rows missing from a shard are skipped.
std::vector<BreakEven> break_even(const std::vector<SweepDimension>& dimensions,
                                  const std::vector<WhatifRow>& rows);

}  // namespace pipeadvise::evaluation
