// The rule catalogue (`pipeadvise rules`): every finding id with its severity in `check`, its
// one-line title and the link to its section of docs/findings.md. The Markdown form is
// docs/findings.md's "Rule reference" itself (a test keeps the two equal).

#include <algorithm>
#include <nlohmann/json.hpp>

#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"

namespace pipeadvise::render::detail {

std::string rules_text(const std::vector<advisor::Rule>& rules, const RenderOptions&) {
    std::size_t width = 0;
    for (const auto& r : rules) width = std::max(width, r.id.size());
    std::string out;
    for (const auto& r : rules) {
        const std::string severity(advisor::to_string(r.check_severity));
        out += r.id + std::string(width + 2 - r.id.size(), ' ') + severity +
               std::string(9 - severity.size(), ' ') + r.title + '\n';
    }
    return out;
}

std::string rules_json(const std::vector<advisor::Rule>& rules, const RenderOptions& options) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : rules) {
        out.push_back({{"id", r.id},
                       {"severity", advisor::to_string(r.check_severity)},
                       {"title", r.title},
                       {"help", r.help},
                       {"help_uri", rule_help_uri(options.docs_url, r.id)}});
    }
    return out.dump(2) + '\n';
}

/// One `### \`id\`` section per rule: GitHub's anchor for it is the id itself.
std::string rules_markdown(const std::vector<advisor::Rule>& rules, const RenderOptions&) {
    std::string out;
    for (const auto& r : rules) {
        out += "### `" + r.id + "`\n\n";
        out += "**" + escape_markdown(r.title) + "** (" + std::string(advisor::to_string(r.check_severity)) +
               " in `check`)\n\n";
        out += escape_markdown(r.help) + "\n\n";
    }
    if (!out.empty()) out.pop_back();
    return out;
}

}  // namespace pipeadvise::render::detail
