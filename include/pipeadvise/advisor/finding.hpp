#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::advisor {

enum class Severity { info, warning, error };

/// "info" | "warning" | "error".
std::string_view to_string(Severity s);

/// A rule of the checklist/pitfall catalogue (stable id, used for SARIF `rules`).
struct Rule {
    std::string id;           ///< stable, kebab-case, e.g. "watermark-too-short"
    Severity check_severity;  ///< severity in `check` (spec §1 table)
    std::string title;        ///< one line
    std::string help;         ///< what to change and why (a few sentences)
};

/// Every rule the advisor can emit, in a stable order.
const std::vector<Rule>& rules();
/// The rule with this id, or nullptr.
const Rule* find_rule(std::string_view id);

/// One checklist item or pitfall found in a workload.
struct Finding {
    std::string id;  ///< a Rule id
    Severity severity = Severity::info;
    std::string message;             ///< says what is wrong and what to change, citing values
    util::Location location;         ///< the key it is about, or its parent when the key is missing
    std::string path;                ///< dotted path of that key, e.g. "proposal.watermark"
    std::string use_case;            ///< use case name when the finding is about one, else empty
    bool suppressed = false;         ///< waived by proposal.waivers (still listed)
    std::string suppression_reason;  ///< the waiver's reason
};

}  // namespace pipeadvise::advisor
