// `check --format gitlab`: a GitLab Code Quality report (the Code Climate subset GitLab reads,
// `artifacts: reports: codequality`): a JSON array with one entry per unwaived finding.
// GitLab has no notion of a suppressed entry, so waived findings are left out (the exit code
// and the other formats still count them). Severities map as ESLint's and Spectral's GitLab
// formatters do: error -> major, warning -> minor, info -> info.

#include <string>

#include <nlohmann/json.hpp>

#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"

namespace pipeadvise::render::detail {

namespace {

using Json = nlohmann::ordered_json;

std::string gitlab_severity(advisor::Severity s) {
    switch (s) {
        case advisor::Severity::error:
            return "major";
        case advisor::Severity::warning:
            return "minor";
        case advisor::Severity::info:
            return "info";
    }
    return "info";
}

}  // namespace

std::string check_gitlab(const Evaluations& evaluations, const RenderOptions& options) {
    const std::vector<std::string> fingerprints = finding_fingerprints(evaluations);
    std::size_t n = 0;
    Json report = Json::array();
    for (const auto& e : evaluations) {
        for (const auto& f : e.advice.findings) {
            const std::string& fingerprint = fingerprints[n++];
            if (f.suppressed) continue;
            Json entry;
            entry["type"] = "issue";
            entry["check_name"] = f.id;
            std::string description = f.message;
            if (!f.use_case.empty()) description += " (use case " + f.use_case + ")";
            entry["description"] = description;
            if (const advisor::Rule* rule = advisor::find_rule(f.id)) {
                entry["content"] =
                    Json{{"body", rule->help + "\n\nSee " + rule_help_uri(options.docs_url, f.id)}};
            }
            entry["categories"] = Json::array({"Bug Risk"});
            entry["fingerprint"] = fingerprint;
            entry["severity"] = gitlab_severity(f.severity);
            // GitLab links the entry to the changed line; a path as given on the command line
            // (run from the repository root) is relative to it. Line 1 when the line is unknown.
            entry["location"] = Json{{"path", normalise_path(finding_file(f, e))},
                                     {"lines", Json{{"begin", f.location.line > 0 ? f.location.line : 1}}}};
            report.push_back(std::move(entry));
        }
    }
    // sanitize_utf8: noncharacters become U+FFFD as in every other format.
    return sanitize_utf8(report.dump(2, ' ', false, Json::error_handler_t::replace)) + '\n';
}

}  // namespace pipeadvise::render::detail
