#pragma once

#include <optional>

#include "pipeadvise/advisor/advisor.hpp"

/// The five questions (spec §1) for one use case, and the platform roll-up over use cases.
namespace pipeadvise::advisor {

/// Where question 1 puts a use case, before boundedness overrides it.
enum class LatencyBranch { streaming, micro_batch, batch };

/// The branch of an SLA: < 60 s streaming, 60 s..5 min micro-batch, > 5 min batch.
LatencyBranch latency_branch(util::Duration sla);

/// The architecture the five questions give one use case (team maturity never changes it).
model::Architecture recommended_architecture(const model::UseCase& use_case);

/// Team items (kafka_experience, on_call, recovery_runbook) stated false, as dotted paths.
std::vector<std::string> team_gaps(const model::Team& team);
/// Team items not stated at all, as dotted paths.
std::vector<std::string> team_unknowns(const model::Team& team);

/// Answers the five questions for one use case; `facts` (simulated numbers) may be null.
UseCaseAdvice advise_use_case(const model::Workload& workload, const model::UseCase& use_case,
                              const SimulatedFacts* facts);

/// The platform recommendation and roll-up questions over per-use-case advice: the single use
/// case's answer, `hybrid` when some use cases are continuous and others batch, else the most
/// capable architecture among them. `facts` holds per-use-case simulated numbers (may be empty).
void roll_up(const model::Workload& workload, const std::vector<SimulatedFacts>& facts, Advice& advice,
             const std::optional<AdviceOptions::PlatformFacts>& platform = std::nullopt);

/// Order of how much machinery an architecture runs: batch 0 < micro_batch < simple_streaming
/// < full_streaming < hybrid 4.
int machinery(model::Architecture a);

}  // namespace pipeadvise::advisor
