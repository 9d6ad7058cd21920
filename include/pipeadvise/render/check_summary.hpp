#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/advisor/finding.hpp"
#include "pipeadvise/evaluation/evaluation.hpp"

/// What every `check` format reports at the end, and what decides the exit code: one place,
/// so the summaries and the exit status never disagree.
namespace pipeadvise::render {

/// Parses a `--fail-on` threshold: "error" | "warning" | "info"; nullopt otherwise.
std::optional<advisor::Severity> parse_severity(std::string_view name);

/// The threshold in RenderOptions::fail_on; throws util::Error (internal) when it is not one
/// of the three names (the CLI validates it before rendering).
advisor::Severity fail_on_threshold(std::string_view name);

/// Counts of findings: unsuppressed ones by severity, and the suppressed (waived) ones.
struct FindingCounts {
    int error = 0;
    int warning = 0;
    int info = 0;
    int suppressed = 0;  ///< waived findings, whatever their severity
};

/// The outcome of a `check` run over one or more files.
struct CheckSummary {
    FindingCounts counts;
    advisor::Severity fail_on = advisor::Severity::error;
    int files = 0;
    /// An unsuppressed finding is at or above `fail_on` (exit code 1).
    bool failed = false;
};

/// True when `finding` makes the check fail: not suppressed and at or above `fail_on`.
bool fails_check(const advisor::Finding& finding, advisor::Severity fail_on);

/// Counts the findings of one file.
FindingCounts count_findings(const std::vector<advisor::Finding>& findings);

/// Counts every file's findings and decides pass/fail against `fail_on`.
CheckSummary summarize_check(const std::vector<evaluation::Evaluation>& evaluations,
                             advisor::Severity fail_on);

/// The file a finding is about: its location's file, else the workload's file.
std::string finding_file(const advisor::Finding& finding, const evaluation::Evaluation& evaluation);

/// The workload file of an evaluation ("" when the evaluation has no workload).
std::string evaluation_file(const evaluation::Evaluation& evaluation);

/// The workload name of an evaluation ("" when the evaluation has no workload).
std::string evaluation_workload_name(const evaluation::Evaluation& evaluation);

/// "recommended full_streaming (fallback micro_batch); proposed batch" — plain text, unescaped;
/// the proposal part only when the file states `proposal.architecture`.
std::string recommendation_phrase(const evaluation::Evaluation& evaluation);

/// Stable identities of every finding of a run, in order (evaluations, then findings): the
/// 64-bit FNV-1a of rule id, file URI, key path and use case joined by NUL (plus NUL and n for
/// the n-th repeat), as 16 hex digits. SARIF's partialFingerprints and GitLab's fingerprint.
std::vector<std::string> finding_fingerprints(const std::vector<evaluation::Evaluation>& evaluations);

/// Where a rule is documented: its section of docs/findings.md under `docs_url` (the
/// documentation's base URL, see RenderOptions::docs_url), e.g. ".../findings.md#watermark-too-short".
std::string rule_help_uri(std::string_view docs_url, std::string_view rule_id);

/// "1 error", "2 warnings", "0 info" — a count with its severity noun.
std::string count_phrase(int count, advisor::Severity severity);

}  // namespace pipeadvise::render
