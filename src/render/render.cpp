#include "pipeadvise/render/render.hpp"

#include <array>
#include <utility>

#include "pipeadvise/render/formats.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::render {

namespace {
constexpr std::array<std::pair<OutputFormat, std::string_view>, 9> k_names{{
    {OutputFormat::text, "text"},
    {OutputFormat::json, "json"},
    {OutputFormat::markdown, "markdown"},
    {OutputFormat::sarif, "sarif"},
    {OutputFormat::junit, "junit"},
    {OutputFormat::github, "github"},
    {OutputFormat::csv, "csv"},
    {OutputFormat::table, "table"},
    {OutputFormat::html, "html"},
}};

[[noreturn]] void unsupported(OutputFormat f, const char* what) {
    throw util::Error(util::Error::Kind::usage,
                      std::string("format '") + std::string(to_string(f)) + "' is not available for " + what);
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

std::string render_evaluations(const std::vector<evaluation::Evaluation>& evaluations, OutputFormat format,
                               const RenderOptions& options) {
    switch (format) {
        case OutputFormat::text:
            return detail::evaluation_text(evaluations, options);
        case OutputFormat::json:
            return detail::evaluation_json(evaluations, options);
        case OutputFormat::markdown:
            return detail::evaluation_markdown(evaluations, options);
        default:
            unsupported(format, "evaluate");
    }
}

std::string render_check(const std::vector<evaluation::Evaluation>& evaluations, OutputFormat format,
                         const RenderOptions& options) {
    switch (format) {
        case OutputFormat::text:
            return detail::check_text(evaluations, options);
        case OutputFormat::json:
            return detail::check_json(evaluations, options);
        case OutputFormat::sarif:
            return detail::check_sarif(evaluations, options);
        case OutputFormat::junit:
            return detail::check_junit(evaluations, options);
        case OutputFormat::github:
            return detail::check_github(evaluations, options);
        case OutputFormat::markdown:
            return detail::check_markdown(evaluations, options);
        default:
            unsupported(format, "check");
    }
}

}  // namespace pipeadvise::render
