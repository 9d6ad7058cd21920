#pragma once

#include <string>
#include <vector>

#include "pipeadvise/render/render.hpp"

/// Per-format entry points behind render.hpp (one .cpp file per format and product).
namespace pipeadvise::render::detail {

using Evaluations = std::vector<evaluation::Evaluation>;

std::string evaluation_text(const Evaluations& e, const RenderOptions& o);
std::string evaluation_json(const Evaluations& e, const RenderOptions& o);
std::string evaluation_markdown(const Evaluations& e, const RenderOptions& o);

/// The SIMULATION / MONTHLY COST / DRILLS sections of the text output for one use case.
std::string simulation_text(const model::UseCase& use_case, const evaluation::UseCaseEvaluation& ev,
                            bool color);

std::string check_text(const Evaluations& e, const RenderOptions& o);
std::string check_json(const Evaluations& e, const RenderOptions& o);
std::string check_sarif(const Evaluations& e, const RenderOptions& o);
std::string check_junit(const Evaluations& e, const RenderOptions& o);
std::string check_github(const Evaluations& e, const RenderOptions& o);
std::string check_markdown(const Evaluations& e, const RenderOptions& o);

}  // namespace pipeadvise::render::detail
