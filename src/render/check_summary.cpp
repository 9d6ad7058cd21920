#include "pipeadvise/render/check_summary.hpp"

#include <map>

#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::render {

std::optional<advisor::Severity> parse_severity(std::string_view name) {
    if (name == "error") return advisor::Severity::error;
    if (name == "warning") return advisor::Severity::warning;
    if (name == "info") return advisor::Severity::info;
    return std::nullopt;
}

advisor::Severity fail_on_threshold(std::string_view name) {
    if (auto s = parse_severity(name)) return *s;
    throw util::Error(util::Error::Kind::internal, "invalid fail-on threshold '" + std::string(name) + "'");
}

bool fails_check(const advisor::Finding& finding, advisor::Severity fail_on) {
    return !finding.suppressed && finding.severity >= fail_on;
}

FindingCounts count_findings(const std::vector<advisor::Finding>& findings) {
    FindingCounts counts;
    for (const auto& f : findings) {
        if (f.suppressed) {
            ++counts.suppressed;
            continue;
        }
        switch (f.severity) {
            case advisor::Severity::error:
                ++counts.error;
                break;
            case advisor::Severity::warning:
                ++counts.warning;
                break;
            case advisor::Severity::info:
                ++counts.info;
                break;
        }
    }
    return counts;
}

CheckSummary summarize_check(const std::vector<evaluation::Evaluation>& evaluations,
                             advisor::Severity fail_on) {
    CheckSummary summary;
    summary.fail_on = fail_on;
    summary.files = static_cast<int>(evaluations.size());
    for (const auto& e : evaluations) {
        const FindingCounts c = count_findings(e.advice.findings);
        summary.counts.error += c.error;
        summary.counts.warning += c.warning;
        summary.counts.info += c.info;
        summary.counts.suppressed += c.suppressed;
        for (const auto& f : e.advice.findings) {
            if (fails_check(f, fail_on)) summary.failed = true;
        }
    }
    return summary;
}

std::string evaluation_file(const evaluation::Evaluation& evaluation) {
    return evaluation.workload != nullptr ? evaluation.workload->file : std::string();
}

std::string evaluation_workload_name(const evaluation::Evaluation& evaluation) {
    return evaluation.workload != nullptr ? evaluation.workload->name : std::string();
}

std::string finding_file(const advisor::Finding& finding, const evaluation::Evaluation& evaluation) {
    return finding.location.file.empty() ? evaluation_file(evaluation) : finding.location.file;
}

std::string recommendation_phrase(const evaluation::Evaluation& evaluation) {
    const auto& r = evaluation.advice.recommendation;
    std::string out = "recommended " + std::string(model::to_string(r.architecture));
    if (r.fallback) out += " (fallback " + std::string(model::to_string(*r.fallback)) + ")";
    if (evaluation.workload != nullptr && evaluation.workload->proposal.architecture) {
        out += "; proposed " + std::string(model::to_string(*evaluation.workload->proposal.architecture));
    }
    return out;
}

std::string count_phrase(int count, advisor::Severity severity) {
    std::string out = std::to_string(count) + " ";
    switch (severity) {
        case advisor::Severity::error:
            out += count == 1 ? "error" : "errors";
            break;
        case advisor::Severity::warning:
            out += count == 1 ? "warning" : "warnings";
            break;
        case advisor::Severity::info:
            out += "info";
            break;
    }
    return out;
}

std::vector<std::string> finding_fingerprints(const std::vector<evaluation::Evaluation>& evaluations) {
    std::vector<std::string> out;
    // The same rule, file, path and use case can occur twice; the occurrence number keeps the
    // fingerprints distinct and, since findings come sorted, stable. The line is left out so
    // a comment added above a key does not make its finding new.
    std::map<std::string, int> occurrences;
    for (const auto& e : evaluations) {
        for (const auto& f : e.advice.findings) {
            const std::string uri = path_to_uri(finding_file(f, e));
            std::string identity = f.id;
            for (const std::string* part : {&uri, &f.path, &f.use_case}) {
                identity += '\0';
                identity += *part;
            }
            const int n = occurrences[identity]++;
            if (n > 0) identity += '\0' + std::to_string(n);
            out.push_back(to_hex(fnv1a_64(identity)));
        }
    }
    return out;
}

std::string rule_help_uri(std::string_view docs_url, std::string_view rule_id) {
    std::string base(docs_url);
    if (!base.empty() && base.back() != '/') base += '/';
    return base + "findings.md#" + std::string(rule_id);
}

}  // namespace pipeadvise::render
