#pragma once

// Private to src/pipeline: the caps that keep a simulation bounded whatever the inputs, checked
// when the plan is made, each reported at the key that causes it.

#include <initializer_list>
#include <string>

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/simulate.hpp"

namespace pipeadvise::pipeline::plan_limits {

/// An input error at the key that caused it: the first of `keys` the file states (or a
/// command-line argument set), else the nearest section of the first key the file has, else
/// FILE:1:1. Caps are checked here, after loading, but still point at a line.
[[noreturn]] void fail_at(const model::Workload& w, std::initializer_list<std::string> keys,
                          const std::string& message);

/// Dotted prefix of a use case's own keys ("" or "use_cases[2].").
std::string prefix_of(const model::UseCase& use_case);

/// A number in messages: three significant digits.
std::string number(double v);

/// Batch or micro-batch runs one replication may simulate.
void check_runs_per_replication(const Plan& p, const model::Workload& workload, const std::string& uc,
                                const SimulateOptions& options);
/// Grouping: the entities per replication and mode stay under the budget whatever the volume.
void plan_grouping(Plan& p, const model::Workload& workload, const std::string& uc,
                   const SimulateOptions& options);
/// Memory caps of a per-event run: late events pending, one run's events, open windows.
void check_memory(const Plan& p, const model::Workload& workload, const std::string& uc,
                  const SimulateOptions& options);
/// Failures one replication expects, on the cluster the mode holds.
void check_failure_count(const Plan& p, const model::Workload& workload);

}  // namespace pipeadvise::pipeline::plan_limits
