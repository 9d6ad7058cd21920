// `pipeadvise rules`: the catalogue of finding ids, each with its severity in `check`, its
// one-line title and the link to its section of docs/findings.md. `--format markdown` writes
// that section itself (docs/findings.md's "Rule reference" is this output, and a test keeps
// the two equal).

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "pipeadvise/advisor/finding.hpp"
#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/text_util.hpp"
#include "pipeadvise/util/spelling.hpp"
#include "pipeadvise/version.hpp"

namespace pipeadvise::cli {

namespace {

struct RulesOptions {
    std::string format = "text";
    std::optional<std::string> output;
};

std::string rules_text(const std::vector<advisor::Rule>& rules) {
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

std::string rules_json(const std::vector<advisor::Rule>& rules, const std::string& docs_url) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : rules) {
        out.push_back({{"id", r.id},
                       {"severity", advisor::to_string(r.check_severity)},
                       {"title", r.title},
                       {"help", r.help},
                       {"help_uri", render::rule_help_uri(docs_url, r.id)}});
    }
    return out.dump(2) + '\n';
}

/// One `### \`id\`` section per rule: GitHub's anchor for it is the id itself.
std::string rules_markdown(const std::vector<advisor::Rule>& rules) {
    std::string out;
    for (const auto& r : rules) {
        out += "### `" + r.id + "`\n\n";
        out += "**" + render::escape_markdown(r.title) + "** (" +
               std::string(advisor::to_string(r.check_severity)) + " in `check`)\n\n";
        out += render::escape_markdown(r.help) + "\n\n";
    }
    if (!out.empty()) out.pop_back();
    return out;
}

int run_rules(const RulesOptions& options) {
    const auto& rules = advisor::rules();
    // The catalogue is not a product of render/: its three formats are checked here.
    if (options.format != "text" && options.format != "json" && options.format != "markdown") {
        std::string message = "unknown --format '" + options.format + "'";
        if (auto guess = util::did_you_mean(options.format, {"text", "json", "markdown"})) {
            message += "; did you mean '" + *guess + "'?";
        }
        throw util::Error(util::Error::Kind::usage, message + " (one of: text json markdown)");
    }
    const render::OutputFormat format = *render::parse_format(options.format);
    std::string content;
    if (format == render::OutputFormat::json) {
        content = rules_json(rules, k_docs_url);
    } else if (format == render::OutputFormat::markdown) {
        content = rules_markdown(rules);
    } else {
        content = rules_text(rules);
    }
    emit(content, options.output);
    return 0;
}

}  // namespace

Runner setup_rules(CLI::App* command) {
    auto options = std::make_shared<RulesOptions>();
    command->add_option("--format", options->format, "Output format: text, json or markdown")
        ->default_str("text");
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    return [options] { return run_rules(*options); };
}

}  // namespace pipeadvise::cli
