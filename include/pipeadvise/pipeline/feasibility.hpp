#pragma once

#include "pipeadvise/model/sizing.hpp"
#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/result.hpp"

/// Which cluster each mode runs on, and whether it can run at all (spec §8).
namespace pipeadvise::pipeline {

/// The node count of `mode` (model/sizing.hpp): stated, or sized for the mode's load.
model::NodeSizing mode_nodes(const model::Workload& workload, const model::UseCase& use_case, Mode mode);

/// Marks `result` infeasible, with the reason and the fix, when the mode cannot run as
/// configured: an in-memory state store that runs out of memory on every restart, arrivals
/// above what the cluster sustains (the backlog never catches up), or no run completing
/// within the horizon.
void judge_feasibility(const Plan& plan, const model::Workload& workload, const model::UseCase& use_case,
                       ModeResult& result);

}  // namespace pipeadvise::pipeline
