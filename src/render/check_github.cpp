// `check --format github`: GitHub Actions workflow commands, one annotation per unsuppressed
// finding (`::error`, `::warning`, `::notice` for info). Waived findings are not annotated;
// the closing summary line counts them. Every value is escaped, so text from the workload
// file can neither end a command early nor start a new one.

#include <string>

#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"

namespace pipeadvise::render::detail {

namespace {

const char* command_for(advisor::Severity s) {
    switch (s) {
        case advisor::Severity::error:
            return "error";
        case advisor::Severity::warning:
            return "warning";
        case advisor::Severity::info:
            return "notice";
    }
    return "notice";
}

std::string annotation(const advisor::Finding& f, const evaluation::Evaluation& e) {
    std::string properties;
    const auto add = [&](const char* key, const std::string& value) {
        if (!properties.empty()) properties += ',';
        properties += key;
        properties += '=';
        properties += value;
    };
    const std::string file = normalise_path(finding_file(f, e));
    if (!file.empty()) add("file", escape_github_property(file));
    if (f.location.line > 0) {
        add("line", std::to_string(f.location.line));
        if (f.location.column > 0) add("col", std::to_string(f.location.column));
    }
    const advisor::Rule* rule = advisor::find_rule(f.id);
    const std::string title =
        rule != nullptr && !rule->title.empty() ? rule->title + " (" + f.id + ")" : f.id;
    add("title", escape_github_property(title));
    std::string message = f.message;
    if (!f.use_case.empty()) message += " [use case " + f.use_case + "]";
    return std::string("::") + command_for(f.severity) + ' ' + properties +
           "::" + escape_github_data(message);
}

}  // namespace

std::string check_github(const Evaluations& evaluations, const RenderOptions& options) {
    const advisor::Severity fail_on = fail_on_threshold(options.fail_on);
    std::string out;
    for (const auto& e : evaluations) {
        for (const auto& f : e.advice.findings) {
            if (!f.suppressed) out += annotation(f, e) + '\n';
        }
    }
    const CheckSummary summary = summarize_check(evaluations, fail_on);
    out += "pipeadvise check: " + count_phrase(summary.counts.error, advisor::Severity::error) + ", " +
           count_phrase(summary.counts.warning, advisor::Severity::warning) + ", " +
           count_phrase(summary.counts.info, advisor::Severity::info) + ", " +
           std::to_string(summary.counts.suppressed) + " suppressed (not annotated) in " +
           std::to_string(summary.files) + (summary.files == 1 ? " file: " : " files: ") +
           (summary.failed ? "FAILED" : "passed") + " (fail-on: " + std::string(advisor::to_string(fail_on)) +
           ")\n";
    return out;
}

}  // namespace pipeadvise::render::detail
