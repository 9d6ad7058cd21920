// `check --format markdown`: a pull-request comment. A heading with pass/fail and counts, then
// per file the recommendation and a table of findings; waived findings sit in a collapsed
// <details> section. Every value from the workload is escaped for a table cell.

#include <algorithm>
#include <string>
#include <vector>

#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"

namespace pipeadvise::render::detail {

namespace {

std::string severity_label(advisor::Severity s) {
    switch (s) {
        case advisor::Severity::error:
            return "\xF0\x9F\x94\xB4 error";  // red circle
        case advisor::Severity::warning:
            return "\xF0\x9F\x9F\xA1 warning";  // yellow circle
        case advisor::Severity::info:
            return "\xF0\x9F\x94\xB5 info";  // blue circle
    }
    return "info";
}

/// A rule id in a code span when it is a plain identifier, else escaped text.
std::string rule_cell(const std::string& id) {
    bool plain = !id.empty();
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
        if (!ok) plain = false;
    }
    return plain ? "`" + id + "`" : escape_markdown(id);
}

std::string location_cell(const advisor::Finding& f, const evaluation::Evaluation& e) {
    std::string loc = finding_file(f, e);
    if (f.location.line > 0) {
        loc += ':' + std::to_string(f.location.line);
        if (f.location.column > 0) loc += ':' + std::to_string(f.location.column);
    }
    return escape_markdown(loc);
}

std::string message_cell(const advisor::Finding& f) {
    std::string cell = escape_markdown(f.message);
    if (!f.use_case.empty()) cell += " (use case " + escape_markdown(f.use_case) + ")";
    return cell;
}

std::string findings_table(const std::vector<const advisor::Finding*>& findings,
                           const evaluation::Evaluation& e, bool waived) {
    std::string out =
        waived ? "| Severity | Rule | Location | Message | Waiver |\n| --- | --- | --- | --- | --- |\n"
               : "| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n";
    for (const auto* f : findings) {
        out += "| " + severity_label(f->severity) + " | " + rule_cell(f->id) + " | " + location_cell(*f, e) +
               " | " + message_cell(*f) + " |";
        if (waived) out += ' ' + escape_markdown(f->suppression_reason) + " |";
        out += '\n';
    }
    return out;
}

/// "**Recommended:** `batch` (fallback `micro_batch`); **proposed:** `full_streaming`".
std::string recommendation_line(const evaluation::Evaluation& e) {
    const auto& r = e.advice.recommendation;
    std::string out = "**Recommended:** `" + std::string(model::to_string(r.architecture)) + "`";
    if (r.fallback) out += " (fallback `" + std::string(model::to_string(*r.fallback)) + "`)";
    if (e.workload != nullptr && e.workload->proposal.architecture) {
        out += "; **proposed:** `" + std::string(model::to_string(*e.workload->proposal.architecture)) + "`";
    }
    return out;
}

}  // namespace

std::string check_markdown(const Evaluations& evaluations, const RenderOptions& options) {
    const advisor::Severity fail_on = fail_on_threshold(options.fail_on);
    const CheckSummary summary = summarize_check(evaluations, fail_on);
    std::string out = summary.failed ? "# \xE2\x9D\x8C pipeadvise check failed\n\n"   // cross mark
                                     : "# \xE2\x9C\x85 pipeadvise check passed\n\n";  // check mark
    out += count_phrase(summary.counts.error, advisor::Severity::error) + ", " +
           count_phrase(summary.counts.warning, advisor::Severity::warning) + ", " +
           count_phrase(summary.counts.info, advisor::Severity::info) + ", " +
           std::to_string(summary.counts.suppressed) + " waived in " + std::to_string(summary.files) +
           (summary.files == 1 ? " file" : " files") + "; fails on `" +
           std::string(advisor::to_string(fail_on)) + "` and above.\n";
    for (const auto& e : evaluations) {
        out += "\n## " + escape_markdown(evaluation_file(e)) + " (" +
               escape_markdown(evaluation_workload_name(e)) + ")\n\n";
        out += recommendation_line(e) + "\n\n";
        if (!e.advice.recommendation.summary.empty()) {
            out += escape_markdown(e.advice.recommendation.summary) + "\n\n";
        }
        std::vector<const advisor::Finding*> active;
        std::vector<const advisor::Finding*> waived;
        for (const auto& f : e.advice.findings) (f.suppressed ? waived : active).push_back(&f);
        // Most severe first for a reviewer; location order within a severity.
        std::stable_sort(
            active.begin(), active.end(),
            [](const advisor::Finding* a, const advisor::Finding* b) { return a->severity > b->severity; });
        if (active.empty()) {
            out += "No unwaived findings.\n";
        } else {
            out += findings_table(active, e, false);
        }
        if (!waived.empty()) {
            out += "\n<details>\n<summary>" + std::to_string(waived.size()) +
                   (waived.size() == 1 ? " waived finding" : " waived findings") + "</summary>\n\n";
            out += findings_table(waived, e, true);
            out += "\n</details>\n";
        }
    }
    if (!options.version.empty()) out += "\n<sub>pipeadvise " + escape_markdown(options.version) + "</sub>\n";
    return out;
}

}  // namespace pipeadvise::render::detail
