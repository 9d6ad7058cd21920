#include "pipeadvise/render/render.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "pipeadvise/render/formats.hpp"
#include "pipeadvise/render/html.hpp"
#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::render {

namespace {
constexpr std::array<std::pair<OutputFormat, std::string_view>, 10> k_names{{
    {OutputFormat::text, "text"},
    {OutputFormat::json, "json"},
    {OutputFormat::markdown, "markdown"},
    {OutputFormat::sarif, "sarif"},
    {OutputFormat::junit, "junit"},
    {OutputFormat::github, "github"},
    {OutputFormat::csv, "csv"},
    {OutputFormat::table, "table"},
    {OutputFormat::html, "html"},
    {OutputFormat::gitlab, "gitlab"},
}};

constexpr std::array<std::pair<Product, std::string_view>, 8> k_products{{
    {Product::evaluation, "evaluate"},
    {Product::check, "check"},
    {Product::simulation, "simulate"},
    {Product::whatif, "whatif"},
    {Product::diff, "diff"},
    {Product::calibration, "calibrate"},
    {Product::report, "report"},
    {Product::rules, "rules"},
}};

using detail::Evaluations;
using Dimensions = std::vector<evaluation::SweepDimension>;
using Rows = std::vector<evaluation::WhatifRow>;

// The product -> formats table: one row per format a product offers, its default first.
// A row is the whole of a format's registration: formats(), the CLI's --format check and its
// help, and the dispatch below all read these rows.
template <class Render>
struct Row {
    OutputFormat format;
    Render* render;
};

using EvaluationsRender = std::string(const Evaluations&, const RenderOptions&);
constexpr Row<EvaluationsRender> k_evaluation[] = {
    {OutputFormat::text, detail::evaluation_text},
    {OutputFormat::json, detail::evaluation_json},
    {OutputFormat::markdown, detail::evaluation_markdown},
};

constexpr Row<EvaluationsRender> k_check[] = {
    {OutputFormat::text, detail::check_text},     {OutputFormat::json, detail::check_json},
    {OutputFormat::sarif, detail::check_sarif},   {OutputFormat::junit, detail::check_junit},
    {OutputFormat::github, detail::check_github}, {OutputFormat::markdown, detail::check_markdown},
    {OutputFormat::gitlab, detail::check_gitlab},
};

using SimulationRender = std::string(const model::UseCase&, const evaluation::UseCaseEvaluation&,
                                     const RenderOptions&);
constexpr Row<SimulationRender> k_simulation[] = {
    {OutputFormat::text,
     [](const model::UseCase& use_case, const evaluation::UseCaseEvaluation& ev, const RenderOptions& o) {
         return detail::simulation_text(use_case, ev, o.color);
     }},
    {OutputFormat::json, detail::simulation_json},
    {OutputFormat::csv, detail::simulation_csv},
};

using WhatifRender = std::string(const Dimensions&, const Rows&, const RenderOptions&);
constexpr Row<WhatifRender> k_whatif[] = {
    {OutputFormat::table, detail::whatif_table},
    {OutputFormat::csv, detail::whatif_csv},
    {OutputFormat::json, detail::whatif_json},
    {OutputFormat::markdown, detail::whatif_markdown},
};

using DiffRender = std::string(const evaluation::Diff&, const RenderOptions&);
constexpr Row<DiffRender> k_diff[] = {
    {OutputFormat::text, detail::diff_text},
    {OutputFormat::json, detail::diff_json},
    {OutputFormat::markdown, detail::diff_markdown},
};

using CalibrationRender = std::string(const cost::CalibrationReport&, const RenderOptions&);
constexpr Row<CalibrationRender> k_calibration[] = {
    {OutputFormat::text,
     [](const cost::CalibrationReport& r, const RenderOptions&) { return detail::calibration_text(r); }},
    {OutputFormat::json,
     [](const cost::CalibrationReport& r, const RenderOptions&) { return detail::calibration_json(r); }},
};

using ReportRender = std::string(const ReportInput&, const RenderOptions&);
constexpr Row<ReportRender> k_report[] = {
    {OutputFormat::html, detail::report_html},
};

using RulesRender = std::string(const std::vector<advisor::Rule>&, const RenderOptions&);
constexpr Row<RulesRender> k_rules[] = {
    {OutputFormat::text, detail::rules_text},
    {OutputFormat::json, detail::rules_json},
    {OutputFormat::markdown, detail::rules_markdown},
};

// The formats of each table, in table order, so formats() can hand out a span.
template <class Render, std::size_t N>
constexpr std::array<OutputFormat, N> formats_of(const Row<Render> (&rows)[N]) {
    std::array<OutputFormat, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = rows[i].format;
    return out;
}
constexpr auto k_evaluation_formats = formats_of(k_evaluation);
constexpr auto k_check_formats = formats_of(k_check);
constexpr auto k_simulation_formats = formats_of(k_simulation);
constexpr auto k_whatif_formats = formats_of(k_whatif);
constexpr auto k_diff_formats = formats_of(k_diff);
constexpr auto k_calibration_formats = formats_of(k_calibration);
constexpr auto k_report_formats = formats_of(k_report);
constexpr auto k_rules_formats = formats_of(k_rules);

template <class Render, std::size_t N>
Render* find(const Row<Render> (&rows)[N], Product product, OutputFormat format) {
    for (const auto& row : rows) {
        if (row.format == format) return row.render;
    }
    throw util::Error(util::Error::Kind::usage, "format '" + std::string(to_string(format)) +
                                                    "' is not available for " +
                                                    std::string(to_string(product)));
}
}  // namespace

std::optional<OutputFormat> parse_format(std::string_view name) {
    for (const auto& [f, n] : k_names) {
        if (n == name) return f;
    }
    return std::nullopt;
}

std::string_view to_string(OutputFormat f) {
    for (const auto& [format, n] : k_names) {
        if (format == f) return n;
    }
    return "text";
}

std::string_view to_string(Product p) {
    for (const auto& [product, n] : k_products) {
        if (product == p) return n;
    }
    return "evaluate";
}

std::span<const OutputFormat> formats(Product product) {
    switch (product) {
        case Product::evaluation:
            return k_evaluation_formats;
        case Product::check:
            return k_check_formats;
        case Product::simulation:
            return k_simulation_formats;
        case Product::whatif:
            return k_whatif_formats;
        case Product::diff:
            return k_diff_formats;
        case Product::calibration:
            return k_calibration_formats;
        case Product::report:
            return k_report_formats;
        case Product::rules:
            return k_rules_formats;
    }
    return {};
}

std::vector<std::string> format_names(Product product) {
    std::vector<std::string> out;
    for (OutputFormat f : formats(product)) out.emplace_back(to_string(f));
    return out;
}

bool supports(Product product, OutputFormat format) {
    const auto all = formats(product);
    return std::find(all.begin(), all.end(), format) != all.end();
}

std::string render_evaluations(const Evaluations& evaluations, OutputFormat format,
                               const RenderOptions& options) {
    return find(k_evaluation, Product::evaluation, format)(evaluations, options);
}

std::string render_check(const Evaluations& evaluations, OutputFormat format, const RenderOptions& options) {
    return find(k_check, Product::check, format)(evaluations, options);
}

std::string render_simulation(const model::UseCase& use_case, const evaluation::UseCaseEvaluation& evaluation,
                              OutputFormat format, const RenderOptions& options) {
    const auto render = find(k_simulation, Product::simulation, format);
    if (!evaluation.simulation) throw util::Error(util::Error::Kind::internal, "no simulation to render");
    return render(use_case, evaluation, options);
}

std::string render_whatif(const Dimensions& dimensions, const Rows& rows, OutputFormat format,
                          const RenderOptions& options) {
    return find(k_whatif, Product::whatif, format)(dimensions, rows, options);
}

std::string render_diff(const evaluation::Diff& diff, OutputFormat format, const RenderOptions& options) {
    return find(k_diff, Product::diff, format)(diff, options);
}

std::string render_calibration(const cost::CalibrationReport& report, OutputFormat format,
                               const RenderOptions& options) {
    return find(k_calibration, Product::calibration, format)(report, options);
}

std::string render_report(const ReportInput& input, OutputFormat format, const RenderOptions& options) {
    return find(k_report, Product::report, format)(input, options);
}

std::string render_rules(const std::vector<advisor::Rule>& rules, OutputFormat format,
                         const RenderOptions& options) {
    return find(k_rules, Product::rules, format)(rules, options);
}

}  // namespace pipeadvise::render
