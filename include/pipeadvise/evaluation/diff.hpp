#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeadvise/advisor/finding.hpp"
#include "pipeadvise/cost/cost.hpp"
#include "pipeadvise/evaluation/evaluation.hpp"

/// `pipeadvise diff OLD NEW`: what changes between two evaluated files, as infracost compares
/// plans — cost per mode and part, lag, recommendation, findings added and removed.
namespace pipeadvise::evaluation {

/// A figure before and after.
struct Change {
    std::optional<double> before, after;  ///< absent when that side did not simulate the mode
    /// after - before (absent unless both sides are known).
    std::optional<double> delta() const;
    /// Relative change in percent (absent when before is 0 or unknown).
    std::optional<double> percent() const;
};

/// One simulated mode, summed over use cases (cost) or the worst over use cases (lag).
struct ModeDiff {
    pipeline::Mode mode = pipeline::Mode::batch;
    Change compute, infrastructure, storage, engineering, total;  ///< USD/month
    Change lag_p95, lag_p99;                                      ///< seconds
};

/// Everything that changed between two evaluations.
struct Diff {
    std::string old_file, new_file;
    std::string old_workload, new_workload;
    model::Architecture old_architecture = model::Architecture::batch;
    model::Architecture new_architecture = model::Architecture::batch;
    /// Monthly cost of the recommended architecture (each use case in its recommended mode),
    /// USD/month; absent when not simulated.
    Change recommended_monthly_usd;
    std::vector<ModeDiff> modes;  ///< modes simulated on either side, in mode order
    /// Findings matched by id + path + use case: in NEW only / in OLD only (suppressed ones
    /// included, flagged as such).
    std::vector<advisor::Finding> findings_added, findings_removed;
    bool recommendation_changed() const { return old_architecture != new_architecture; }
};

/// The simulated mode an architecture runs in (hybrid has none of its own: nullopt).
std::optional<pipeline::Mode> mode_of(model::Architecture architecture);

/// Compares two evaluations (OLD first).
Diff diff(const Evaluation& before, const Evaluation& after);

}  // namespace pipeadvise::evaluation
