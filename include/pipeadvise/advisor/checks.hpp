#pragma once

#include <vector>

#include "pipeadvise/advisor/advisor.hpp"

/// The production checklist and pitfalls (spec §1) as findings, and the waivers that
/// suppress them.
namespace pipeadvise::advisor {

/// The architecture the checks judge a use case by: the proposal's when it names one (a
/// hybrid proposal runs each use case in the layer its own answer picks), else the
/// recommendation's.
model::Architecture judged_architecture(const model::Workload& workload, const UseCaseAdvice& use_case);

/// Every checklist and pitfall finding of the workload, with the severity of `context`
/// (`check`: the rule's severity; `evaluate`: capped at warning), before waivers.
std::vector<Finding> find_issues(const model::Workload& workload, const Advice& advice,
                                 const AdviceOptions& options);

/// Applies `proposal.waivers`: a finding whose id has a waiver expiring on or after
/// `options.today` is suppressed (and kept); an expired waiver adds `waiver-expired`, an id
/// that names no rule adds `waiver-unknown-id` with a "did you mean", and an active waiver
/// that matches nothing adds `waiver-unused`. Waiver findings cannot themselves be waived.
void apply_waivers(const model::Workload& workload, const AdviceOptions& options,
                   std::vector<Finding>& findings);

/// Sorts findings by location (line, column), then id, use case, path and message.
void sort_findings(std::vector<Finding>& findings);

}  // namespace pipeadvise::advisor
