#pragma once

#include <string>
#include <vector>

#include "pipeadvise/render/render.hpp"

/// Per-format entry points behind render.hpp (one .cpp file per format and product). Each is
/// one row of a product table in render.cpp; call them through render.hpp.
namespace pipeadvise::render::detail {

using Evaluations = std::vector<evaluation::Evaluation>;

std::string evaluation_text(const Evaluations& e, const RenderOptions& o);
std::string evaluation_json(const Evaluations& e, const RenderOptions& o);
std::string evaluation_markdown(const Evaluations& e, const RenderOptions& o);

/// The SIMULATION / MONTHLY COST / DRILLS sections of the text output for one use case.
std::string simulation_text(const model::UseCase& use_case, const evaluation::UseCaseEvaluation& ev,
                            bool color);
/// `simulate --format json`: spec §4's `simulation` object alone.
std::string simulation_json(const model::UseCase& use_case, const evaluation::UseCaseEvaluation& ev,
                            const RenderOptions& o);
/// `simulate --format csv`: a header and one row per mode.
std::string simulation_csv(const model::UseCase& use_case, const evaluation::UseCaseEvaluation& ev,
                           const RenderOptions& o);

std::string check_text(const Evaluations& e, const RenderOptions& o);
std::string check_json(const Evaluations& e, const RenderOptions& o);
std::string check_sarif(const Evaluations& e, const RenderOptions& o);
std::string check_junit(const Evaluations& e, const RenderOptions& o);
std::string check_github(const Evaluations& e, const RenderOptions& o);
std::string check_markdown(const Evaluations& e, const RenderOptions& o);
std::string check_gitlab(const Evaluations& e, const RenderOptions& o);

using Dimensions = std::vector<evaluation::SweepDimension>;
using WhatifRows = std::vector<evaluation::WhatifRow>;
std::string whatif_table(const Dimensions& dimensions, const WhatifRows& rows, const RenderOptions& o);
std::string whatif_markdown(const Dimensions& dimensions, const WhatifRows& rows, const RenderOptions& o);
std::string whatif_csv(const Dimensions& dimensions, const WhatifRows& rows, const RenderOptions& o);
/// JSON Lines: one `whatif_json_line` per row.
std::string whatif_json(const Dimensions& dimensions, const WhatifRows& rows, const RenderOptions& o);

/// The `report` page (render/html.cpp).
std::string report_html(const ReportInput& input, const RenderOptions& o);

/// The rule catalogue: one line per rule (id, severity in `check`, title).
std::string rules_text(const std::vector<advisor::Rule>& rules, const RenderOptions& options);
/// The rule catalogue as a JSON array (id, severity, title, help, help_uri).
std::string rules_json(const std::vector<advisor::Rule>& rules, const RenderOptions& options);
/// The rule catalogue as Markdown, one `### \`id\`` section per rule.
std::string rules_markdown(const std::vector<advisor::Rule>& rules, const RenderOptions& options);

}  // namespace pipeadvise::render::detail
