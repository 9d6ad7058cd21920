// `pipeadvise rules`: the catalogue of finding ids, each with its severity in `check`, its
// one-line title and the link to its section of docs/findings.md. `--format markdown` writes
// that section itself (docs/findings.md's "Rule reference" is this output, and a test keeps
// the two equal).

#include <memory>

#include "command.hpp"
#include "pipeadvise/advisor/finding.hpp"
#include "pipeadvise/render/render.hpp"
#include "pipeadvise/version.hpp"

namespace pipeadvise::cli {

namespace {

struct RulesOptions {
    std::string format;
    std::optional<std::string> output;
};

int run_rules(const RulesOptions& options) {
    const render::OutputFormat format = parse_format_option(options.format, render::Product::rules);
    render::RenderOptions render_options;
    render_options.docs_url = k_docs_url;
    emit(render::render_rules(advisor::rules(), format, render_options), options.output);
    return 0;
}

}  // namespace

Runner setup_rules(CLI::App* command) {
    auto options = std::make_shared<RulesOptions>();
    add_format_option(*command, options->format, render::Product::rules);
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    return [options] { return run_rules(*options); };
}

}  // namespace pipeadvise::cli
