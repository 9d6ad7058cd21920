#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/advisor/finding.hpp"
#include "pipeadvise/cost/calibrate.hpp"
#include "pipeadvise/evaluation/diff.hpp"
#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/evaluation/sensitivity.hpp"
#include "pipeadvise/evaluation/whatif.hpp"

/// Renderers: one file per output format and product, every one reached through this
/// interface. Read-only over results.
///
/// Which formats a product offers is written once, in the product tables of render.cpp
/// (one row per format: the format and the function that renders it). `formats()` reads
/// them, the CLI validates `--format` against it, and the `render_*` entry points dispatch
/// through the same rows, so a format is available exactly where it has a renderer.
namespace pipeadvise::render {

enum class OutputFormat { text, json, markdown, sarif, junit, github, csv, table, html, gitlab };

/// Parses a format name; nullopt when unknown.
std::optional<OutputFormat> parse_format(std::string_view name);
std::string_view to_string(OutputFormat f);

/// What a subcommand renders. Each product has its own set of formats.
enum class Product { evaluation, check, simulation, whatif, diff, calibration, report, rules };

/// "evaluate", "check", "simulate", "whatif", "diff", "calibrate", "report": the subcommand
/// that renders the product (used in messages).
std::string_view to_string(Product p);

/// The formats `product` can be rendered in, its default first.
std::span<const OutputFormat> formats(Product product);

/// The names of `formats(product)`, default first (for `--format` validation and help).
std::vector<std::string> format_names(Product product);

/// True when `product` has a renderer for `format`.
bool supports(Product product, OutputFormat format);

struct RenderOptions {
    bool color = false;             ///< ANSI colour (terminal and no NO_COLOR only)
    std::string version;            ///< pipeadvise version for headers/tool blocks
    std::string fail_on = "error";  ///< check: threshold shown in summaries
    std::string docs_url;  ///< base URL of docs/ for rule links (SARIF helpUri, GitLab); cli/ sets it
};

/// What the `report` page is made of. Pure data: the page is a function of these values only.
struct ReportInput {
    const evaluation::Evaluation* evaluation = nullptr;  ///< required; its workload too
    /// Tornado and flip points; when absent, the evaluation's own `sensitivity` (if any) is shown.
    std::optional<evaluation::Sensitivity> sensitivity;
    std::vector<evaluation::WhatifRow> whatif;  ///< empty without --set
    std::string version;                        ///< pipeadvise version shown in the header
};

// Every entry point throws a usage util::Error when `format` is not one of the product's
// formats.

/// `evaluate` output for one or more files.
std::string render_evaluations(const std::vector<evaluation::Evaluation>& evaluations, OutputFormat format,
                               const RenderOptions& options);

/// `check` output for one or more files.
std::string render_check(const std::vector<evaluation::Evaluation>& evaluations, OutputFormat format,
                         const RenderOptions& options);

/// `simulate` output for one use case. JSON is spec §4's `simulation` object alone, with the
/// same keys as in `evaluate`.
std::string render_simulation(const model::UseCase& use_case, const evaluation::UseCaseEvaluation& evaluation,
                              OutputFormat format, const RenderOptions& options);

/// The `--trace` time series as CSV: mode,time_seconds,backlog_events,lag_seconds,throughput_per_second.
std::string render_trace_csv(const pipeline::SimulationResult& simulation);

/// `whatif` output (json = JSON Lines, one object per grid point). Table and Markdown end
/// with the break-even lines of the rows given.
std::string render_whatif(const std::vector<evaluation::SweepDimension>& dimensions,
                          const std::vector<evaluation::WhatifRow>& rows, OutputFormat format,
                          const RenderOptions& options);

/// `diff` output.
std::string render_diff(const evaluation::Diff& diff, OutputFormat format, const RenderOptions& options);

/// `calibrate` output (text | json, spec §10) for every input read.
std::string render_calibration(const cost::CalibrationReport& report, OutputFormat format,
                               const RenderOptions& options);

/// `report` output: one self-contained HTML page (inline CSS and SVG, no scripts, no network
/// references). Every string from the workload is escaped.
std::string render_report(const ReportInput& input, OutputFormat format, const RenderOptions& options);
/// The rule catalogue (`pipeadvise rules`) in `format`.
std::string render_rules(const std::vector<advisor::Rule>& rules, OutputFormat format,
                         const RenderOptions& options);

}  // namespace pipeadvise::render
