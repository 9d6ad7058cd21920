// `check --format junit`: one <testsuite> per file, one <testcase> per catalogue rule per file
// (classname = file, name = rule id), so CI test reports show every rule that was checked.
//
// A rule's testcase:
// - fails (<failure type=SEVERITY>) when one of its findings is unsuppressed and at or above
//   --fail-on; the body lists every finding of the rule in that file;
// - passes with a <system-out> listing the findings when they are all below --fail-on (or a
//   mix of those and waived ones), so they stay visible without failing the report;
// - is skipped (<skipped message="waived: REASON"/>) when all its findings are waived;
// - passes, empty, when the rule found nothing.
// Every testcase carries `file`, and `line` when a finding of the rule has one.

#include <map>
#include <string>
#include <vector>

#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"

namespace pipeadvise::render::detail {

namespace {

std::string attr(const std::string& text) {
    return escape_xml(text, true);
}

/// "FILE:LINE:COL: severity: message" plus the use case and the waiver, one finding per line.
std::string finding_line(const advisor::Finding& f, const evaluation::Evaluation& e,
                         advisor::Severity fail_on) {
    util::Location at = f.location;
    at.file = finding_file(f, e);
    const std::string level(advisor::to_string(f.severity));
    std::string line = util::format_diagnostic(util::Diagnostic{at, f.message}, level.c_str());
    if (!f.use_case.empty()) line += " [use case " + f.use_case + "]";
    if (f.suppressed) {
        line += " (waived: " + f.suppression_reason + ")";
    } else if (f.severity < fail_on) {
        line += " (below --fail-on " + std::string(advisor::to_string(fail_on)) + ")";
    }
    return line;
}

struct Testcase {
    std::string xml;
    bool failed = false;
    bool skipped = false;
};

Testcase rule_testcase(const std::string& rule_id, const std::vector<const advisor::Finding*>& findings,
                       const evaluation::Evaluation& e, const std::string& file, advisor::Severity fail_on) {
    Testcase tc;
    const advisor::Finding* first_failing = nullptr;
    advisor::Severity worst = advisor::Severity::info;
    int failing = 0;
    bool all_suppressed = !findings.empty();
    std::string body;
    std::vector<std::string> reasons;
    for (const auto* f : findings) {
        body += finding_line(*f, e, fail_on) + '\n';
        if (fails_check(*f, fail_on)) {
            if (first_failing == nullptr) first_failing = f;
            if (f->severity > worst) worst = f->severity;
            ++failing;
        }
        if (f->suppressed) {
            reasons.push_back(f->suppression_reason);
        } else {
            all_suppressed = false;
        }
    }
    // `file` and `line` (the first failing finding's, else the first finding's) are the
    // attributes GitLab, Jenkins and pytest-style readers use to link a case to its source.
    const advisor::Finding* anchor = first_failing != nullptr ? first_failing
                                     : findings.empty()       ? nullptr
                                                              : findings.front();
    tc.xml = "    <testcase classname=\"" + attr(file) + "\" name=\"" + attr(rule_id) + "\" file=\"" +
             attr(anchor != nullptr ? finding_file(*anchor, e) : file) + "\"";
    if (anchor != nullptr && anchor->location.line > 0) {
        tc.xml += " line=\"" + std::to_string(anchor->location.line) + "\"";
    }
    if (findings.empty()) {
        tc.xml += "/>\n";
        return tc;
    }
    tc.xml += ">\n";
    if (first_failing != nullptr) {
        tc.failed = true;
        std::string message = first_failing->message;
        if (failing > 1) message += " (and " + std::to_string(failing - 1) + " more)";
        tc.xml += "      <failure type=\"" + attr(std::string(advisor::to_string(worst))) + "\" message=\"" +
                  attr(message) + "\">" + escape_xml(body, false) + "</failure>\n";
    } else if (all_suppressed) {
        tc.skipped = true;
        std::string message = "waived:";
        for (std::size_t i = 0; i < reasons.size(); ++i) message += (i == 0 ? " " : "; ") + reasons[i];
        tc.xml += "      <skipped message=\"" + attr(message) + "\"/>\n";
    } else {
        tc.xml += "      <system-out>" + escape_xml(body, false) + "</system-out>\n";
    }
    tc.xml += "    </testcase>\n";
    return tc;
}

}  // namespace

std::string check_junit(const Evaluations& evaluations, const RenderOptions& options) {
    const advisor::Severity fail_on = fail_on_threshold(options.fail_on);
    const auto& catalogue = advisor::rules();
    std::string suites;
    int total_tests = 0;
    int total_failures = 0;
    int total_skipped = 0;
    for (const auto& e : evaluations) {
        const std::string file = evaluation_file(e);
        // Catalogue order first, then any id the catalogue does not know, in order of appearance.
        std::vector<std::string> order;
        std::map<std::string, std::vector<const advisor::Finding*>> by_rule;
        for (const auto& rule : catalogue) {
            order.push_back(rule.id);
            by_rule[rule.id];
        }
        for (const auto& f : e.advice.findings) {
            auto [it, inserted] = by_rule.try_emplace(f.id);
            if (inserted) order.push_back(f.id);
            it->second.push_back(&f);
        }
        std::string cases;
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        for (const auto& id : order) {
            const Testcase tc = rule_testcase(id, by_rule[id], e, file, fail_on);
            cases += tc.xml;
            ++tests;
            failures += tc.failed ? 1 : 0;
            skipped += tc.skipped ? 1 : 0;
        }
        suites += "  <testsuite name=\"" + attr(file) + "\" tests=\"" + std::to_string(tests) +
                  "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"" +
                  std::to_string(skipped) + "\">\n";
        suites += "    <properties>\n";
        suites += "      <property name=\"workload\" value=\"" + attr(evaluation_workload_name(e)) + "\"/>\n";
        suites +=
            "      <property name=\"recommendation\" value=\"" + attr(recommendation_phrase(e)) + "\"/>\n";
        suites += "      <property name=\"fail_on\" value=\"" +
                  attr(std::string(advisor::to_string(fail_on))) + "\"/>\n";
        suites += "    </properties>\n";
        suites += cases;
        suites += "  </testsuite>\n";
        total_tests += tests;
        total_failures += failures;
        total_skipped += skipped;
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites name=\"pipeadvise check\" tests=\"" + std::to_string(total_tests) + "\" failures=\"" +
           std::to_string(total_failures) + "\" errors=\"0\" skipped=\"" + std::to_string(total_skipped) +
           "\">\n";
    out += suites;
    out += "</testsuites>\n";
    return out;
}

}  // namespace pipeadvise::render::detail
