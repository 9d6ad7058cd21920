#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/questions.hpp"

/// The pieces of the five questions, shared by the files that hold them by concern:
/// questions.cpp (the branch, the configured workload and one use case's advice),
/// questions_answers.cpp (each question's answer and reason), questions_summary.cpp (the
/// headline, summary and condition) and questions_roll_up.cpp (the platform over use cases).
/// Private to src/advisor/.
namespace pipeadvise::advisor::answers {

/// "batch", "micro_batch", ...
std::string arch_name(model::Architecture a);
/// "team.kafka_experience" -> "Kafka experience".
std::string team_item_words(const std::string& path);
/// The simulated monthly cost of `mode`, when the facts have it.
std::optional<double> cost_of(const SimulatedFacts* facts, std::string_view mode);

/// Question 1; sets `trigger` in the micro-batch branch.
Question latency_question(const model::UseCase& uc, const model::Infrastructure& infra,
                          std::optional<TriggerChoice>& trigger);
/// Question 2: state, and whether it calls for watermarks and a state store.
Question state_question(const model::UseCase& uc);
/// Question 3: bounded data is batch whatever the SLA.
Question boundedness_question(const model::UseCase& uc);
/// Question 4: the team and the worst-case recovery; sets `fallback` when the team is not ready.
Question failure_question(const model::Workload& w, const model::UseCase& uc, model::Architecture arch,
                          std::optional<model::Architecture>& fallback);
/// Question 5: the simulated multiplier over batch, which it sets when known.
Question cost_question(const model::UseCase& uc, model::Architecture arch, const SimulatedFacts* facts,
                       std::optional<double>& multiplier);

/// "batch every 30m on 4 nodes: 99.6% within 1h, $312/month." (empty when not simulated).
std::string headline(const model::UseCase& uc, const Recommendation& rec, const SimulatedFacts* facts);
/// The answer at a looser SLA, for advice that rests on an unverified sub-5-minute SLA.
std::string conditional_text(const model::UseCase& uc, const SimulatedFacts* facts);
/// Two or three sentences: what and why, the fallback, the cost multiplier when known.
std::string summarise(const model::UseCase& uc, const Recommendation& rec, const model::Team& team,
                      const SimulatedFacts* facts);

}  // namespace pipeadvise::advisor::answers
