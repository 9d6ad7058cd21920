// `check --format text`: compiler-style lines (FILE:LINE:COL: severity: message [rule-id]) so
// editors and CI log viewers can jump to the key a finding is about.

#include <string>

#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"

namespace pipeadvise::render::detail {

namespace {

constexpr const char* k_bold = "\033[1m";
constexpr const char* k_dim = "\033[2m";
constexpr const char* k_red = "\033[1;31m";
constexpr const char* k_yellow = "\033[1;33m";
constexpr const char* k_cyan = "\033[1;36m";
constexpr const char* k_green = "\033[1;32m";
constexpr const char* k_reset = "\033[0m";

/// Wraps `text` in an ANSI style when colour is on.
std::string paint(const std::string& text, const char* style, bool color) {
    return color ? std::string(style) + text + k_reset : text;
}

const char* severity_style(advisor::Severity s) {
    switch (s) {
        case advisor::Severity::error:
            return k_red;
        case advisor::Severity::warning:
            return k_yellow;
        case advisor::Severity::info:
            return k_cyan;
    }
    return k_bold;
}

/// "FILE:LINE:COL" with the unknown (0) parts left out, as util::format_diagnostic does.
std::string location_text(const std::string& file, const util::Location& at) {
    std::string out = escape_terminal(file);
    if (at.line > 0) {
        out += ':' + std::to_string(at.line);
        if (at.column > 0) out += ':' + std::to_string(at.column);
    }
    return out;
}

std::string finding_line(const advisor::Finding& f, const evaluation::Evaluation& e, bool color) {
    std::string line = paint(location_text(finding_file(f, e), f.location) + ":", k_bold, color);
    line += ' ';
    line += paint(std::string(advisor::to_string(f.severity)) + ":", severity_style(f.severity), color);
    line += ' ';
    line += escape_terminal(f.message);
    line += " [" + escape_terminal(f.id);
    if (!f.use_case.empty()) line += "; use case " + escape_terminal(f.use_case);
    line += ']';
    if (f.suppressed) {
        std::string waived = "(waived";
        if (!f.suppression_reason.empty()) waived += ": " + escape_terminal(f.suppression_reason);
        waived += ')';
        line += ' ' + paint(waived, k_dim, color);
    }
    return line;
}

}  // namespace

std::string check_text(const Evaluations& evaluations, const RenderOptions& options) {
    const advisor::Severity fail_on = fail_on_threshold(options.fail_on);
    const bool color = options.color;
    std::string out;
    for (const auto& e : evaluations) {
        std::string header = escape_terminal(evaluation_file(e));
        header += " (" + escape_terminal(evaluation_workload_name(e)) + "): ";
        header += escape_terminal(recommendation_phrase(e));
        out += paint(header, k_bold, color) + '\n';
        for (const auto& f : e.advice.findings) out += finding_line(f, e, color) + '\n';
        if (e.advice.findings.empty()) out += "no findings\n";
        out += '\n';
    }
    const CheckSummary summary = summarize_check(evaluations, fail_on);
    std::string line = count_phrase(summary.counts.error, advisor::Severity::error) + ", " +
                       count_phrase(summary.counts.warning, advisor::Severity::warning) + ", " +
                       count_phrase(summary.counts.info, advisor::Severity::info) + ", " +
                       std::to_string(summary.counts.suppressed) + " suppressed in " +
                       std::to_string(summary.files) + (summary.files == 1 ? " file: " : " files: ");
    if (summary.failed) {
        line += paint("FAILED", k_red, color);
    } else {
        line += paint("passed", k_green, color);
    }
    line += " (fail-on: " + std::string(advisor::to_string(fail_on)) + ")";
    out += line + '\n';
    return out;
}

}  // namespace pipeadvise::render::detail
