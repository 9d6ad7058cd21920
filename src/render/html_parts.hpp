#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/render/html.hpp"

/// The sections of the report page, shared by the files that build it: html.cpp (the page,
/// its stylesheet and header), html_recommendation.cpp (the recommendation card, the use-case
/// overview and the questions), html_use_case.cpp (a use case's charts and mode table) and
/// html_sections.cpp (sensitivity, what-if and findings). Private to src/render/.
namespace pipeadvise::render::html::page {

/// Display name of an architecture for headings ("Simple streaming").
std::string architecture_name(model::Architecture a);
/// `text` escaped inside <code>.
std::string code(std::string_view text);
/// A chart in a <figure> with its caption and note; empty when the chart is.
std::string figure(const std::string& chart, const std::string& caption, const std::string& note);

/// Whether `mode` can run as configured (spec §8): false only when the use case was simulated
/// and its simulation found the mode infeasible; a mode not simulated is not judged.
bool can_run(const evaluation::UseCaseEvaluation* uc, pipeline::Mode mode);

/// The recommendation with its KPIs; `primary` makes it the page's own section, and `extra`
/// is appended inside the card.
std::string recommendation_card(const advisor::Recommendation& r, const evaluation::UseCaseEvaluation* uc,
                                const model::UseCase* use_case, const std::string& heading, bool primary,
                                const std::string& extra = {});
/// Hybrid overview: each use case's answer with the lag and cost of the mode it lands in.
std::string use_case_overview(const evaluation::Evaluation& e);
std::string questions_list(const std::vector<advisor::Question>& questions);

/// The charts of one use case (lag, cost, recovery); `prefix` keeps element ids unique.
std::string use_case_charts(const evaluation::UseCaseEvaluation& uc, const model::UseCase& use_case,
                            const advisor::Recommendation* recommendation, const std::string& prefix);

std::string sensitivity_section(const evaluation::Sensitivity& s, const std::string& use_case_name,
                                bool hybrid);
std::string whatif_section(const std::vector<evaluation::WhatifRow>& rows, const model::Workload& w);
std::string findings_section(const evaluation::Evaluation& e);

}  // namespace pipeadvise::render::html::page
