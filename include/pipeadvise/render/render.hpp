#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/version.hpp"

/// Renderers: one file per output format, all behind this interface. Read-only over results.
namespace pipeadvise::render {

enum class OutputFormat { text, json, markdown, sarif, junit, github, csv, table, html };

/// Parses a format name; nullopt when unknown.
std::optional<OutputFormat> parse_format(std::string_view name);
std::string_view to_string(OutputFormat f);

struct RenderOptions {
    bool color = false;             ///< ANSI colour (terminal and no NO_COLOR only)
    std::string version;            ///< pipeadvise version for headers/tool blocks
    std::string fail_on = "error";  ///< check: threshold shown in summaries
    std::string docs_url = k_docs_url;  ///< base URL of docs/ (rule links in SARIF, GitLab)
};

/// `evaluate` output for one or more files (text | json | markdown).
std::string render_evaluations(const std::vector<evaluation::Evaluation>& evaluations, OutputFormat format,
                               const RenderOptions& options);

/// `check` output for one or more files (text | json | sarif | junit | github | markdown).
std::string render_check(const std::vector<evaluation::Evaluation>& evaluations, OutputFormat format,
                         const RenderOptions& options);

/// `simulate` output for one use case (text | json | csv). JSON is spec §4's `simulation`
/// object alone, with the same keys as in `evaluate`.
std::string render_simulation(const model::UseCase& use_case, const evaluation::UseCaseEvaluation& evaluation,
                              OutputFormat format, const RenderOptions& options);

/// The `--trace` time series as CSV: mode,time_seconds,backlog_events,lag_seconds,throughput_per_second.
std::string render_trace_csv(const pipeline::SimulationResult& simulation);

}  // namespace pipeadvise::render
