#pragma once

// Hand-built evaluations for the `check` renderer tests and the format-validation driver:
// no loader, no simulation, just workloads and findings.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "pipeadvise/advisor/advisor.hpp"
#include "pipeadvise/evaluation/evaluation.hpp"

namespace pipeadvise::test {

/// Evaluations plus the workloads they point to (kept at stable addresses).
struct CheckFixture {
    std::vector<std::unique_ptr<model::Workload>> workloads;
    std::vector<evaluation::Evaluation> evaluations;

    evaluation::Evaluation& add(std::string file, std::string name) {
        auto w = std::make_unique<model::Workload>();
        w->file = std::move(file);
        w->name = std::move(name);
        evaluation::Evaluation e;
        e.workload = w.get();
        workloads.push_back(std::move(w));
        evaluations.push_back(std::move(e));
        return evaluations.back();
    }
};

inline advisor::Finding make_finding(std::string id, advisor::Severity severity, std::string message,
                                     std::string file, int line, int column, std::string path = "") {
    advisor::Finding f;
    f.id = std::move(id);
    f.severity = severity;
    f.message = std::move(message);
    f.location = util::Location{std::move(file), line, column};
    f.path = std::move(path);
    return f;
}

inline advisor::Finding waived(advisor::Finding f, std::string reason) {
    f.suppressed = true;
    f.suppression_reason = std::move(reason);
    return f;
}

/// The id of the i-th catalogue rule (the tests do not depend on which rules exist).
inline std::string rule_id(std::size_t i) {
    const auto& rules = advisor::rules();
    return i < rules.size() ? rules[i].id : "rule-" + std::to_string(i);
}

/// Two files: `proposals/stream.yaml` with one unsuppressed error, warning and info and one
/// waived error (recommended micro_batch, proposed full_streaming), and `batch.yaml` with no
/// findings (recommended batch).
inline CheckFixture sample_fixture() {
    using advisor::Severity;
    CheckFixture fx;
    auto& a = fx.add("proposals/stream.yaml", "card-fraud-velocity");
    fx.workloads[0]->proposal.present = true;
    fx.workloads[0]->proposal.architecture = model::Architecture::full_streaming;
    a.advice.recommendation.architecture = model::Architecture::micro_batch;
    a.advice.recommendation.summary = "A 2-minute trigger fits the 5m SLA.";
    a.advice.recommendation.cost_multiplier_vs_batch = 2.5;
    a.advice.findings.push_back(make_finding(rule_id(0), Severity::error, "proposal says full_streaming",
                                             "proposals/stream.yaml", 40, 17, "proposal.architecture"));
    a.advice.findings.push_back(make_finding(rule_id(1), Severity::warning,
                                             "watermark 10m is shorter than p99 2h", "proposals/stream.yaml",
                                             42, 14, "proposal.watermark"));
    a.advice.findings.push_back(make_finding(rule_id(2), Severity::info, "team.on_call is not stated",
                                             "proposals/stream.yaml", 20, 1, "team"));
    a.advice.findings.push_back(
        waived(make_finding(rule_id(3), Severity::error, "retention 1d is too short", "proposals/stream.yaml",
                            30, 14, "infrastructure.retention"),
               "accepted by the platform team"));
    auto& b = fx.add("batch.yaml", "nightly-finance");
    b.advice.recommendation.architecture = model::Architecture::batch;
    b.advice.recommendation.summary = "Within the hour is batch.";
    return fx;
}

/// Text that tries to break every format: markup, quotes, workflow-command syntax,
/// percent escapes, table pipes, newlines, terminal escapes, C0/C1 controls, a bidi
/// override, XML-forbidden noncharacters and bytes that are not UTF-8.
inline const std::string k_hostile =
    "</testsuite></testsuites><script>alert(1)</script> ]]> & \"double\" 'single' | pipe | "
    "::error file=x.yaml,line=1::injected %0A %25 `tick` *bold* [link](http://example.invalid) @everyone\n"
    "pipeadvise.yaml:1:1: error: forged line\r\n\x1b[31mred\x1b[0m \x01\x08\x7f \xc2\x85 \xe2\x80\xae"
    "reversed \xef\xbf\xbe \xff\xfe \xc0\xaf \xed\xa0\x80 end";

/// One file whose name, workload name, messages, paths, use case and waiver reasons are all
/// hostile; one hostile rule id the catalogue does not know.
inline CheckFixture hostile_fixture() {
    using advisor::Severity;
    CheckFixture fx;
    const std::string file = "dir with space/we,ird:na%me#1.yaml";
    auto& e = fx.add(file, k_hostile);
    e.advice.recommendation.architecture = model::Architecture::hybrid;
    e.advice.recommendation.fallback = model::Architecture::micro_batch;
    e.advice.recommendation.summary = k_hostile;
    auto f1 = make_finding(rule_id(0), Severity::error, k_hostile, file, 3, 5, k_hostile);
    f1.use_case = k_hostile;
    e.advice.findings.push_back(f1);
    e.advice.findings.push_back(
        make_finding(rule_id(1), Severity::warning, k_hostile, file, 7, 1, "latency.sla"));
    e.advice.findings.push_back(
        waived(make_finding(rule_id(2), Severity::info, k_hostile, file, 9, 3, "team"), k_hostile));
    e.advice.findings.push_back(
        make_finding("bad</testcase>\"id\n::x", Severity::error, k_hostile, file, 0, 0));
    return fx;
}

}  // namespace pipeadvise::test
