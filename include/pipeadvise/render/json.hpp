#pragma once

#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "pipeadvise/advisor/advisor.hpp"
#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/evaluation/sensitivity.hpp"
#include "pipeadvise/pipeline/result.hpp"
#include "pipeadvise/util/diagnostic.hpp"

/// JSON serialisation of result types (spec §4 keys), shared by every JSON-speaking format.
namespace pipeadvise::render::json {

/// Rounds to 6 significant digits so output is stable and readable (0 stays 0).
double round6(double x);

nlohmann::json to_json(const util::Location& location);
nlohmann::json to_json(const advisor::Finding& finding);
nlohmann::json to_json(const advisor::Recommendation& recommendation);
nlohmann::json to_json(const advisor::Question& question);
nlohmann::json to_json(const pipeline::DrillResult& drill);
/// One mode: lag_seconds, sla_attainment, recovery_seconds, late_events_dropped_fraction,
/// events_lost, cost (when given), drills (when any).
nlohmann::json to_json(const pipeline::ModeResult& mode, const evaluation::ModeCost* cost);
/// The `simulation` object of spec §4 (costs may be empty: then no `cost` keys).
nlohmann::json to_json(const pipeline::SimulationResult& simulation,
                       const std::map<pipeline::Mode, evaluation::ModeCost>& costs);
nlohmann::json to_json(const evaluation::Sensitivity& sensitivity);
/// The whole `evaluate` object of spec §4 for one file.
nlohmann::json to_json(const evaluation::Evaluation& evaluation, const std::string& version);

}  // namespace pipeadvise::render::json
